"""How fast one client may post: a sliding window per client, in memory only. The client's address is the key
while it is in the window and is never written anywhere."""

from __future__ import annotations

import threading
import time
from collections import deque


class RateLimit:
    def __init__(self, per_minute: int, clock=time.monotonic):
        self.per_minute = per_minute
        self.clock = clock
        self.seen: dict[str, deque] = {}
        self.lock = threading.Lock()

    def allow(self, client: str) -> bool:
        """True, and counted, if ``client`` has posted fewer than ``per_minute`` times in the last minute."""
        now = self.clock()
        with self.lock:
            if len(self.seen) > 10_000:  # forget clients that have gone quiet, so memory stays small
                self.seen = {key: times for key, times in self.seen.items() if times and times[-1] > now - 60}
            times = self.seen.setdefault(client, deque())
            while times and times[0] <= now - 60:
                times.popleft()
            if len(times) >= self.per_minute:
                return False
            times.append(now)
            return True
