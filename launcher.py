"""Start the Safeguarding Learning Kiosk.

    python launcher.py                       the kiosk (serves on 127.0.0.1 and says how to open it)
    python launcher.py --no-window --host 127.0.0.1 --port 8000

Serves with waitress, never the Werkzeug development server. Binds to 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import argparse
import os
import sys

from kiosk import content, create_app


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Safeguarding Learning Kiosk")
    parser.add_argument("--no-window", action="store_true", help="serve only; open the printed address in a browser")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    return parser.parse_args(argv)


def why_no_window() -> str:
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return "no display found (DISPLAY is not set)"
    return "this version has no window yet"


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        app = create_app()
    except content.ContentError as err:
        print("The kiosk cannot start: the content has problems. Fix these and run `kiosk check`:", file=sys.stderr)
        for problem in err.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1

    from waitress import create_server

    server = create_server(app, host=args.host, port=args.port, threads=4)
    host = server.effective_host if ":" not in str(server.effective_host) else f"[{server.effective_host}]"
    url = f"http://{host}:{server.effective_port}/"
    if not args.no_window:
        print(f"No kiosk window: {why_no_window()}; serving instead.", flush=True)
    print(f"Safeguarding Learning Kiosk: open {url} in a browser (Ctrl+C to stop)", flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
