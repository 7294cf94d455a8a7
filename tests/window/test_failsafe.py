"""When the app's server dies or cannot start, the window shows the fail-safe page with the
report-a-concern numbers, never a blank screen, and the app comes back by itself."""

import os
import signal

import pytest

from tests.conftest import NUMBERS
from tests.window.harness import wait_until


def failsafe_numbers(kiosk) -> list[str] | None:
    if not (kiosk.url() or "").endswith("/failsafe/index.html"):
        return None
    return kiosk.evaluate("[...document.querySelectorAll('.failsafe-number')].map(e => e.textContent)")


@pytest.fixture(scope="module")
def kiosk(start_kiosk):
    return start_kiosk()


def test_killing_the_server_shows_the_failsafe_page_and_the_app_comes_back(kiosk):
    old_server = kiosk.server_pid()
    os.kill(old_server, signal.SIGKILL)
    numbers = wait_until(lambda: failsafe_numbers(kiosk), 20, "the fail-safe page")
    assert numbers == list(NUMBERS)
    assert kiosk.evaluate("document.querySelector('.failsafe h1').textContent") == "Report a concern"
    kiosk.screenshot("kiosk-failsafe.png")
    kiosk.wait_for_path("/en/", timeout=30)
    assert kiosk.evaluate("document.querySelectorAll('.report-panel a[href^=\"tel:\"]').length") == len(NUMBERS)
    assert kiosk.server_pid() != old_server
    assert "server stopped" in kiosk.log() and "the server answers again" in kiosk.log()


def test_a_server_that_cannot_start_leaves_the_failsafe_page_on_screen(start_kiosk, content_copy):
    card = content_copy / "cards" / "child-neglect.yaml"
    card.write_text(card.read_text().replace("title:", "titel:", 1))
    broken = start_kiosk(wait_for_home=False, content_dir=str(content_copy))
    assert wait_until(lambda: failsafe_numbers(broken), 60, "the fail-safe page") == list(NUMBERS)
    wait_until(lambda: "did you mean 'title'?" in broken.log(), 20, "the content problem in the log")
    broken.stop()
