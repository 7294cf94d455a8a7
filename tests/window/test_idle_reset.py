"""Left alone, the kiosk warns, counts down at least 20 s, then starts afresh for the next person:
home page, default language, normal text size, top of the page. The launcher does it too when the
page's script is not running. At rest, with nothing to reset, there is no notice."""

import pytest

from kiosk.shell.idle import GRACE_SECONDS
from tests.window.harness import stays, wait_until

pytestmark = pytest.mark.xdist_group("window")  # one worker runs all the window tests: see scripts/test

IDLE, WARNING = 5, 20


@pytest.fixture(scope="module")
def kiosk(start_kiosk):
    return start_kiosk(idle_seconds=IDLE, idle_warning_seconds=WARNING, default_language="en")


def notice_open(kiosk):
    return kiosk.evaluate("document.getElementById('idle-notice').open")


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
    kiosk.evaluate("scrollTo(0, 600)")
    assert kiosk.evaluate("document.cookie").find("text-size=3") >= 0
    assert kiosk.evaluate("document.documentElement.lang") == "tr"
    wait_until(lambda: notice_open(kiosk), IDLE + 10, "the idle warning")
    kiosk.wait_for_path("/en/", timeout=WARNING + 10)
    assert kiosk.evaluate("document.documentElement.lang") == "en"
    assert kiosk.evaluate("document.documentElement.className") == "text-size-1"
    assert "text-size=3" not in (kiosk.evaluate("document.cookie") or "")
    assert kiosk.evaluate("scrollY") == 0
    assert notice_open(kiosk) is False


def test_the_launcher_resets_a_page_whose_script_is_not_running(kiosk):
    kiosk.go("/healthz")  # the app's own address, with no script on it at all
    kiosk.wait_for_path("/en/", timeout=IDLE + WARNING + 20)
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
