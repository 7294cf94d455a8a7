"""The staff PIN that closes the kiosk: kept only as a salted scrypt hash, checked in constant time,
and slowed down after a few wrong tries so it cannot be guessed at the screen. The slowing down is kept in a
file, so restarting the kiosk does not start it again."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import hmac
import json
import logging
import math
import os
import re
import threading
import time
from pathlib import Path

SCHEME = "scrypt"
COST, BLOCK_SIZE, PARALLELISM = 2**14, 8, 1  # about 50 ms a check, 16 MiB of memory
FREE_TRIES = 3  # wrong tries before waiting starts
LONGEST_WAIT = 300  # seconds

log = logging.getLogger(__name__)


def valid_pin(pin: str) -> bool:
    return re.fullmatch(r"\d{4,12}", pin) is not None


def _derive(pin: str, salt: bytes, cost: int, block_size: int, parallelism: int) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, n=cost, r=block_size, p=parallelism,
                          maxmem=256 * cost * block_size, dklen=32)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)


def hash_pin(pin: str) -> str:
    """``scrypt$cost$block$parallel$salt$key``: everything needed to check the PIN, nothing to recover it."""
    salt = os.urandom(16)
    key = _derive(pin, salt, COST, BLOCK_SIZE, PARALLELISM)
    return f"{SCHEME}${COST}${BLOCK_SIZE}${PARALLELISM}${_b64(salt)}${_b64(key)}"


def parse_hash(stored: str) -> tuple[int, int, int, bytes, bytes]:
    """The parts of a stored hash; ValueError, in plain words, if it is not one ``kiosk set-pin`` wrote."""
    parts = stored.split("$")
    try:
        if len(parts) != 6 or parts[0] != SCHEME:
            raise ValueError
        cost, block_size, parallelism = (int(p) for p in parts[1:4])
        salt, key = _unb64(parts[4]), _unb64(parts[5])
        if cost < 2**10 or cost & (cost - 1) or not 1 <= block_size <= 64 or not 1 <= parallelism <= 16 or len(key) != 32:
            raise ValueError
    except ValueError:
        raise ValueError("is not a PIN hash written by `kiosk set-pin`; run it to set the PIN") from None
    return cost, block_size, parallelism, salt, key


def check_pin(pin: str, stored: str) -> bool:
    cost, block_size, parallelism, salt, key = parse_hash(stored)
    return hmac.compare_digest(_derive(pin, salt, cost, block_size, parallelism), key)


@dataclasses.dataclass(frozen=True)
class Attempt:
    ok: bool
    wait: int  # seconds before the next try is looked at; 0 means try again now


class PinGate:
    """Checks PINs typed at the kiosk. After FREE_TRIES wrong ones, each further try must wait,
    twice as long each time (5 s, 10 s, 20 s ... up to five minutes); tries made while waiting are not checked.

    With a ``state`` file, the wrong tries and the wait outlive a restart. The log gets one line for each PIN
    checked, with how many tries came while waiting, never one for each try: at two tries a second that
    would push the evidence out of the rotating log within hours."""

    def __init__(self, stored: str | None, state: Path | None = None, clock=time.time):
        self.stored = stored
        self.state = state
        self.clock = clock  # the wall clock, so a wait still means something after a restart
        self.lock = threading.Lock()
        self.wrong, self.not_before = self.load()
        self.unchecked = 0  # tries refused unchecked, while waiting, since the last line in the log

    def load(self) -> tuple[int, float]:
        if self.state is None or not self.state.exists():
            return 0, 0.0
        try:
            saved = json.loads(self.state.read_text(encoding="utf-8"))
            return int(saved["wrong"]), float(saved["not_before"])
        except (OSError, ValueError, KeyError, TypeError) as err:
            log.warning("staff exit: %s cannot be read (%s); counting wrong PINs from nought", self.state, err)
            return 0, 0.0

    def save(self) -> None:
        if self.state is None:
            return
        try:
            if not self.wrong:
                self.state.unlink(missing_ok=True)
                return
            self.state.parent.mkdir(parents=True, exist_ok=True)
            draft = self.state.with_suffix(".tmp")
            draft.write_text(json.dumps({"wrong": self.wrong, "not_before": self.not_before}), encoding="utf-8")
            os.replace(draft, self.state)
        except OSError as err:
            log.warning("staff exit: cannot keep the wrong-PIN count in %s (%s); it lasts until a restart",
                        self.state, err)

    def wait_left(self) -> int:
        # never more than the longest wait, even if the clock has been put back since the wait began
        return min(LONGEST_WAIT, max(0, math.ceil(self.not_before - self.clock())))

    def attempt(self, pin: str) -> Attempt:
        with self.lock:
            if self.stored is None:
                return Attempt(False, 0)
            if self.wait_left():
                self.unchecked += 1
                return Attempt(False, self.wait_left())
            unchecked, self.unchecked = self.unchecked, 0
            tries = f"{unchecked} {'try' if unchecked == 1 else 'tries'}"
            waited = f"; {tries} while waiting, not checked" if unchecked else ""
            if check_pin(pin, self.stored):
                if self.wrong:
                    log.info("staff exit: the right PIN, after %d wrong%s", self.wrong, waited)
                self.wrong, self.not_before = 0, 0.0
                self.save()
                return Attempt(True, 0)
            self.wrong += 1
            if self.wrong >= FREE_TRIES:
                self.not_before = self.clock() + min(LONGEST_WAIT, 5 * 2 ** (self.wrong - FREE_TRIES))
            self.save()
            wait = self.wait_left()
            log.warning("staff exit: wrong PIN, %d in a row%s%s", self.wrong, waited,
                        f"; the next try is looked at in {wait} s" if wait else "")
            return Attempt(False, wait)
