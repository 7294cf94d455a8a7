"""The kiosk's log: a rotating file in the per-user data folder, and the same lines on standard error."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup(folder: Path) -> Path:
    """Log to ``folder/kiosk.log`` (1 MB a file, five old files kept); returns the file's path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "kiosk.log"
    to_file = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    to_file.setFormatter(logging.Formatter(FORMAT))
    to_screen = logging.StreamHandler()
    to_screen.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    root.addHandler(to_file)
    root.addHandler(to_screen)
    logging.getLogger("pywebview").setLevel(logging.WARNING)
    return path
