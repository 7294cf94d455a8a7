"""`kiosk export`: progress as each file is written, then a summary against the budget."""

from __future__ import annotations

import sys

from ..export import BUDGET_ALL_LANGUAGES, BUDGET_ONE_LANGUAGE, BUDGET_SECONDS, ExportStopped, Summary, export_site


def print_summary(summary: Summary) -> None:
    kb = lambda size: f"{size / 1000:,.1f} kB"  # noqa: E731
    print(f"Exported {summary.pages} pages, {summary.files} files, {summary.total_bytes:,} bytes "
          f"to {summary.outdir} for {summary.base_url} in {summary.seconds:.1f} s")
    print("  Devices keep every language offline (--all-languages)" if summary.all_languages else
          "  Devices keep offline the languages they read (--all-languages for every one)")
    print(f"  {'language':<10} {'own pages':>12} {'offline pack':>14} {'as stored':>12}   budget per language "
          f"{BUDGET_ONE_LANGUAGE / 1000:g} kB as stored (the service worker keeps text compressed)")
    for code, own in summary.language_bytes.items():
        print(f"  {code:<10} {kb(own):>12} {kb(summary.pack_file_bytes[code]):>14} {kb(summary.pack_bytes[code]):>12}")
    print(f"  all languages {kb(summary.total_bytes)} (budget {BUDGET_ALL_LANGUAGES / 1e6:g} MB), "
          f"time {summary.seconds:.1f} s (budget {BUDGET_SECONDS:g} s)")
    for line in summary.over_budget():
        print(f"  OVER BUDGET: {line}")


def progress_printer():
    """``progress(done, total, path)`` printing one line per file (on a terminal, one line that rewrites
    itself), and ``finish()`` to end that line; `kiosk posters` uses it too."""
    tty = sys.stderr.isatty()
    shown = []

    def progress(done: int, total: int, path: str) -> None:
        line = f"[{done:>{len(str(total))}}/{total}] {path}"
        print(f"\r\033[K{line}" if tty else line, end="" if tty else "\n", file=sys.stderr, flush=True)
        shown.append(done)

    def finish() -> None:
        if tty and shown:
            print(file=sys.stderr)
            shown.clear()

    return progress, finish


def run(args) -> int:
    progress, finish = progress_printer()
    config = {"OFFLINE_ALL_LANGUAGES": "yes"} if args.all_languages else None
    try:
        summary = export_site(args.outdir, args.base_url, config, progress)
    except ExportStopped as stopped:
        print(*stopped.lines, sep="\n", file=sys.stderr)
        return 1
    finally:
        finish()
    print_summary(summary)
    return 0


def add_commands(commands) -> None:
    parser = commands.add_parser("export", help="write the site as static files that install and work offline")
    parser.add_argument("outdir", help="folder to write; an earlier export there is replaced whole")
    parser.add_argument("--base-url", default="/", help="the address path the site is served under, "
                        "e.g. /safeguarding/ (default /)")
    parser.add_argument("--all-languages", action="store_true",
                        help="devices keep every language offline, not only the ones they read")
    parser.set_defaults(run=run)
