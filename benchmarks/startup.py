"""Kiosk start-up: the time from starting `python launcher.py` to the home page painted in its window
(the page's first contentful paint), and the memory the kiosk then uses, over N runs on a virtual screen
(Xvfb, 1080x1920, with matchbox-window-manager). Prints each run, then the medians.

    python benchmarks/startup.py          # 5 runs
    python benchmarks/startup.py -n 10

Needs what the window tests need (`pip install -e '.[test]'`; scripts/test installs the Debian packages).
Memory: the launcher process alone (resident), and the whole kiosk (launcher, server process and Qt
WebEngine's processes; proportional set size, so shared pages count once). Target: first paint under 2.5 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.window.harness import Kiosk, descendants, virtual_screen, wait_until  # noqa: E402

FIRST_PAINT = ("(() => { const paint = performance.getEntriesByName('first-contentful-paint')[0];"
               " return location.pathname === '/en/' && paint ? performance.timeOrigin + paint.startTime : null; })()")


def field_kb(path: str, name: str) -> int:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(name + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def one_run(display: str, folder: Path) -> tuple[float, float, float]:
    kiosk = Kiosk(display, folder, {})
    try:
        painted = wait_until(lambda: kiosk.evaluate(FIRST_PAINT), 60, "the home page's first paint", every=0.02)
        seconds = painted / 1000 - kiosk.started
        time.sleep(2)  # let the processes settle before reading their memory
        launcher_mb = field_kb(f"/proc/{kiosk.process.pid}/status", "VmRSS") / 1024
        total_mb = sum(field_kb(f"/proc/{pid}/smaps_rollup", "Pss") for pid in descendants(kiosk.process.pid)) / 1024
        return seconds, launcher_mb, total_mb
    finally:
        kiosk.stop()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=5, help="runs (default 5)")
    args = parser.parse_args(argv)
    runs = []
    with virtual_screen() as display, tempfile.TemporaryDirectory() as scratch:
        print(f"{'run':>3} {'first paint s':>14} {'launcher MB':>12} {'kiosk MB':>9}")
        for run in range(1, args.n + 1):
            runs.append(one_run(display, Path(scratch) / str(run)))
            print(f"{run:>3} {runs[-1][0]:>14.2f} {runs[-1][1]:>12.0f} {runs[-1][2]:>9.0f}", flush=True)
    medians = [statistics.median(column) for column in zip(*runs)]
    print(f"load average over the last minute at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
          "(other work on the machine slows start-up)")
    print(f"median first paint {medians[0]:.2f} s (target < 2.5 s); launcher {medians[1]:.0f} MB resident; "
          f"whole kiosk {medians[2]:.0f} MB (PSS)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
