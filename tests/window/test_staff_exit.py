"""Staff close the kiosk with the PIN: Ctrl+Shift+E, or holding the top start corner for five seconds, opens the
prompt; a wrong PIN does nothing, the right one closes the kiosk."""

import pytest

from kiosk.pin import hash_pin
from tests.window.harness import stays, wait_until

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


HOLD = 5  # seconds

# Records, in the page, when the pointer went down and when the prompt opened (ms since the epoch).
RECORD_HOLD = """
window.pressedAt = 0; window.promptOpenedAt = 0;
addEventListener('pointerdown', () => { window.pressedAt = Date.now(); }, { capture: true });
new MutationObserver(() => {
  if (document.getElementById('staff-exit').open && !window.promptOpenedAt) window.promptOpenedAt = Date.now();
}).observe(document.getElementById('staff-exit'), { attributes: true });
"""


def prompt_open(kiosk):
    return kiosk.evaluate("document.getElementById('staff-exit').open")


def test_a_tap_or_a_short_hold_on_the_corner_does_not_open_the_pin_prompt(kiosk):
    kiosk.xdotool("mousemove", "20", "20", "click", "1")
    kiosk.xdotool("mousedown", "1")
    try:
        stays(lambda: prompt_open(kiosk) is False, HOLD - 1, "without the prompt while held for under five seconds")
    finally:
        kiosk.xdotool("mouseup", "1")
    # let go before five seconds: nothing is left waiting to open it later
    stays(lambda: prompt_open(kiosk) is False, 3, "without the prompt after letting go")


def test_holding_the_top_start_corner_for_five_seconds_opens_the_pin_prompt(kiosk):
    kiosk.evaluate(RECORD_HOLD)
    kiosk.xdotool("mousemove", "20", "20", "mousedown", "1")
    try:
        wait_until(lambda: prompt_open(kiosk), HOLD + 10, "the staff PIN prompt")
    finally:
        kiosk.xdotool("mouseup", "1")
    held = (kiosk.evaluate("window.promptOpenedAt") - kiosk.evaluate("window.pressedAt")) / 1000
    assert HOLD <= held <= HOLD + 1.5
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
