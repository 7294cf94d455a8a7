"""Each language's offline pack beside issue 16's 400 kB target, and where its bytes go.

The pack is what the service worker stores for one language: the shared entries of the precache list and that
language's own entries (kiosk/offline.py), plus the worker script itself. The target is counted AS STORED: Cache
Storage keeps the body a response is put with, and the worker puts text gzip-compressed (CompressionStream), so a
page takes its compressed size on the device (kiosk.offline.stored_size; tests/browser/test_offline.py checks it
against what Chromium's Cache Storage holds). The files' own sizes (as they lie in the export, and as a browser
without CompressionStream would keep them) are printed beside it.

    python benchmarks/offline_pack.py                 # every offered language, a breakdown for each
    python benchmarks/offline_pack.py --summary       # one line per language
    python benchmarks/offline_pack.py --export DIR    # an export made earlier for the site root (kiosk export DIR)

Exits 1 if a language's pack is over the target.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.export import BUDGET_ONE_LANGUAGE, export_site  # noqa: E402
from kiosk.offline import stored_size  # noqa: E402

TARGET = 400_000  # bytes: issue 16's target for one language's offline pack
PREFIX = "self.PRECACHE = "


def read_precache(outdir: Path) -> dict:
    first = (outdir / "service-worker.js").read_text(encoding="utf-8").split("\n", 1)[0]
    return json.loads(first[len(PREFIX):].rstrip(";"))


def kind(url: str) -> str:
    if url.endswith("/") or url.endswith(".html"):
        return "offline pages" if "/offline/" in url else "HTML pages"
    if url.endswith(".woff2"):
        return "fonts"
    if url.endswith(".json"):
        return "search index"
    if "/vendor/" in url:
        return "vendored scripts"
    return {".js": "scripts", ".css": "stylesheets", ".png": "icons", ".webmanifest": "web app manifest"}.get(
        Path(url).suffix, "other")


def file_of(outdir: Path, url: str) -> Path:
    path = url.lstrip("/")
    return outdir / (path + "index.html" if path.endswith("/") or not path else path)


def packs(outdir: Path) -> dict[str, dict[str, list[tuple[str, int, int]]]]:
    """{language: {kind: [(url, bytes in the export, bytes as stored)]}}, for an export made for the site root."""
    precache = read_precache(outdir)

    def entry(url: str) -> tuple[str, int, int]:
        data = file_of(outdir, url).read_bytes()
        return url, len(data), stored_size(url, data)

    worker = (outdir / "service-worker.js").read_bytes()  # kept by the browser apart from Cache Storage, as it is
    shared = [entry(url) for url in precache["shared"]]
    result = {}
    for code, entries in precache["languages"].items():
        groups = defaultdict(list)
        for item in [*shared, *(entry(url) for url in entries if url not in precache["shared"])]:
            groups[kind(item[0])].append(item)
        groups["service worker"].append(("service-worker.js", len(worker), len(worker)))
        result[code] = dict(groups)
    return result


def total(groups: dict[str, list[tuple[str, int, int]]], column: int) -> int:
    return sum(item[column] for items in groups.values() for item in items)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--export", type=Path, help="an existing export to measure (default: export afresh)")
    parser.add_argument("--summary", action="store_true", help="one line per language, no breakdown")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        outdir = args.export or Path(scratch) / "site"
        if not args.export:
            export_site(outdir, config={"OFFLINE_ALL_LANGUAGES": True})
        measured = packs(outdir)
    over = []
    print(f"offline pack per language, as the service worker stores it (text compressed), and as files; "
          f"target {TARGET / 1000:g} kB as stored, export budget {BUDGET_ONE_LANGUAGE / 1000:g} kB")
    for code, groups in measured.items():
        files, stored = total(groups, 1), total(groups, 2)
        if stored > TARGET:
            over.append(code)
        print(f"  {code:<6} {stored / 1000:7.1f} kB stored  ({files / 1000:7.1f} kB as files)   "
              f"target {TARGET / 1000:g} kB {'NOT MET' if stored > TARGET else 'met'}")
        if args.summary:
            continue
        for name, items in sorted(groups.items(), key=lambda kv: -sum(i[2] for i in kv[1])):
            print(f"      {name:<17} {len(items):3} file(s) {sum(i[2] for i in items) / 1000:7.1f} kB stored "
                  f"({sum(i[1] for i in items) / 1000:7.1f} kB as files)")
    print(f"  load average (1, 5, 15 min): {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
