"""The staff PIN is stored only as a salted hash, and guessing it at the screen is slowed down."""

import logging
import subprocess
import sys

import pytest

from kiosk import pin, settings


def test_the_hash_checks_the_pin_and_does_not_contain_it():
    stored = pin.hash_pin("2468")
    assert "2468" not in stored and stored.startswith("scrypt$")
    assert pin.check_pin("2468", stored) and not pin.check_pin("2469", stored)
    assert pin.hash_pin("2468") != stored  # salted


@pytest.mark.parametrize("bad", ["2468", "scrypt$16384$8$1$abc", "md5$x$y$z$a$b", ""])
def test_anything_but_a_real_hash_is_refused_plainly(bad):
    with pytest.raises(ValueError, match="kiosk set-pin"):
        pin.parse_hash(bad)


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_wrong_pins_are_slowed_down_after_three_tries():
    clock = Clock()
    gate = pin.PinGate(pin.hash_pin("2468"), clock=clock)
    assert [gate.attempt("0000") for _ in range(2)] == [pin.Attempt(False, 0)] * 2
    assert gate.attempt("0000") == pin.Attempt(False, 5)
    assert gate.attempt("2468") == pin.Attempt(False, 5)  # not even looked at while waiting
    clock.now += 5
    assert gate.attempt("1111") == pin.Attempt(False, 10)
    clock.now += 10
    assert gate.attempt("2468") == pin.Attempt(True, 0)
    assert gate.attempt("0000") == pin.Attempt(False, 0)  # the count starts again


def test_the_wait_and_the_count_outlive_a_restart(tmp_path):
    clock, stored, state = Clock(), pin.hash_pin("2468"), tmp_path / "staff-pin-tries.json"
    gate = pin.PinGate(stored, state, clock=clock)
    assert [gate.attempt("0000").wait for _ in range(3)] == [0, 0, 5]
    restarted = pin.PinGate(stored, state, clock=clock)
    assert restarted.attempt("2468") == pin.Attempt(False, 5)  # still waiting: not even looked at
    clock.now += 5
    assert restarted.attempt("1111") == pin.Attempt(False, 10)  # the fourth wrong PIN, not the first
    clock.now += 10
    assert pin.PinGate(stored, state, clock=clock).attempt("2468") == pin.Attempt(True, 0)
    assert not state.exists()
    assert pin.PinGate(stored, state, clock=clock).attempt("0000") == pin.Attempt(False, 0)  # counting afresh


def test_a_clock_put_back_never_makes_the_wait_longer_than_five_minutes(tmp_path):
    clock, stored, state = Clock(), pin.hash_pin("2468"), tmp_path / "staff-pin-tries.json"
    gate = pin.PinGate(stored, state, clock=clock)
    for _ in range(3):
        gate.attempt("0000")
    clock.now -= 86400
    assert pin.PinGate(stored, state, clock=clock).attempt("2468") == pin.Attempt(False, pin.LONGEST_WAIT)


def test_tries_while_waiting_are_counted_in_one_line_not_logged_one_by_one(caplog):
    caplog.set_level(logging.INFO, logger="kiosk.pin")
    clock = Clock()
    gate = pin.PinGate(pin.hash_pin("2468"), clock=clock)
    checked = 0
    for _ in range(161):  # two tries a second for 80 s
        checked += gate.wait_left() == 0
        gate.attempt("0000")
        clock.now += 0.5
    lines = [record.getMessage() for record in caplog.records if record.name == "kiosk.pin"]
    assert len(lines) == checked == 7
    assert lines[:4] == [
        "staff exit: wrong PIN, 1 in a row",
        "staff exit: wrong PIN, 2 in a row",
        "staff exit: wrong PIN, 3 in a row; the next try is looked at in 5 s",
        "staff exit: wrong PIN, 4 in a row; 9 tries while waiting, not checked; the next try is looked at in 10 s",
    ]
    clock.now = gate.not_before
    gate.attempt("2468")
    assert caplog.records[-1].getMessage() == "staff exit: the right PIN, after 7 wrong; 8 tries while waiting, not checked"


def test_without_a_pin_nothing_unlocks():
    assert pin.PinGate(None).attempt("") == pin.Attempt(False, 0)


def test_kiosk_set_pin_stores_only_the_hash(tmp_path):
    path = tmp_path / "settings.yaml"
    path.write_text("# reception\nidle_seconds: 90\n")
    result = subprocess.run([sys.executable, "-m", "kiosk.cli", "set-pin", "--settings", str(path)],
                            input="97531\n", capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    text = path.read_text()
    assert "97531" not in text and text.startswith("# reception\nidle_seconds: 90\npin_hash: scrypt$")
    stored = settings.resolve({"KIOSK_SETTINGS": str(path)}).values["pin_hash"].value
    assert pin.check_pin("97531", stored)


def test_kiosk_set_pin_refuses_a_pin_that_is_not_digits(tmp_path):
    path = tmp_path / "settings.yaml"
    result = subprocess.run([sys.executable, "-m", "kiosk.cli", "set-pin", "--settings", str(path)],
                            input="abc\n", capture_output=True, text=True)
    assert result.returncode == 1 and result.stderr.strip() == "A PIN is 4 to 12 digits; nothing was changed."
    assert not path.exists()
