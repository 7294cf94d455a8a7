"""Pages from the live server against the limit: the same bytes (status, headers, body) from a bare waitress WSGI
app with the kiosk's server options. Both servers run side by side (launcher.py --no-window, and the bare app),
each page is requested on one keep-alive connection per server, interleaved (product, bare, product, bare ...),
so both see the same machine load. Prints the median and p95 per page type, the ratio of the medians, the
bytes of each page and of what it loads (HTML, CSS, JS, fonts), and the load average.

    python benchmarks/pages.py              # 1,200 requests per server
    python benchmarks/pages.py -n 3000

Target (issue 16): product median <= 1.5x the bare app's.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from kiosk.shell.supervisor import free_port  # noqa: E402

BARE = """
import json, sys
from waitress import serve
from kiosk.shell.server import SERVER_OPTIONS
pages = {path: (status, [tuple(h) for h in headers], body.encode("latin-1"))
         for path, (status, headers, body) in json.load(open(sys.argv[2])).items()}
def app(environ, start_response):
    status, headers, body = pages[environ["PATH_INFO"]]
    start_response(status, headers)
    return [body]
serve(app, host="127.0.0.1", port=int(sys.argv[1]), **SERVER_OPTIONS)
"""
PAGES = {"home": "/en/", "card": "/en/themes/child-neglect/", "report": "/en/report/",
         "home (ar)": "/ar/", "card (bn)": "/bn/themes/lost-in-translation/"}


def wait_for(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            connection.getresponse().read()
            connection.close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("a server did not start")


def get(connection, path: str, headers=None) -> tuple[http.client.HTTPResponse, bytes]:
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    return response, response.read()


def assets_bytes(connection, html: str) -> int:
    """What the page loads besides itself: stylesheets, scripts, preloaded fonts and the fonts its font stylesheet
    names for the characters on the page (all of them, an upper bound)."""
    total = 0
    for url in re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js|woff2))"', html):
        _, body = get(connection, url)
        total += len(body)
        if "/fonts/" in url and url.endswith(".css"):
            base = url.rsplit("/", 1)[0]
            for font in re.findall(r'url\("([^"]+)"\)', body.decode()):
                if f"{base}/{font}" not in html:  # preloaded ones are counted already
                    total += len(get(connection, f"{base}/{font}")[1])
    return total


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1200, help="requests per server (default 1200)")
    args = parser.parse_args(argv)
    product_port, bare_port = free_port(), free_port()
    product = subprocess.Popen([sys.executable, str(PROJECT_DIR / "launcher.py"), "--no-window", "--port",
                                str(product_port)], cwd=PROJECT_DIR, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    bare = None
    try:
        wait_for(product_port)
        connection = http.client.HTTPConnection("127.0.0.1", product_port, timeout=30)
        get(connection, "/service-worker.js")  # waits for the precache list, built in the background at start
        recorded, sizes = {"/healthz": ("200 OK", [["Content-Type", "text/plain"]], "ok")}, {}
        for kind, path in PAGES.items():
            response, body = get(connection, path)
            recorded[path] = (f"{response.status} {response.reason}", response.getheaders(), body.decode("latin-1"))
            sizes[kind] = (len(body), assets_bytes(connection, body.decode()))
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as pages_file:
            json.dump(recorded, pages_file)
        bare = subprocess.Popen([sys.executable, "-c", BARE, str(bare_port), pages_file.name], cwd=PROJECT_DIR,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(bare_port)
        connections = {"product": connection, "bare": http.client.HTTPConnection("127.0.0.1", bare_port, timeout=30)}
        timings = {(server, kind): [] for server in connections for kind in PAGES}
        paths = list(PAGES.items())
        for i in range(args.n):
            kind, path = paths[i % len(paths)]
            for server in (("product", "bare") if i % 2 else ("bare", "product")):
                started = time.perf_counter()
                response, body = get(connections[server], path)
                timings[server, kind].append((time.perf_counter() - started) * 1000)
                assert response.status == 200 and body, (server, path)
        os.unlink(pages_file.name)
    finally:
        for process in (product, bare):
            if process:
                process.terminate()
                process.wait()
    print(f"{args.n} interleaved keep-alive requests per server on loopback, {len(PAGES)} pages in turn")
    print(f"{'page':<10} {'product ms':>11} {'p95':>6} {'bare ms':>8} {'p95':>6} {'ratio':>6} {'page kB':>8} "
          f"{'+loads kB':>10}")
    medians = {}
    for kind in PAGES:
        row = []
        for server in ("product", "bare"):
            values = sorted(timings[server, kind])
            medians[server, kind] = statistics.median(values)
            row += [medians[server, kind], values[int(len(values) * 0.95) - 1]]
        print(f"{kind:<10} {row[0]:>11.3f} {row[1]:>6.2f} {row[2]:>8.3f} {row[3]:>6.2f} "
              f"{row[0] / row[2]:>5.2f}x {sizes[kind][0] / 1000:>8.1f} {sizes[kind][1] / 1000:>10.1f}")
    product_all = statistics.median([t for kind in PAGES for t in timings["product", kind]])
    bare_all = statistics.median([t for kind in PAGES for t in timings["bare", kind]])
    print(f"all pages: product median {product_all:.3f} ms, bare waitress {bare_all:.3f} ms, "
          f"ratio {product_all / bare_all:.2f}x (target <= 1.5x)")
    print(f"load average (1, 5, 15 min): {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
