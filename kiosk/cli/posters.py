"""`kiosk posters`: progress as each poster is typeset, then a summary (files, pages, bytes, time)."""

from __future__ import annotations

import sys

from ..posters import PostersStopped, make_posters, missing_requirements
from ..posters.render import SIZES_PT
from .export import progress_printer


def run(args) -> int:
    missing = missing_requirements()
    if missing:
        print(f"kiosk posters needs the posters extra and Pango: pip install -e '.[posters]', and on Debian "
              f"apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 ({missing})", file=sys.stderr)
        return 1
    progress, finish = progress_printer()
    try:
        summary = make_posters(args.outdir, args.lang, progress=progress)
    except PostersStopped as stopped:
        finish()
        print(*stopped.lines, sep="\n", file=sys.stderr)
        return 1
    finish()
    print(f"Wrote {summary.files} posters, {summary.pages} pages, {summary.total_bytes:,} bytes to {summary.outdir} "
          f"in {summary.seconds:.1f} s ({summary.workers} worker(s))")
    print(f"  languages: {', '.join(summary.languages)}")
    shrunk = {code: size for code, size in summary.smallest_pt.items() if size < SIZES_PT[0]}
    if shrunk:
        print("  smallest text: " + ", ".join(f"{code} {size:g} pt" for code, size in shrunk.items()))
    print("  QR codes lead to public_url" if summary.with_qr else
          "  no QR codes: the public_url setting is not set (kiosk settings)")
    return 0


def add_commands(commands) -> None:
    parser = commands.add_parser("posters", help="write every card as an A4 PDF poster, per language")
    parser.add_argument("outdir", help="folder to write OUTDIR/<lang>/<slug>.pdf to; earlier posters are replaced")
    parser.add_argument("--lang", action="append", metavar="CODE",
                        help="only this language (repeat for more; default: every offered language)")
    parser.set_defaults(run=run)
