"""Quick exit (issue 15): the setting and its address, the button on every page when it is on (and nowhere when
it is off), and the neutral page it leads to: plain, local, in the reader's language and kept offline."""

from __future__ import annotations

import re

import pytest

from kiosk import create_app, settings
from kiosk.state import kiosk_state
from tests.helpers import NUMBERS

# What the neutral page must not show: any word or number that tells where the reader came from.
GIVEAWAYS = re.compile(r"safeguard|abuse|neglect|concern|report|case review|harm|MASH|" +
                       "|".join(re.escape(number) for number in NUMBERS), re.IGNORECASE)


@pytest.fixture(scope="module")
def exit_app():
    return create_app({"TESTING": True, "QUICK_EXIT": True})


def page_types(app, lang: str = "en") -> list[str]:
    slug = next(iter(kiosk_state(app).library.cards))
    return [f"/{lang}/", f"/{lang}/themes/{slug}/", f"/{lang}/report/", f"/{lang}/search/", f"/{lang}/offline/",
            f"/{lang}/no-such-page/"]


def test_quick_exit_settings_are_read_and_a_bad_value_is_reported_while_the_default_stands(tmp_path):
    path = tmp_path / "settings.yaml"
    path.write_text("quick_exit: yes\nquick_exit_url: /welcome/\n")
    resolved = settings.resolve({"KIOSK_SETTINGS": str(path)})
    assert resolved.problems == []
    assert resolved.as_config()["QUICK_EXIT"] is True and resolved.as_config()["QUICK_EXIT_URL"] == "/welcome/"
    path.write_text("quick_exit: soon\nquick_exit_url: javascript:alert(1)\n")
    resolved = settings.resolve({"KIOSK_SETTINGS": str(path), "KIOSK_QUICK_EXIT_URL": "//elsewhere.example/"})
    assert resolved.values["quick_exit"].value is None and resolved.values["quick_exit_url"].value is None
    assert sorted(resolved.problems) == sorted([
        f"{path}: quick_exit: expected true or false, got 'soon'; using None (default)",
        f"{path}: quick_exit_url: expected a path on this site such as '/welcome/' or a web address, "
        "got 'javascript:alert(1)'; using None (default)",
        "KIOSK_QUICK_EXIT_URL: quick_exit_url: expected a path on this site such as '/welcome/' or a web address, "
        "got '//elsewhere.example/'; using None (default)",
    ])
    assert settings.exit_address("https://www.bbc.co.uk/weather") == "https://www.bbc.co.uk/weather"


def test_off_by_default_on_the_live_app_no_button_and_no_neutral_page(client, app):
    for path in page_types(app):
        assert 'class="quick-exit' not in client.get(path).get_data(as_text=True), path
    assert client.get("/en/welcome/").status_code == 404


def test_on_every_page_type_has_the_button_leading_to_the_neutral_page_in_its_language(exit_app):
    client = exit_app.test_client()
    for lang in ("en", "ar"):
        for path in page_types(exit_app, lang):
            page = client.get(path).get_data(as_text=True)
            button = re.search(r'<a class="quick-exit-button" href="([^"]+)" rel="nofollow noreferrer">', page)
            assert button and button.group(1) == f"/{lang}/welcome/", path
            assert 'role="status"' in page and "js/quick-exit." in page, path
    arabic = client.get("/ar/").get_data(as_text=True)
    assert "الخروج من هذه الصفحة" in arabic and 'data-loading="جارٍ التحميل."' in arabic


def test_the_neutral_page_is_plain_local_and_in_the_readers_language(exit_app):
    client = exit_app.test_client()
    for lang, welcome in (("en", "Welcome"), ("bn", "স্বাগতম"), ("ar", "مرحبًا")):
        response = client.get(f"/{lang}/welcome/")
        page = response.get_data(as_text=True)
        assert response.status_code == 200
        assert f"<title>{welcome}</title>" in page and f'<html lang="{lang}"' in page
        text = re.sub(r"<[^>]+>", " ", page)
        assert not GIVEAWAYS.search(text) and not GIVEAWAYS.search(re.sub(r'href="[^"]*\.css"', "", page))
        assert "report-panel" not in page and "manifest" not in page and "icon" not in page
        assert not re.search(r"""(src|href|action)=["']?(https?:)?//""", page)


def test_the_neutral_page_is_kept_offline_with_each_language(exit_app, app):
    worker = exit_app.test_client().get("/service-worker.js").get_data(as_text=True)
    assert '"/en/welcome/"' in worker and '"/ar/welcome/"' in worker
    assert "/welcome/" not in app.test_client().get("/service-worker.js").get_data(as_text=True)


def test_a_site_may_name_its_own_exit_address_and_then_keeps_no_neutral_page():
    app = create_app({"TESTING": True, "QUICK_EXIT": True, "QUICK_EXIT_URL": "https://www.bbc.co.uk/weather"})
    client = app.test_client()
    assert 'class="quick-exit-button" href="https://www.bbc.co.uk/weather"' in client.get("/en/").get_data(as_text=True)
    assert "/welcome/" not in client.get("/service-worker.js").get_data(as_text=True)
