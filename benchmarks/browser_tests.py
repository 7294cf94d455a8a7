"""Time the whole browser test layer (tests/browser) N times, run as scripts/test runs it (two workers), and
report the median wall-clock time, with the machine's load average before each run (the machine is shared,
so the load explains the spread).

    python benchmarks/browser_tests.py          # N = 3
    python benchmarks/browser_tests.py -n 1

Target on the 2-core development machine: under 5 minutes, in every language the app offers.
Set KIOSK_TRANSLATIONS_DIR to time it against another set of catalogues.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=3, help="runs (default 3)")
    args = parser.parse_args(argv)
    timings = []
    for run in range(1, args.n + 1):
        load = os.getloadavg()[0]
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "pytest", "tests/browser", "-q", "-p", "no:cacheprovider",
                                 "-n", "2", "--dist", "loadgroup"],
                                cwd=PROJECT_DIR, capture_output=True, text=True)
        timings.append(time.perf_counter() - start)
        summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr.strip()[-200:]
        print(f"run {run}: {timings[-1]:6.1f} s  (load average {load:.1f})  {summary}")
        if result.returncode != 0:
            print(result.stdout[-3000:], file=sys.stderr)
            return result.returncode
    print(f"median {statistics.median(timings):.1f} s over {len(timings)} run(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
