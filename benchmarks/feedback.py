"""Feedback: how long storing one answer takes on SQLite, and whether a collector takes the queued answers of many
devices in time, none lost and none counted twice.

    python benchmarks/feedback.py                    # 500 single stores; 20 devices x 500 answers
    python benchmarks/feedback.py -n 200 --devices 20 --answers 500

1. Median (and p95) time of Store.add, one answer, one transaction, on a SQLite file (target under 10 ms).
2. A collector (the real server: launcher.py --no-window, waitress, its own SQLite file) and 20 devices, each with
   its answers waiting in its own outbox database, all sending at once with the kiosk's sender
   (kiosk/feedback/sender.py: batches of 50). Each device's first batch has already reached the collector once
   (its reply was lost), so it arrives twice. Target: all 10,000 taken in under 10 s, none lost, none doubled.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.feedback.answer import Answer  # noqa: E402
from kiosk.feedback.sender import BATCH, send_pending  # noqa: E402
from kiosk.feedback.store import Store  # noqa: E402
from kiosk.settings import PROJECT_DIR  # noqa: E402
from kiosk.shell.supervisor import free_port  # noqa: E402

STORE_TARGET_MS = 10.0
COLLECT_TARGET_S = 10.0
CARDS = ["child-neglect", "think-the-unthinkable", "a-seen-child-is-not-a-safe-child"]
LANGUAGES = ["en", "tr", "ar", "bn", "pl"]


def answer(i: int, outlet: str) -> Answer:
    return Answer(id=str(uuid.uuid4()), card=CARDS[i % len(CARDS)], language=LANGUAGES[i % len(LANGUAGES)],
                  answer="no" if i % 4 == 0 else "yes", reasons=("translation",) if i % 4 == 0 else (),
                  comment="[phone] was wrong" if i % 8 == 0 else "", needs_review=i % 8 == 0,
                  answered_at=datetime(2026, 12, 1, 9, 0) + timedelta(minutes=i), outlet=outlet)


def time_single_stores(folder: Path, n: int) -> list[float]:
    store = Store(f"sqlite:///{folder / 'single.sqlite3'}")
    timings = []
    for i in range(n):
        given = answer(i, "bench")
        start = time.perf_counter()
        store.add(given)
        timings.append((time.perf_counter() - start) * 1000)
    store.close()
    return sorted(timings)


def start_collector(folder: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "KIOSK_DATABASE_URL": f"sqlite:///{folder / 'collector.sqlite3'}",
           "KIOSK_FEEDBACK_BATCHES_PER_MINUTE": "100000"}
    process = subprocess.Popen([sys.executable, str(PROJECT_DIR / "launcher.py"), "--no-window", "--port", str(port)],
                               cwd=PROJECT_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import urllib.request

    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).close()
            return process, f"http://127.0.0.1:{port}/feedback/collect"
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise SystemExit("the collector did not start")
            time.sleep(0.1)


def run_devices(folder: Path, url: str, devices: int, per_device: int) -> tuple[float, set[str], list[Store]]:
    stores, sent_ids = [], set()
    for d in range(devices):
        store = Store(f"sqlite:///{folder / f'device-{d}.sqlite3'}")
        batch = [answer(d * per_device + i, f"device-{d}") for i in range(per_device)]
        store.add_many(batch)
        sent_ids |= {a.id for a in batch}
        stores.append(store)
    # Each device's first batch reached the collector once already, but its reply was lost.
    for store in stores:
        send_pending_first_batch_without_marking(store, url)
    threads = [threading.Thread(target=send_pending, args=(store, url, 60)) for store in stores]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start, sent_ids, stores


def send_pending_first_batch_without_marking(store: Store, url: str) -> None:
    import json
    import urllib.request

    from kiosk.feedback.sender import as_json

    body = json.dumps({"answers": [as_json(a) for a in store.unsent(BATCH)]}).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"}, method="POST")
    urllib.request.urlopen(request, timeout=30).close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=500, help="single stores to time (default 500)")
    parser.add_argument("--devices", type=int, default=20)
    parser.add_argument("--answers", type=int, default=500, help="answers queued on each device (default 500)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kiosk-feedback-bench-") as name:
        folder = Path(name)
        timings = time_single_stores(folder, args.n)
        median, p95 = statistics.median(timings), timings[int(len(timings) * 0.95) - 1]
        collector, url = start_collector(folder)
        try:
            seconds, sent_ids, stores = run_devices(folder, url, args.devices, args.answers)
        finally:
            collector.terminate()
            collector.wait(timeout=10)
        kept = [a.id for a in Store(f"sqlite:///{folder / 'collector.sqlite3'}").all()]
        waiting = sum(len(store.unsent(10**6)) for store in stores)
    total = args.devices * args.answers
    lost, doubled = len(sent_ids - set(kept)), len(kept) - len(set(kept))
    load = os.getloadavg()
    print(f"command: python benchmarks/feedback.py -n {args.n} --devices {args.devices} --answers {args.answers}")
    print(f"load average (1, 5, 15 min): {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; cores: {os.cpu_count()}")
    print(f"{'measure':<44} {'result':>12} {'limit':>10} {'ratio':>7}")
    print(f"{'store one answer, SQLite: median ms':<44} {median:>12.2f} {STORE_TARGET_MS:>10.1f} "
          f"{median / STORE_TARGET_MS:>7.2f}")
    print(f"{'store one answer, SQLite: p95 ms':<44} {p95:>12.2f} {'':>10} {'':>7}")
    print(f"{f'collector takes {total:,} from {args.devices} devices: s':<44} {seconds:>12.2f} "
          f"{COLLECT_TARGET_S:>10.1f} {seconds / COLLECT_TARGET_S:>7.2f}")
    print(f"kept {len(kept):,} of {total:,}; lost {lost}; doubled {doubled}; still waiting on devices {waiting}")
    ok = median < STORE_TARGET_MS and seconds < COLLECT_TARGET_S and not lost and not doubled and not waiting \
        and len(kept) == total
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
