from tests.helpers import NUMBERS, panel_of



def test_every_linked_page_carries_the_three_numbers_as_tel_links(site_pages):
    assert len(site_pages) >= 21  # home, nineteen cards, report page
    for path, page in site_pages.items():
        panel = panel_of(page)
        for number, tel in NUMBERS.items():
            assert f'href="{tel}"' in panel, (path, number)
            assert f"<bdi>{number}</bdi>" in panel, (path, number)


def test_999_comes_first_in_the_panel(site_pages):
    panel = panel_of(site_pages["/"])
    positions = [panel.index(f'href="{tel}"') for tel in NUMBERS.values()]
    assert positions == sorted(positions)


def test_panel_shows_the_hours_of_mash_and_out_of_hours(client):
    panel = panel_of(client.get("/en/").get_data(as_text=True))
    assert '<span class="report-contact-hours-line">Mon to Fri, 9am to 5pm</span>' in panel
    assert ('<span class="report-contact-hours-line">Mon to Fri, 5pm to 9am</span>'
            '<span class="report-contact-hours-line">Sat and Sun, any time</span>') in panel


def test_report_page_says_who_to_call_when(client):
    page = client.get("/en/report/").get_data(as_text=True)
    assert "If you or a child is in immediate danger" in page
    assert "If you are worried about a child for any reason" in page
    assert "Monday to Friday, 5pm to 9am" in page
    assert "Saturday and Sunday, any time" in page
    for tel in NUMBERS.values():
        assert f'href="{tel}"' in panel_of(page)


def test_report_page_gives_each_number_once_in_its_panel(client):
    # Issue 15: the page's own list said who answers when and wrote the three numbers again, right under (or
    # beside) the panel's; the panel is in view at every size, so the numbers are written there only.
    page = client.get("/en/report/").get_data(as_text=True)
    for number, tel in NUMBERS.items():
        assert page.count(f'href="{tel}"') == 1, number
        assert page.count(f"<bdi>{number}</bdi>") == 1, number
        assert f'href="{tel}"' in panel_of(page), number


def test_error_pages_keep_the_panel(client):
    for path in ("/en/themes/no-such-card/", "/xx/", "/en/nowhere"):
        response = client.get(path)
        assert response.status_code == 404
        panel = panel_of(response.get_data(as_text=True))
        assert all(f'href="{tel}"' in panel for tel in NUMBERS.values()), path
