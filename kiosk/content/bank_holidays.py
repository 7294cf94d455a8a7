"""Bank holidays from the ``holidays`` package, remembered between starts.

Asking ``holidays`` for England's bank holidays imports every country it knows (about 250 modules: a fifth of a
second, on every start, in the server the kiosk window waits for; issue 16). The answer depends only on the
package's version and the question, so it is kept in the per-user cache folder under a hash of both: a new
version of ``holidays`` is a new key and is asked afresh. A cache that cannot be read or written costs only time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import json
import logging
import os
from pathlib import Path

import platformdirs

from ..settings import APP_NAME

FORMAT = "1"  # of the kept answer; change it when the answer's shape changes
log = logging.getLogger(__name__)


def cache_dir() -> Path:
    return platformdirs.user_cache_path(APP_NAME, appauthor=False) / "bank-holidays"


def bank_holidays(region: str, subdivision: str, years: range) -> list[dt.date] | None:
    """The bank holidays of ``subdivision`` of ``region`` in ``years``, in date order; None when ``holidays``
    does not know that subdivision (or region)."""
    name = _key(region, subdivision, years)
    found, days = _recall(name) if name else (False, None)
    if found:
        return days
    days = _ask_holidays(region, subdivision, years)
    if name:
        _remember(name, None if days is None else [day.isoformat() for day in days])
    return days


def _ask_holidays(region: str, subdivision: str, years: range) -> list[dt.date] | None:
    import holidays

    try:
        return sorted(holidays.country_holidays(region, subdiv=subdivision, years=years))
    except NotImplementedError:
        return None


def _key(region: str, subdivision: str, years: range) -> str | None:
    """A hash of the question and the installed ``holidays`` (its version file), without importing it."""
    spec = importlib.util.find_spec("holidays")
    if spec is None or spec.origin is None:
        return None
    try:
        version = (Path(spec.origin).parent / "version.py").read_bytes()
    except OSError:
        return None
    question = json.dumps([FORMAT, region, subdivision, years.start, years.stop]).encode()
    return hashlib.sha256(version + b"\0" + question).hexdigest()[:32]


def _recall(name: str) -> tuple[bool, list[dt.date] | None]:
    """(True, the kept answer), or (False, None) when nothing usable is kept."""
    try:
        days = json.loads((cache_dir() / f"{name}.json").read_text(encoding="utf-8"))["days"]
        return True, None if days is None else [dt.date.fromisoformat(day) for day in days]
    except (OSError, ValueError, TypeError, KeyError):
        return False, None


def _remember(name: str, days: list[str] | None) -> None:
    target = cache_dir() / f"{name}.json"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.{os.getpid()}")  # two processes starting at once
        partial.write_text(json.dumps({"days": days}), encoding="utf-8")
        os.replace(partial, target)
    except OSError as err:
        log.info("bank holidays not kept (%s); the next start asks the holidays package again", err)
