"""The report-a-concern numbers are on screen without scrolling, at every screen size and text size."""

import pytest

from tests.browser.conftest import SIZES

PAGES = ["/en/", "/en/themes/anti-social-behaviour-in-young-people/", "/en/report/", "/en/no-such-page/"]
NUMBER_LINKS = ['a[href="tel:999"]', 'a[href="tel:+442084894470"]', 'a[href="tel:+442084890000"]']


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("text_size", ["1", "3"])
def test_report_numbers_are_in_view_without_scrolling(browser, live_url, size, text_size):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    context.add_cookies([{"name": "text-size", "value": text_size, "url": live_url}])
    page = context.new_page()
    try:
        for path in PAGES:
            page.goto(live_url + path)
            for selector in NUMBER_LINKS:
                box = page.locator(f".report-panel {selector}").bounding_box()
                assert box is not None, (path, selector)
                assert 0 <= box["x"] and box["x"] + box["width"] <= width, (path, selector, box)
                assert 0 <= box["y"] and box["y"] + box["height"] <= height, (path, selector, box)
    finally:
        context.close()


def test_panel_stays_in_view_after_scrolling_to_the_end(browser, live_url):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(live_url + "/en/")
        page.mouse.wheel(0, 20000)
        page.wait_for_function("window.scrollY > 0")
        box = page.locator('.report-panel a[href="tel:999"]').bounding_box()
        assert 0 <= box["y"] and box["y"] + box["height"] <= 844
    finally:
        page.close()
