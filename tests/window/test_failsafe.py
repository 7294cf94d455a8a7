"""When the app's server dies or cannot start, the window shows the fail-safe page with the
report-a-concern numbers, never a blank screen, and the app comes back by itself."""

import os
import signal
from pathlib import Path

import pytest

from tests.helpers import NUMBERS
from tests.window.harness import wait_until

pytestmark = pytest.mark.xdist_group("window")  # one worker runs all the window tests: see scripts/test


def failsafe_numbers(kiosk) -> list[str] | None:
    """The numbers of the fail-safe page's first language section (every language repeats them)."""
    if not (kiosk.url() or "").endswith("/failsafe/index.html"):
        return None
    return kiosk.evaluate("[...document.querySelectorAll('.failsafe-language')[0].querySelectorAll('.failsafe-number')]"
                          ".map(e => e.textContent)")


def parent(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


@pytest.fixture(scope="module")
def kiosk(start_kiosk):
    return start_kiosk()


def test_killing_the_server_shows_the_failsafe_page_and_the_app_comes_back(kiosk):
    old_server = kiosk.server_pid()
    for pid in kiosk.processes(b"kiosk.cli.serve"):  # the standby too: no server left to take over at once
        os.kill(pid, signal.SIGKILL)
    numbers = wait_until(lambda: failsafe_numbers(kiosk), 20, "the fail-safe page")
    assert numbers == list(NUMBERS)
    assert kiosk.evaluate("document.querySelector('.failsafe h1').textContent") == "Report a concern"
    kiosk.screenshot("kiosk-failsafe.png")
    kiosk.wait_for_path("/en/", timeout=30)
    assert kiosk.evaluate("document.querySelectorAll('.report-panel a[href^=\"tel:\"]').length") == len(NUMBERS)
    assert kiosk.server_pid() != old_server
    assert "server stopped" in kiosk.log() and "the server answers again" in kiosk.log()


def test_a_crashed_page_is_replaced_by_the_home_page(kiosk):
    kiosk.go("/en/report/")
    zygotes = kiosk.processes(b"--type=zygote")
    renderers = [pid for pid in zygotes if parent(pid) in zygotes]  # Chromium forks renderers from a zygote
    assert renderers
    for pid in renderers:
        os.kill(pid, signal.SIGKILL)
    kiosk.wait_for_path("/en/", timeout=20)
    assert "renderer stopped" in kiosk.log()


def test_a_server_that_cannot_start_leaves_the_failsafe_page_on_screen(start_kiosk, content_copy):
    card = content_copy / "cards" / "child-neglect.yaml"
    card.write_text(card.read_text().replace("title:", "titel:", 1))
    broken = start_kiosk(wait_for_home=False, content_dir=str(content_copy))
    assert wait_until(lambda: failsafe_numbers(broken), 60, "the fail-safe page") == list(NUMBERS)
    wait_until(lambda: "did you mean 'title'?" in broken.log(), 20, "the content problem in the log")
    broken.stop()
