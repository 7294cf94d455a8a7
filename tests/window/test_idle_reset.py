"""Left alone, the kiosk warns, counts down at least 20 s, then starts afresh for the next person:
home page, default language, normal text size, top of the page. The launcher does it too when the
page's script is not running. At rest, with nothing to reset, there is no notice.

Timings are read in the page itself (Date.now() when the notice opens, the next page's performance.timeOrigin
when the reset navigates), so the test's own polling does not blur them, and each is bounded from both sides:
the warning lasts at least its setting, and the reset comes no later than idle + warning + a margin."""

import pytest

from kiosk.shell.idle import GRACE_SECONDS
from tests.window.harness import stays, wait_until

pytestmark = pytest.mark.xdist_group("window")  # one worker runs all the window tests: see scripts/test

IDLE, WARNING = 5, 20


@pytest.fixture(scope="module")
def kiosk(start_kiosk):
    return start_kiosk(idle_seconds=IDLE, idle_warning_seconds=WARNING, default_language="en")


MARGIN = 3  # seconds a reset may come after it is due: timers, the page load, the launcher's 1 s watch

# Records, in the page, when the idle notice opens (window.noticeOpenedAt, ms since the epoch).
RECORD_NOTICE_OPENING = """
window.noticeOpenedAt = 0;
new MutationObserver(() => {
  if (document.getElementById('idle-notice').open && !window.noticeOpenedAt) window.noticeOpenedAt = Date.now();
}).observe(document.getElementById('idle-notice'), { attributes: true });
"""


def notice_open(kiosk):
    return kiosk.evaluate("document.getElementById('idle-notice').open")


def page_started_at(kiosk) -> float:
    """When the page now shown began to load (ms since the epoch): the moment of a reset's navigation."""
    return kiosk.evaluate("performance.timeOrigin")


def test_the_warning_appears_and_i_am_still_here_keeps_the_page(kiosk):
    kiosk.go("/en/report/")
    wait_until(lambda: notice_open(kiosk), IDLE + 10, "the idle warning")
    assert kiosk.evaluate("document.getElementById('idle-notice-heading').textContent") == "Are you still there?"
    assert int(kiosk.evaluate("document.querySelector('.idle-seconds-left').textContent")) >= WARNING - 3
    kiosk.tap("#idle-notice .idle-stay")
    wait_until(lambda: notice_open(kiosk) is False, 10, "the warning to close")
    assert kiosk.url().endswith("/en/report/")


def test_no_answer_goes_back_to_the_home_page_in_the_default_language(kiosk):
    kiosk.go("/tr/themes/child-neglect/")
    kiosk.tap('.text-size a[data-text-size="3"]')
    assert kiosk.evaluate("document.cookie").find("text-size=3") >= 0
    assert kiosk.evaluate("document.documentElement.lang") == "tr"
    kiosk.evaluate(RECORD_NOTICE_OPENING)
    last_touch = kiosk.evaluate("scrollTo(0, 600); Date.now()")  # a scroll counts as activity
    wait_until(lambda: kiosk.evaluate("scrollY") > 0, 10, "the page to scroll")
    wait_until(lambda: notice_open(kiosk), IDLE + 10, "the idle warning")
    opened = kiosk.evaluate("window.noticeOpenedAt")
    kiosk.wait_for_path("/en/", timeout=WARNING + 10)
    reset = page_started_at(kiosk)
    assert IDLE <= (opened - last_touch) / 1000 <= IDLE + MARGIN
    # the countdown lasts its whole setting (WCAG 2.2.1: at least 20 s), neither cut short nor dragged out
    # (0.1 s allowed for the page's two clocks: Date.now() and the next page's timeOrigin)
    assert WARNING - 0.1 <= (reset - opened) / 1000 <= WARNING + MARGIN
    assert kiosk.evaluate("document.documentElement.lang") == "en"
    assert kiosk.evaluate("document.documentElement.className") == "text-size-1"
    assert "text-size=3" not in (kiosk.evaluate("document.cookie") or "")
    assert kiosk.evaluate("scrollY") == 0
    assert notice_open(kiosk) is False


def test_the_launcher_resets_a_page_whose_script_is_not_running(kiosk):
    kiosk.go("/healthz")  # the app's own address, with no script on it at all
    loaded = kiosk.evaluate("performance.timeOrigin + performance.getEntriesByType('navigation')[0].loadEventEnd")
    kiosk.wait_for_path("/en/", timeout=IDLE + WARNING + 20)
    waited = (page_started_at(kiosk) - loaded) / 1000
    # never while the page's own warning could still be counting down; soon after it would have ended
    assert IDLE + WARNING <= waited <= IDLE + WARNING + GRACE_SECONDS + MARGIN
    assert "nobody has used the kiosk for a while" in kiosk.log()


def test_the_home_page_at_rest_is_left_alone(kiosk):
    kiosk.go("/en/")
    kiosk.evaluate("window.sameDocument = true")  # gone if the launcher reloads the page
    # two idle periods and more, and past the launcher's own deadline
    stays(lambda: notice_open(kiosk) is False, IDLE + WARNING + GRACE_SECONDS + 5, "the home page without the notice")
    assert kiosk.evaluate("window.sameDocument") is True


def test_the_home_page_scrolled_down_is_not_at_rest(kiosk):
    kiosk.go("/en/")
    kiosk.evaluate("window.sameDocument = true; scrollTo(0, 600)")
    wait_until(lambda: notice_open(kiosk), IDLE + 10, "the idle warning")
    wait_until(lambda: kiosk.evaluate("location.pathname + ' ' + scrollY + ' ' + (window.sameDocument || false)")
               == "/en/ 0 false", WARNING + 10, "the home page afresh, at the top")
