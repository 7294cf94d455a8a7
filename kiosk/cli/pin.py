"""`kiosk set-pin`: the staff PIN that closes the kiosk window, stored only as a salted hash."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from ..pin import hash_pin, valid_pin
from ..settings import settings_path, write_value
from .settings import environment


def read_new_pin() -> str | None:
    """Twice at a terminal (hidden), or one line from standard input when it is not a terminal."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().strip()
    first = getpass.getpass("New staff PIN (4 to 12 digits): ")
    if getpass.getpass("The same PIN again: ") != first:
        print("The two PINs differ; nothing was changed.", file=sys.stderr)
        return None
    return first


def set_pin(args) -> int:
    pin = read_new_pin()
    if pin is None:
        return 1
    if not valid_pin(pin):
        print("A PIN is 4 to 12 digits; nothing was changed.", file=sys.stderr)
        return 1
    path = Path(settings_path(environment(args.settings)))
    write_value(path, "pin_hash", hash_pin(pin))
    print(f"Staff PIN saved, hashed, in {path}")
    return 0


def add_commands(commands) -> None:
    parser = commands.add_parser("set-pin", help="set the staff PIN that closes the kiosk window")
    parser.add_argument("--settings", help="settings file (default: KIOSK_SETTINGS, then the per-user file)")
    parser.set_defaults(run=set_pin)
