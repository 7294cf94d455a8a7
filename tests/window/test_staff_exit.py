"""Staff close the kiosk with the PIN: Ctrl+Shift+E, or holding the top start corner for five seconds, opens the
prompt; a wrong PIN does nothing, the right one closes the kiosk."""

import pytest

from kiosk.pin import hash_pin
from tests.window.harness import wait_until

pytestmark = pytest.mark.xdist_group("window")  # one worker runs all the window tests: see scripts/test

PIN = "2468"


@pytest.fixture(scope="module")
def kiosk(start_kiosk):
    return start_kiosk(pin_hash=hash_pin(PIN))


def pin_tries(kiosk):
    return kiosk.log_path.parent.parent / "staff-pin-tries.json"


def open_prompt(kiosk):
    kiosk.keys("ctrl+shift+e")
    wait_until(lambda: kiosk.evaluate("document.getElementById('staff-exit').open"), 10, "the staff PIN prompt")


def test_holding_the_top_start_corner_opens_the_pin_prompt(kiosk):
    kiosk.xdotool("mousemove", "20", "20", "mousedown", "1")
    try:
        wait_until(lambda: kiosk.evaluate("document.getElementById('staff-exit').open"), 10, "the staff PIN prompt")
    finally:
        kiosk.xdotool("mouseup", "1")
    assert kiosk.url().endswith("/en/")
    kiosk.tap("#staff-exit .staff-exit-cancel")
    wait_until(lambda: kiosk.evaluate("document.getElementById('staff-exit').open") is False, 10, "the prompt to close")


def test_a_wrong_pin_does_not_close_the_kiosk(kiosk):
    open_prompt(kiosk)
    kiosk.type("1357")
    kiosk.keys("Return")
    message = wait_until(lambda: kiosk.evaluate("document.querySelector('.staff-exit-message').textContent"), 10,
                         "an answer to the wrong PIN")
    assert message == "That PIN is not right."
    assert kiosk.process.poll() is None
    assert "staff exit: wrong PIN, 1 in a row" in kiosk.log()
    assert pin_tries(kiosk).exists()  # kept for the next start
    assert PIN not in kiosk.settings_path.read_text() and PIN not in kiosk.log()


def test_the_right_pin_closes_the_kiosk(kiosk):
    open_prompt(kiosk)
    kiosk.type(PIN)
    kiosk.keys("Return")
    assert kiosk.process.wait(timeout=20) == 0
    assert "kiosk closed with the staff PIN" in kiosk.log()
    assert not pin_tries(kiosk).exists()
