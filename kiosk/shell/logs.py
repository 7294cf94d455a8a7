"""The kiosk's log: a rotating file in the per-user data folder, and the same lines on standard error."""

from __future__ import annotations

import logging
import logging.handlers
import threading
import time
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


class Repeated:
    """Logs the first of a run of like events at once, then at most one line every ``every`` seconds with how
    many there were: a visitor pressing the same keys over and over cannot push the evidence out of the log."""

    def __init__(self, logger: logging.Logger, message: str, every: float = 60.0, clock=time.monotonic):
        self.logger, self.message, self.every, self.clock = logger, message, every, clock
        self.last_line: float | None = None
        self.count = 0
        self.lock = threading.Lock()

    def __call__(self) -> None:
        with self.lock:
            self.count += 1
            now = self.clock()
            if self.last_line is not None and now - self.last_line < self.every:
                return
            self.last_line, count, self.count = now, self.count, 0
        self.logger.warning("%s%s", self.message, f" ({count} times since the last such line)" if count > 1 else "")
