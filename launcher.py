"""Start the Safeguarding Learning Kiosk.

    python launcher.py                       the kiosk window (or, with no display or webview, serve and say why)
    python launcher.py --settings FILE       the same, with a settings file other than the per-user one
    python launcher.py --no-window --host 127.0.0.1 --port 8000

Serves with waitress, never the Werkzeug development server. Binds to 127.0.0.1 unless told otherwise.
The window itself lives in kiosk/shell/.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kiosk.shell import backend


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Safeguarding Learning Kiosk")
    parser.add_argument("--no-window", action="store_true", help="serve only; open the printed address in a browser")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port to listen on (default 8000; the window picks a free one)")
    parser.add_argument("--settings", help="settings file (default: KIOSK_SETTINGS, then the per-user file)")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    environ = dict(os.environ)  # the settings file travels in here, to the app and the window's server process
    if args.settings:
        environ["KIOSK_SETTINGS"] = str(Path(args.settings).expanduser().resolve())
    if not args.no_window:
        gui, why_not = backend.choose(environ)
        if gui:
            from kiosk.shell import failsafe
            from kiosk.shell.start import run

            try:
                return run(gui, args.port, environ)
            except failsafe.Unavailable as err:
                print(f"The kiosk cannot start: it has no report-a-concern numbers to fall back on ({err}).",
                      file=sys.stderr)
                return 1
        print(f"No kiosk window: {why_not}; serving instead.", flush=True)
    from kiosk.cli.serve import build_app, serve  # the app itself: the window's launcher leaves it to its server process

    app = build_app(environ=environ)
    if app is None:
        return 1
    return serve(app, args.host, 8000 if args.port is None else args.port)


if __name__ == "__main__":
    sys.exit(main())
