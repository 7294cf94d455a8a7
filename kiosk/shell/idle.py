"""The launcher's own idle deadline, behind the page's idle script.

The page warns and resets by itself (static/js/idle-reset.js). If its script has failed, nothing would;
so the launcher also resets the window when it has heard of no touch, key or page load for the page's
idle time, plus its warning time, plus a little grace (the page reports activity at most every 2 s).
"""

from __future__ import annotations

import threading
import time

GRACE_SECONDS = 5


class IdleWatch:
    def __init__(self, idle_seconds: int, warning_seconds: int, clock=time.monotonic):
        self.limit = idle_seconds + warning_seconds + GRACE_SECONDS
        self.clock = clock
        self.last = clock()
        self.lock = threading.Lock()

    def touch(self) -> None:
        with self.lock:
            self.last = self.clock()

    def expired(self) -> bool:
        with self.lock:
            return self.clock() - self.last > self.limit
