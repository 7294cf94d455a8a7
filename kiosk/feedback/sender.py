"""A kiosk's outbox: answers are stored in the kiosk's own database first, then sent to ``feedback_url`` (the
partnership's collector) whenever it answers; each keeps its id, so a batch sent twice is counted once."""

from __future__ import annotations

import json
import logging
import threading
import urllib.error
import urllib.request
from datetime import datetime, timezone

from .answer import Answer
from .store import Store, StoreError

log = logging.getLogger(__name__)

BATCH = 50
RETRY_SECONDS = 60


def as_json(answer: Answer) -> dict:
    return {"id": answer.id, "card": answer.card, "language": answer.language, "answer": answer.answer,
            "reasons": list(answer.reasons), "comment": answer.comment,
            "at": answer.answered_at.replace(tzinfo=timezone.utc).isoformat(), "outlet": answer.outlet}


def send_pending(store: Store, url: str, timeout: float = 10) -> int:
    """Send every unsent answer to the collector at ``url``, a batch at a time; how many it took. Stops at the
    first failure (no network, the collector down) and leaves the rest for the next try."""
    sent = 0
    while batch := store.unsent(BATCH):
        request = urllib.request.Request(url, data=json.dumps({"answers": [as_json(a) for a in batch]}).encode(),
                                         headers={"Content-Type": "application/json"}, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                result = json.load(response)
        except (OSError, ValueError) as err:  # URLError and HTTPError are OSErrors
            log.info("feedback collector %s not reached (%s); %d answers wait", url, err, len(batch))
            return sent
        done = set(result.get("stored", [])) | set(result.get("duplicate", [])) | set(result.get("rejected", {}))
        for answer_id, why in result.get("rejected", {}).items():
            log.warning("the collector refused answer %s: %s", answer_id, why)
        ids = [answer.id for answer in batch if answer.id in done]
        if not ids:
            return sent
        store.mark_sent(ids, datetime.now(timezone.utc).replace(tzinfo=None))
        sent += len(ids)
    return sent


class Sender(threading.Thread):
    """Sends in the background: at start, after each new answer (``wake``) and every minute."""

    def __init__(self, store: Store, url: str):
        super().__init__(name="feedback-sender", daemon=True)
        self.store, self.url = store, url
        self.woken = threading.Event()

    def wake(self) -> None:
        self.woken.set()

    def run(self) -> None:
        while True:
            try:
                send_pending(self.store, self.url)
            except StoreError as err:
                log.error("%s", err)
            self.woken.wait(RETRY_SECONDS)
            self.woken.clear()
