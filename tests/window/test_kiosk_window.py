"""The kiosk window fills the screen, shows the home page with the report panel, and stays on the app's pages."""

import pytest

from tests.helpers import NUMBERS
from tests.window.harness import SCREEN, wait_until

pytestmark = pytest.mark.xdist_group("window")  # one worker runs all the window tests: see scripts/test


@pytest.fixture(scope="module")
def kiosk(start_kiosk):
    return start_kiosk()


def test_window_fills_the_screen_and_shows_the_home_page_with_the_report_numbers(kiosk):
    geometry = kiosk.xdotool("getactivewindow", "getwindowgeometry")
    assert f"Geometry: {SCREEN[0]}x{SCREEN[1]}" in geometry and "Position: 0,0" in geometry
    assert kiosk.evaluate("[innerWidth, innerHeight]") == list(SCREEN)  # no browser chrome, no title bar
    assert kiosk.evaluate("document.title").startswith("Home")
    # at start, straight from the fail-safe page to the home page, not through the text-size reset's redirect
    assert kiosk.evaluate("performance.getEntriesByType('navigation')[0].redirectCount") == 0
    assert kiosk.evaluate("navigator.userAgent").find("SafeguardingKiosk/") > 0
    assert kiosk.evaluate("getComputedStyle(document.body).userSelect") == "none"  # no text selection
    for number, tel in NUMBERS.items():
        box = kiosk.box(f'.report-panel a[href="{tel}"]')
        assert box and kiosk.evaluate(f'document.querySelector(\'.report-panel a[href="{tel}"]\').textContent') == number
        assert 0 <= box["y"] and box["y"] + box["height"] <= SCREEN[1], (number, box)
    note = kiosk.box(".report-panel-call-note")  # the kiosk cannot dial them, and says so beside them
    assert note and 0 <= note["y"] and note["y"] + note["height"] <= SCREEN[1]
    assert kiosk.evaluate("document.querySelector('.report-panel-call-note').textContent").startswith("Call from any phone")
    image = kiosk.screenshot("kiosk-home.png")
    assert image.size == SCREEN
    panel = kiosk.box(".report-panel")
    assert image.getpixel((5, int(panel["y"] + panel["height"] / 2)))[:3] == (11, 12, 12)  # the dark panel, painted


def test_outside_addresses_are_refused_and_the_page_stays(kiosk):
    home = kiosk.url()
    kiosk.evaluate("location.href = 'http://example.org/'")
    wait_until(lambda: "refused to open http://example.org/" in kiosk.log(), 20, "the refusal in the log")
    kiosk.evaluate("(() => { const a = document.createElement('a'); a.href = 'https://example.net/';"
                   " a.target = '_blank'; document.body.append(a); a.click(); })()")
    kiosk.evaluate("window.open('http://example.com/')")
    wait_until(lambda: kiosk.log().count("refused to open a new window") >= 2, 20, "two refused new windows")
    assert kiosk.url() == home
    assert kiosk.evaluate("document.title").startswith("Home")
    assert len(kiosk.page_targets()) == 1


def test_leaving_shortcuts_do_nothing_harmful(kiosk):
    kiosk.go("/en/report/")
    kiosk.evaluate("window.sameDocument = true")  # gone if anything reloads or replaces the page
    kiosk.keys("F5", "ctrl+r", "alt+Left", "BackSpace", "F12", "ctrl+p", "ctrl+n", "ctrl+t", "ctrl+w", "ctrl+plus")
    kiosk.keys("ctrl+shift+e")  # the staff prompt: once it is open, the keys before it have all been handled
    wait_until(lambda: kiosk.evaluate("document.getElementById('staff-exit').open"), 10, "the staff PIN prompt")
    assert kiosk.url().endswith("/en/report/") and kiosk.evaluate("window.sameDocument") is True
    assert len(kiosk.page_targets()) == 1
    assert kiosk.evaluate("[innerWidth, innerHeight, devicePixelRatio]") == [*SCREEN, 1]
    assert kiosk.process.poll() is None
    kiosk.keys("Escape")
    wait_until(lambda: kiosk.evaluate("document.getElementById('staff-exit').open") is False, 10, "the prompt to close")


def test_tapping_a_number_is_logged_once_as_refused_not_as_a_page_that_did_not_load(kiosk):
    kiosk.go("/en/")
    start = len(kiosk.log())
    kiosk.tap('.report-panel a[href="tel:999"]')
    wait_until(lambda: "refused to open tel:999" in kiosk.log()[start:], 20, "the refused number in the log")
    kiosk.evaluate("location.href = 'http://example.org/'")  # a second refusal: the first has been answered in full
    wait_until(lambda: "refused to open http://example.org/" in kiosk.log()[start:], 20, "the second refusal")
    assert "did not load" not in kiosk.log()[start:]
    assert kiosk.url().endswith("/en/")
