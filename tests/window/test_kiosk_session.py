"""The start-at-boot session (README, "Start at boot"): scripts/kiosk-session on a bare X screen, as a display
manager starts a log-in session, shows the kiosk under a window manager with no keys, starts the launcher
again when its window is lost, and ends, with status 0, when staff type the PIN."""

import os
import signal
import sys
from pathlib import Path

import pytest

from kiosk.pin import hash_pin
from kiosk.settings import PROJECT_DIR
from tests.window.harness import Kiosk, descendants, read_bytes, virtual_screen, wait_until

pytestmark = pytest.mark.xdist_group("window")  # one worker runs all the window tests: see scripts/test

PIN = "2468"


@pytest.fixture(scope="module")
def bare_display():
    with virtual_screen(window_manager=False) as name:
        yield name


@pytest.fixture()
def session(bare_display, tmp_path):
    started = Kiosk(bare_display, tmp_path, {"pin_hash": hash_pin(PIN)},
                    command=["env", f"KIOSK_PYTHON={sys.executable}", str(PROJECT_DIR / "scripts" / "kiosk-session")])
    yield started
    for pid in reversed(descendants(started.process.pid)):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    started.process.wait()


def launcher(session) -> int | None:
    """The launcher the session is running now."""
    found = [pid for pid in descendants(session.process.pid)
             if read_bytes(f"/proc/{pid}/cmdline").split(b"\0")[1:2] == [b"launcher.py"]]
    return found[0] if found else None


def test_the_kiosk_session_starts_a_lost_window_again_and_ends_with_the_staff_pin(session):
    session.wait_for_path("/en/", timeout=90)
    first = launcher(session)
    window_manager = [pid for pid in descendants(session.process.pid) if b"matchbox-no-keys" in read_bytes(f"/proc/{pid}/cmdline")]
    assert window_manager
    session.evaluate("window.sameDocument = true")
    session.keys("alt+F4", "alt+c", "alt+Tab", "ctrl+alt+x")  # no key does anything in this session
    session.keys("ctrl+shift+e")  # the page's own key: once it is answered, the keys before it have been
    wait_until(lambda: session.evaluate("document.getElementById('staff-exit').open"), 10, "the staff PIN prompt")
    session.keys("Escape")
    assert launcher(session) == first and session.evaluate("window.sameDocument") is True
    assert "refused to close" not in session.log()  # not even asked: the window manager has no close key
    session.xdotool("windowkill", session.xdotool("search", "--onlyvisible", "--pid", str(first)).split()[0])
    wait_until(lambda: launcher(session) not in (None, first), 30, "the session to start the launcher again")
    session.wait_for_path("/en/", timeout=90)
    assert session.log().count("kiosk starting") == 2
    session.keys("ctrl+shift+e")
    wait_until(lambda: session.evaluate("document.getElementById('staff-exit').open"), 10, "the staff PIN prompt")
    session.type(PIN)
    session.keys("Return")
    assert session.process.wait(timeout=30) == 0
    wait_until(lambda: not Path(f"/proc/{window_manager[0]}").exists(), 10, "the window manager to go with the session")
