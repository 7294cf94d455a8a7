"""Keep-alive clients on loopback against the real server (launcher.py --no-window: waitress with the kiosk's
options), and the same waitress serving a bare "ok" app as the baseline. Prints throughput, median and p99
latency, errors, the server's memory before and after, and the load average.

    python benchmarks/load.py                       # 20 and 100 clients, 30 s each, kiosk and baseline
    python benchmarks/load.py --clients 20 --seconds 10 --no-baseline

Targets on the 2-core development machine: 0 errors; p99 under 250 ms at 20 clients; memory flat (the server
grows by less than 10 MB over a run). The clients are threads in this process and share the two cores with the
server, so the numbers are a floor for a real kiosk, not a ceiling.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from kiosk.shell.supervisor import free_port  # noqa: E402

BASELINE = """
import sys
from waitress import serve
from kiosk.shell.server import SERVER_OPTIONS
def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]
serve(app, host="127.0.0.1", port=int(sys.argv[1]), **SERVER_OPTIONS)
"""
PATHS = ["/en/", "/en/themes/child-neglect/", "/en/report/", "/tr/", "/ar/themes/mobile-families/",
         "/pl/report/", "/healthz"]
REQUEST_TIMEOUT = 30.0  # a client gives up on one request after this (it counts as an error)


def start(baseline: bool) -> tuple[subprocess.Popen, int]:
    port = free_port()
    command = ([sys.executable, "-c", BASELINE, str(port)] if baseline else
               [sys.executable, str(PROJECT_DIR / "launcher.py"), "--no-window", "--port", str(port)])
    process = subprocess.Popen(command, cwd=PROJECT_DIR, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                connection.close()
                return process, port
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the server did not start")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def client(port: int, paths: list[str], until: float, timings: list[float], errors: list[str], offset: int) -> None:
    """One keep-alive client: request after request on one connection (a new one after any error)."""
    connection = None
    n = offset
    while time.monotonic() < until:
        path = paths[n % len(paths)]
        n += 1
        try:
            connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
            started = time.perf_counter()
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            timings.append(time.perf_counter() - started)
            if response.status != 200:
                errors.append(f"{path}: {response.status}")
        except (OSError, http.client.HTTPException) as err:
            errors.append(f"{path}: {err.__class__.__name__}")
            if connection is not None:
                connection.close()
            connection = None
    if connection is not None:
        connection.close()


def run(port: int, clients: int, seconds: float, paths: list[str]) -> tuple[list[float], list[str], float]:
    timings: list[float] = []
    errors: list[str] = []
    until = time.monotonic() + seconds
    threads = [threading.Thread(target=client, args=(port, paths, until, timings, errors, i)) for i in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + REQUEST_TIMEOUT + 5)
    return timings, errors, time.monotonic() - started


def measure(label: str, baseline: bool, clients: int, seconds: float) -> dict:
    process, port = start(baseline)
    paths = ["/"] if baseline else PATHS
    try:
        run(port, 4, 2.0, paths)  # warm up: first renders, the precache list
        before = rss_mb(process.pid)
        load_before = os.getloadavg()[0]
        timings, errors, elapsed = run(port, clients, seconds, paths)
        after = rss_mb(process.pid)
        load_after = os.getloadavg()[0]
    finally:
        process.terminate()
        process.wait(10)
    timings.sort()
    p = (lambda q: timings[min(len(timings) - 1, int(len(timings) * q))] * 1000) if timings else (lambda q: 0.0)
    row = {"label": label, "clients": clients, "requests": len(timings), "rps": len(timings) / elapsed,
           "p50": statistics.median(timings) * 1000 if timings else 0.0, "p99": p(0.99), "max": p(1.0),
           "errors": len(errors), "mb_before": before, "mb_after": after, "load": f"{load_before:.2f}->{load_after:.2f}"}
    print(f"{label:<9} {clients:>7} {row['requests']:>8} {row['rps']:>7.0f} {row['p50']:>7.1f} {row['p99']:>7.1f} "
          f"{row['max']:>8.1f} {row['errors']:>6} {before:>7.1f} {after:>7.1f}   {row['load']}", flush=True)
    for error in sorted(set(errors))[:5]:
        print(f"          error: {error} (x{errors.count(error)})")
    return row


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[20, 100])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--no-baseline", action="store_true", help="skip the bare-app baseline")
    args = parser.parse_args(argv)
    print(f"command: python benchmarks/load.py {' '.join(argv if argv is not None else sys.argv[1:])}".rstrip())
    print(f"cores: {os.cpu_count()}, load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'server':<9} {'clients':>7} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'max ms':>8} "
          f"{'errors':>6} {'MB pre':>7} {'MB post':>7}   load 1 min")
    failed = False
    for clients in args.clients:
        row = measure("kiosk", False, clients, args.seconds)
        if not args.no_baseline:
            base = measure("baseline", True, clients, args.seconds)
            print(f"          kiosk/baseline: throughput {row['rps'] / base['rps']:.2f}x, "
                  f"p50 {row['p50'] / max(base['p50'], 0.001):.1f}x")
        failed |= row["errors"] > 0 or (clients <= 20 and row["p99"] >= 250) or row["mb_after"] - row["mb_before"] >= 10
    print("targets (0 errors, p99 < 250 ms at 20 clients, memory flat):", "missed" if failed else "met")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
