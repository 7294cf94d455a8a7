"""Kiosk start-up against the limit: the time from starting `python launcher.py` to its home page painted in the
window (the page's first contentful paint) and to the report-a-concern numbers first on screen (the fail-safe page
or the home page, whichever paints first), beside a bare pywebview Qt window started the same way and showing the
same home page from a file (the export's, written with its own folder as the site's path, so the page's
stylesheets, fonts and scripts load from files as they do from the server). Runs alternate (kiosk, bare, kiosk, bare ...) on one virtual screen
(Xvfb, 1080x1920, with matchbox-window-manager), so both see the same machine load. Prints each run, the medians,
the ratio, the memory of the whole kiosk (launcher, server process and Qt WebEngine's processes; proportional set
size, so shared pages count once) and the load average.

    python benchmarks/startup.py                  # 5 runs of each
    python benchmarks/startup.py -n 9
    python benchmarks/startup.py --first-start    # each kiosk run in a new data folder

A kiosk starts every morning in the data folder it left the day before (its feedback database made and upgraded,
its per-user caches filled), so by default every kiosk run shares one data folder, after one start that is not
counted. `--first-start` measures the very first start after installing instead: a new data folder each run,
so the feedback database is made and Alembic's migrations run every time. The per-user cache folder (font cuts,
compiled templates, catalogue surveys) is this user's in both cases; the benchmark does not empty it.

Needs what the window tests need (`pip install -e '.[test]'`; scripts/test installs the Debian packages).
Target (issue 16): kiosk home page <= 1.5x the bare window.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.export import export_site  # noqa: E402
from tests.window.harness import Kiosk, descendants, virtual_screen, wait_until  # noqa: E402

PAINTED = ("(() => {{ const paint = performance.getEntriesByName('first-contentful-paint')[0];"
           " return {condition} && paint ? performance.timeOrigin + paint.startTime : null; }})()")
HOME = PAINTED.format(condition="(location.pathname === '/en/' || location.pathname.endsWith('/en/index.html'))")
NUMBERS = PAINTED.format(condition="document.body && document.body.innerText.includes('999')")
# Every stylesheet the page links loaded (a link whose file is missing has no sheet): the bare window must show
# the whole page, not its bare HTML.
STYLED = ("document.readyState === 'complete' && "
          "[...document.querySelectorAll('link[rel=stylesheet]')].every(link => link.sheet !== null)")
BARE_WINDOW = """
import os, sys, webview
if os.geteuid() == 0:  # as the launcher does: Chromium's sandbox will not run as root
    os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = "--no-sandbox"
webview.create_window("bare", sys.argv[1], fullscreen=True)
webview.start(gui="qt", private_mode=True)
"""


def field_kb(path: str, name: str) -> int:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(name + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def one_run(display: str, folder: Path, bare_page: str | None) -> tuple[float, float, float]:
    """(seconds to the home page painted, seconds to the numbers first painted, whole kiosk MB)."""
    command = [sys.executable, "-c", BARE_WINDOW, bare_page] if bare_page else None
    kiosk = Kiosk(display, folder, {}, command=command)
    try:
        numbers = None
        while numbers is None or numbers is False:  # the first page with the numbers, usually the fail-safe page
            numbers = wait_until(lambda: kiosk.evaluate(NUMBERS) or kiosk.evaluate(HOME), 60, "the numbers", every=0.01)
        home = wait_until(lambda: kiosk.evaluate(HOME), 60, "the home page's first paint", every=0.02)
        if bare_page:  # else the comparison is with a page that lacks its stylesheets and fonts: unfair
            wait_until(lambda: kiosk.evaluate(STYLED), 10, "every stylesheet of the bare window's page", every=0.1)
        time.sleep(2)  # let the processes settle before reading their memory
        total_mb = sum(field_kb(f"/proc/{pid}/smaps_rollup", "Pss") for pid in descendants(kiosk.process.pid)) / 1024
        return home / 1000 - kiosk.started, min(numbers, home) / 1000 - kiosk.started, total_mb
    finally:
        kiosk.stop()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=5, help="runs of each (default 5)")
    parser.add_argument("--first-start", action="store_true",
                        help="each kiosk run in a new data folder, as the first start after installing")
    args = parser.parse_args(argv)
    runs = {"kiosk": [], "bare": []}
    with virtual_screen() as display, tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        export_site(site, site.as_posix() + "/")  # links as /<folder>/static/...: file:// finds them
        bare_page = (site / "en" / "index.html").as_uri()

        def folder(kind: str, run: int) -> Path:
            return Path(scratch) / (f"{kind}-{run}" if kind == "bare" or args.first_start else "kiosk")

        if not args.first_start:
            one_run(display, folder("kiosk", 0), None)  # yesterday's start: makes the data folder, not counted
        print(f"kiosk data folder: {'new each run (first start)' if args.first_start else 'kept between runs'}")
        print(f"{'run':>3} {'window':<6} {'home painted s':>15} {'numbers s':>10} {'memory MB':>10}")
        for run in range(1, args.n + 1):
            for kind in ("kiosk", "bare") if run % 2 else ("bare", "kiosk"):
                result = one_run(display, folder(kind, run), bare_page if kind == "bare" else None)
                runs[kind].append(result)
                print(f"{run:>3} {kind:<6} {result[0]:>15.2f} {result[1]:>10.2f} {result[2]:>10.0f}", flush=True)
    medians = {kind: [statistics.median(column) for column in zip(*rows)] for kind, rows in runs.items()}
    kiosk, bare = medians["kiosk"], medians["bare"]
    print(f"median home page painted: kiosk {kiosk[0]:.2f} s, bare window {bare[0]:.2f} s, "
          f"ratio {kiosk[0] / bare[0]:.2f}x (target <= 1.5x)")
    print(f"median numbers on screen: kiosk {kiosk[1]:.2f} s (the fail-safe page until the app answers)")
    print(f"median memory: whole kiosk {kiosk[2]:.0f} MB (PSS), bare window {bare[2]:.0f} MB")
    print(f"load average (1, 5, 15 min): {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
