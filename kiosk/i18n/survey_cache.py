"""What start-up learnt about each catalogue, remembered by the bytes it was learnt from.

Reading a .po with Babel, compiling it to compare with its .mo, and running `kiosk i18n check`'s checks take
most of a second for the shipped languages, on every start, in the server the kiosk window waits for (issue 16).
The answer (how the language is named and written, the translated keys, the review state, the checks' errors)
depends only on the language's code, the .po, the .mo and the code that reads and checks them, so it is kept in
the per-user cache folder under a hash of exactly those (and Babel's version): any edit, a damaged or missing .mo, or a new version of the checks is a new key, and the
catalogue is surveyed afresh (and its .mo rebuilt) as before. A cache that cannot be read or written costs only
time.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path

import babel
import platformdirs

from ..settings import APP_NAME
from . import catalogues, checks, languages

CODE = (Path(catalogues.__file__), Path(checks.__file__), Path(languages.__file__), Path(__file__))  # what turns
#                                                                            the bytes into the answer

log = logging.getLogger(__name__)


def cache_dir() -> Path:
    return platformdirs.user_cache_path(APP_NAME, appauthor=False) / "catalogue-survey"


def key(po_path: Path) -> str | None:
    """The hash of the .po, its .mo and the code; None when one cannot be read (no .mo yet)."""
    digest = hashlib.sha256(f"{babel.__version__}\0{languages.language_of(po_path)}\0".encode())  # the code names it
    try:
        for path in (po_path, po_path.with_suffix(".mo"), *CODE):
            data = path.read_bytes()
            digest.update(len(data).to_bytes(8, "big") + data)
    except OSError:
        return None
    return digest.hexdigest()[:32]


def recall(po_path: Path) -> dict | None:
    """The answer kept for these exact bytes, or None."""
    name = key(po_path)
    if name is None:
        return None
    try:
        answer = json.loads((cache_dir() / f"{name}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not (isinstance(answer, dict) and {"language", "translated", "review", "errors"} <= answer.keys()):
        return None
    language = answer["language"]
    return answer if isinstance(language, list) and len(language) == 3 and all(isinstance(part, str) for part in language) else None


def remember(po_path: Path, answer: dict) -> None:
    """Keep ``answer`` for the catalogue as it is now (its .mo just compiled)."""
    name = key(po_path)
    if name is None:
        return
    target = cache_dir() / f"{name}.json"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.{os.getpid()}")  # two processes starting at once
        partial.write_text(json.dumps(answer, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, target)
    except OSError as err:
        log.info("catalogue survey not kept (%s); the next start surveys %s again", err, po_path.name)
