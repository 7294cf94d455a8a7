"""Typeset every card in every offered language as A4 posters (`kiosk posters`), N times, against the limit: all
of them in under 60 s on the 2-core development machine. Times are medians of the whole command as a user runs
it (interpreter start and worker processes included), with the load average before and after each run, since
the machine is shared, and the CPU time the command used (its processes' user + system time): on a busy machine
CPU seconds / cores is what the run would take with the cores to itself. Also the type sizes the cards needed.
Exits 1 if the median is over the limit.

    python benchmarks/posters.py          # N = 3, with QR codes to https://kiosk.example.org/
    python benchmarks/posters.py -n 5 --public-url ''   # without QR codes
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LIMIT_SECONDS = 60.0
PROJECT = Path(__file__).resolve().parent.parent


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=3, help="runs (default 3)")
    parser.add_argument("--public-url", default="https://kiosk.example.org/",
                        help="the public_url setting, so each poster carries its QR code ('' for none)")
    args = parser.parse_args(argv)
    command = [sys.executable, "-m", "kiosk.cli", "posters"]
    seconds, cpu, loads, summary = [], [], [], ""
    with tempfile.TemporaryDirectory() as scratch:
        for run in range(args.n):
            before = os.getloadavg()[0]
            used = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            done = subprocess.run([*command, str(Path(scratch) / f"run-{run}")], check=True, cwd=PROJECT,
                                  capture_output=True, text=True,
                                  env={**os.environ, "KIOSK_PUBLIC_URL": args.public_url})
            seconds.append(time.perf_counter() - started)
            now = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(now.ru_utime + now.ru_stime - used.ru_utime - used.ru_stime)
            loads.append((before, os.getloadavg()[0]))
            summary = done.stdout
            print(f"  run {run + 1}: {seconds[-1]:6.1f} s, CPU {cpu[-1]:6.1f} s   load average (1 min) "
                  f"{before:.2f} before, {loads[-1][1]:.2f} after", flush=True)
    median = statistics.median(seconds)
    posters = re.search(r"Wrote (\d+) posters", summary).group(1)
    print(f"kiosk posters: {posters} posters, {args.n} runs, {os.cpu_count()} cores")
    print(f"  whole command   median {median:6.1f} s   (min {min(seconds):.1f}, max {max(seconds):.1f})   "
          f"limit {LIMIT_SECONDS:g} s   ratio {median / LIMIT_SECONDS:.2f}   "
          f"{'ok' if median < LIMIT_SECONDS else 'OVER THE LIMIT'}")
    print(f"  CPU time        median {statistics.median(cpu):6.1f} s   / {os.cpu_count()} cores = "
          f"{statistics.median(cpu) / os.cpu_count():.1f} s with the cores to itself")
    print(f"  load average (1 min) median {statistics.median(l for pair in loads for l in pair):.2f}")
    print(f"  command: {' '.join(command)} OUTDIR")
    print("  " + "\n  ".join(line.strip() for line in summary.splitlines()[1:]))
    return 0 if median < LIMIT_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
