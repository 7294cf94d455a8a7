"""Search speed and size: the server's search over every card and language, each language's index gzipped, and
the browser's search per keystroke in Chromium slowed down like a phone.

    python benchmarks/search.py              # 20 rounds on the server, CPU slowed 4x in the browser
    python benchmarks/search.py -n 5 --throttle 6 --no-browser

Queries are taken from the cards themselves, in each language: every word of every title, its first letters
(a word being typed), and each whole title. In the browser every query is typed a letter at a time: one
measured keystroke is the input event's handler (MiniSearch's search and the results written into the page)
plus the layout it causes.

Limits: server median under 5 ms; index under 30 KB gzipped per language; under 50 ms per keystroke.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shlex
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask import g  # noqa: E402

from kiosk import create_app  # noqa: E402
from kiosk.search import language_index  # noqa: E402
from kiosk.search.normalise import words  # noqa: E402
from kiosk.state import kiosk_state  # noqa: E402

SERVER_LIMIT_MS = 5.0
INDEX_LIMIT_BYTES = 30 * 1024
KEYSTROKE_LIMIT_MS = 50.0
CHROMIUM = "/usr/bin/chromium"

TYPE_QUERIES = """async (queries) => {
  const page = document.querySelector(".search-page");
  while (page.dataset.searchReady !== "true") await new Promise((resolve) => setTimeout(resolve, 20));
  const input = document.getElementById("search-q");
  const times = [];
  for (const query of queries) {
    for (let end = 1; end <= query.length; end++) {
      input.value = query.slice(0, end);
      const start = performance.now();
      input.dispatchEvent(new Event("input"));
      document.body.offsetHeight;  // the layout the new results cause
      times.push(performance.now() - start);
    }
  }
  return times;
}"""


def queries_of(index) -> list[str]:
    queries = []
    for document in index.documents:
        title_words = words(document.title)
        queries += title_words + [word[:4] for word in title_words if len(word) > 4] + [document.title]
    return queries


def verdict(value: float, limit: float) -> str:
    return f"{value / limit:.2f} of the limit ({'within' if value < limit else 'OVER'})"


def server_side(app, rounds: int) -> tuple[dict[str, list[str]], dict[str, int]]:
    client = app.test_client()
    print(f"{'language':<8} {'queries':>7} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} {'index gz KB':>12}")
    every, queries_by_language, sizes = [], {}, {}
    for lang in kiosk_state(app).languages:
        with app.test_request_context(f"/{lang}/"):
            g.lang = lang
            index = language_index()
        queries = queries_of(index)
        queries_by_language[lang] = queries
        timings = []
        for _ in range(rounds):
            for query in queries:
                start = time.perf_counter()
                index.search(query)
                timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        every += timings
        sizes[lang] = len(gzip.compress(client.get(f"/{lang}/search/index.json").get_data(), 9))
        print(f"{lang:<8} {len(queries):>7} {statistics.median(timings):>10.3f} "
              f"{timings[int(len(timings) * 0.95) - 1]:>8.3f} {timings[-1]:>8.2f} {sizes[lang] / 1024:>12.1f}")
    every.sort()
    median = statistics.median(every)
    print(f"server: median {median:.3f} ms over {len(every)} searches, limit {SERVER_LIMIT_MS} ms: "
          f"{verdict(median, SERVER_LIMIT_MS)}")
    largest = max(sizes, key=sizes.get)
    print(f"index: largest {sizes[largest] / 1024:.1f} KB gzipped ({largest}), limit {INDEX_LIMIT_BYTES // 1024} KB: "
          f"{verdict(sizes[largest], INDEX_LIMIT_BYTES)}")
    return queries_by_language, sizes


def browser_side(app, queries_by_language: dict[str, list[str]], throttle: float, languages: list[str]) -> None:
    from playwright.sync_api import sync_playwright
    from waitress.server import create_server

    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    base = f"http://127.0.0.1:{server.effective_port}"
    every = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=3, is_mobile=True,
                                has_touch=True)
        cdp = page.context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
        print(f"{'language':<8} {'keystrokes':>10} {'median ms':>10} {'p95 ms':>8} {'max ms':>8}")
        for lang in languages:
            page.goto(f"{base}/{lang}/search/")
            times = sorted(page.evaluate(TYPE_QUERIES, queries_by_language[lang][:60]))
            every += times
            print(f"{lang:<8} {len(times):>10} {statistics.median(times):>10.2f} "
                  f"{times[int(len(times) * 0.95) - 1]:>8.2f} {times[-1]:>8.2f}")
        browser.close()
    server.close()
    every.sort()
    median, p95 = statistics.median(every), every[int(len(every) * 0.95) - 1]
    print(f"browser (CPU slowed {throttle:g}x): median {median:.2f} ms, p95 {p95:.2f} ms per keystroke, limit "
          f"{KEYSTROKE_LIMIT_MS} ms: median {verdict(median, KEYSTROKE_LIMIT_MS)}, p95 {verdict(p95, KEYSTROKE_LIMIT_MS)}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=20, help="rounds of every query on the server (default 20)")
    parser.add_argument("--throttle", type=float, default=4, help="Chromium CPU slow-down, as a phone (default 4)")
    parser.add_argument("--no-browser", action="store_true", help="the server and the index sizes only")
    parser.add_argument("--languages", nargs="*", help="languages typed in the browser (default: all)")
    args = parser.parse_args(argv)
    print(f"command: python benchmarks/search.py {shlex.join(argv if argv is not None else sys.argv[1:])}")
    app = create_app()
    queries, _ = server_side(app, args.n)
    if not args.no_browser:
        browser_side(app, queries, args.throttle, args.languages or list(queries))
    print("load average (1, 5, 15 min): " + ", ".join(f"{load:.2f}" for load in os.getloadavg()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
