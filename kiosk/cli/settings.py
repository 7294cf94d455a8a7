"""`kiosk settings`: every effective setting and where it came from."""

from __future__ import annotations

import os
import sys

from ..feedback.store import where
from ..settings import resolve


def environment(settings_file: str | None) -> dict:
    """The environment the settings are read from, with --settings FILE in it when given (os.environ unchanged)."""
    return {**os.environ, "KIOSK_SETTINGS": settings_file} if settings_file else dict(os.environ)


def show(args) -> int:
    """Print each effective setting and where it came from; bad entries go to stderr."""
    resolved = resolve(environment(args.settings))
    print(f"settings file: {resolved.path}{'' if resolved.path.exists() else ' (not found)'}")
    width = max(len(name) for name in resolved.values)
    for name, entry in resolved.values.items():
        shown = {"pin_hash": "(set)" if entry.value else "(not set)",
                 "languages": entry.value or "(every language with a catalogue)",
                 "public_url": entry.value or "(not set: posters carry no QR code)"}.get(name, entry.value)
        if name == "database_url":  # where the feedback is kept, without its password
            shown = where(str(entry.value))
        print(f"{name:<{width}}  {shown!s:<40}  {entry.origin}")
    for problem in resolved.problems:
        print(problem, file=sys.stderr)
    return 0


def add_commands(commands) -> None:
    parser = commands.add_parser("settings", help="print the effective settings and where each comes from")
    parser.add_argument("--settings", help="settings file (default: KIOSK_SETTINGS, then the per-user file)")
    parser.set_defaults(run=show)
