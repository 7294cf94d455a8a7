"""Export every offered language N times and check the offline budget: the offline pack of one language (its
pages, CSS, JS, fonts and the service worker, as the worker stores them) under 400 kB, the whole export under 5 MB, and the export under
10 s. Times are medians: the whole `kiosk export` command as a user runs it (interpreter start included), and
the export itself as its summary reports it, and the load average. Exits 1 if a budget is broken.

    python benchmarks/export.py          # N = 5
    python benchmarks/export.py -n 9
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.export import BUDGET_ALL_LANGUAGES, BUDGET_ONE_LANGUAGE, BUDGET_SECONDS, export_site  # noqa: E402


TARGET_ONE_LANGUAGE = 400_000  # bytes: issue 16's target for one language's offline pack (the budget is the limit)


def verdict(value: float, budget: float) -> str:
    return "ok" if value < budget else "OVER BUDGET"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=5, help="runs (default 5)")
    args = parser.parse_args(argv)
    command_seconds, export_seconds = [], []
    with tempfile.TemporaryDirectory() as scratch:
        for run in range(args.n):
            outdir = Path(scratch) / f"command-{run}"
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "kiosk.cli", "export", str(outdir)], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            command_seconds.append(time.perf_counter() - started)
            summary = export_site(Path(scratch) / f"in-process-{run}")
            export_seconds.append(summary.seconds)
    command, export = statistics.median(command_seconds), statistics.median(export_seconds)
    largest = max(summary.pack_bytes.values())
    print(f"kiosk export, {len(summary.pack_bytes)} language(s) ({', '.join(summary.pack_bytes)}), {args.n} runs, "
          f"{summary.pages} pages, {summary.files} files")
    print(f"  whole command   median {command:6.2f} s   (min {min(command_seconds):.2f}, "
          f"max {max(command_seconds):.2f})   budget {BUDGET_SECONDS:g} s   {verdict(command, BUDGET_SECONDS)}")
    print(f"  export itself   median {export:6.2f} s   (min {min(export_seconds):.2f}, max {max(export_seconds):.2f})")
    for code, size in summary.pack_bytes.items():
        print(f"  offline pack {code:<6} {size / 1000:8.1f} kB   budget {BUDGET_ONE_LANGUAGE / 1e6:g} MB   "
              f"{verdict(size, BUDGET_ONE_LANGUAGE)}   target {TARGET_ONE_LANGUAGE / 1000:g} kB "
              f"{'met' if size <= TARGET_ONE_LANGUAGE else 'not met'}")
    print(f"  all languages   {summary.total_bytes / 1000:8.1f} kB   budget {BUDGET_ALL_LANGUAGES / 1e6:g} MB   "
          f"{verdict(summary.total_bytes, BUDGET_ALL_LANGUAGES)}")
    print(f"  load average (1, 5, 15 min): {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    broken = command >= BUDGET_SECONDS or largest >= BUDGET_ONE_LANGUAGE or summary.total_bytes >= BUDGET_ALL_LANGUAGES
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
