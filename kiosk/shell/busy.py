"""One warning per busy spell instead of waitress's line per waiting request.

Waitress logs "Task queue depth is N" for every request that has to wait for a free thread: under load that is
thousands of lines a minute, which fills the kiosk log and costs the very time the server is short of. This
filter swallows those lines and writes one warning when the spell is over (no request has waited for QUIET
seconds), or once a minute while it lasts: how long, how many requests waited, and the deepest queue.
"""

from __future__ import annotations

import logging
import threading
import time

QUEUE_LOGGER = "waitress.queue"
QUIET = 2.0  # seconds without a waiting request that end a spell
LONGEST = 60.0  # a spell still going is reported at least this often

log = logging.getLogger(__name__)


class QueueSpells(logging.Filter):
    def __init__(self):
        super().__init__()
        self.lock = threading.Lock()
        self.started = 0.0  # 0: not busy
        self.last = 0.0
        self.waited = 0
        self.deepest = 0
        self.stopping = threading.Event()
        threading.Thread(target=self.watch, name="queue-spells", daemon=True).start()

    def filter(self, record: logging.LogRecord) -> bool:
        if not str(record.msg).startswith("Task queue depth"):
            return True
        now = time.monotonic()
        depth = record.args[0] if isinstance(record.args, tuple) and record.args else 0
        with self.lock:
            self.started = self.started or now
            self.last = now
            self.waited += 1
            self.deepest = max(self.deepest, int(depth))
        return False

    def watch(self) -> None:
        while not self.stopping.wait(QUIET / 4):
            self.report(time.monotonic())

    def report(self, now: float) -> None:
        with self.lock:
            if not self.started:
                return
            over = now - self.last >= QUIET
            if not over and now - self.started < LONGEST:
                return
            line = (f"server busy for {now - self.started if not over else self.last - self.started:.1f} s"
                    f"{'' if over else ' and still going'}: {self.waited} request(s) waited for a free thread "
                    f"(deepest queue {self.deepest})")
            self.started = 0.0 if over else now
            self.waited = self.deepest = 0
        log.warning("%s", line)


def summarise_queue_warnings() -> QueueSpells:
    """Install the filter on waitress's queue logger (once per process) and return it."""
    logger = logging.getLogger(QUEUE_LOGGER)
    for existing in logger.filters:
        if isinstance(existing, QueueSpells):
            return existing
    spells = QueueSpells()
    logger.addFilter(spells)
    return spells
