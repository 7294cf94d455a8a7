"""Render every page N times through the app and report median and p95 render time per page type,
plus the bytes of HTML + CSS + JS each page needs (fonts apart).

    python benchmarks/pages.py            # N = 200
    python benchmarks/pages.py -n 50

Targets on the development machine: median render under 5 ms; under 60 KB per page.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk import create_app  # noqa: E402
from kiosk.state import kiosk_state  # noqa: E402


def page_types(app) -> dict[str, list[str]]:
    library = kiosk_state(app).library
    types = {"home": [], "card": [], "report": [], "not found": []}
    for lang in kiosk_state(app).languages:
        types["home"].append(f"/{lang}/")
        types["card"] += [f"/{lang}/themes/{slug}/" for slug in library.cards]
        types["report"].append(f"/{lang}/report/")
        types["not found"].append(f"/{lang}/themes/no-such-card/")
    return types


def asset_bytes(client, html: str) -> int:
    total = 0
    for url in re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html):
        total += len(client.get(url).data)
    return total


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="renders per page (default 200)")
    args = parser.parse_args(argv)
    app = create_app()
    client = app.test_client()
    print(f"{'page type':<10} {'pages':>5} {'median ms':>10} {'p95 ms':>8} {'max KB/page':>12}")
    for kind, paths in page_types(app).items():
        timings, sizes = [], []
        for path in paths:
            html = client.get(path).get_data(as_text=True)  # warm up
            sizes.append(len(html.encode()) + asset_bytes(client, html))
            for _ in range(args.n):
                start = time.perf_counter()
                client.get(path)
                timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(f"{kind:<10} {len(paths):>5} {statistics.median(timings):>10.2f} {p95:>8.2f} {max(sizes) / 1024:>12.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
