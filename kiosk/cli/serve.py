"""Serving the app in the foreground: ``launcher.py --no-window``, and the kiosk window's server process
(``python -m kiosk.cli.serve --port N``), which the launcher's supervisor starts and restarts."""

from __future__ import annotations

import argparse
import os
import sys
import threading

from .. import content, create_app, feedback
from ..shell.server import exit_with_parent, make_server


def build_app(config: dict | None = None, environ=os.environ):
    """The app, or None after printing every content problem, one line each."""
    try:
        return create_app(config, environ)
    except content.ContentError as err:
        print("The kiosk cannot start: the content has problems. Fix these and run `kiosk check`:", file=sys.stderr)
        for problem in err.problems:
            print(f"  {problem}", file=sys.stderr)
        return None


def serve(app, host: str, port: int) -> int:
    """Serve until interrupted, after printing the address to open."""
    server = make_server(app, host, port)
    feedback.open_soon(app)  # not before: opening it takes a while, and the first page does not need it
    shown_host = server.effective_host if ":" not in str(server.effective_host) else f"[{server.effective_host}]"
    print(f"Safeguarding Learning Kiosk: open http://{shown_host}:{server.effective_port}/ in a browser "
          "(Ctrl+C to stop)", flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="the kiosk window's server process")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    app = build_app({"KIOSK_SHELL": True})
    if app is None:
        return 1
    # A standby: the app is built (the slow part of starting) and waits for the supervisor's word to take the
    # port, so a failed server is replaced in a moment. End of input before that word: not needed after all.
    if not sys.stdin.readline():
        return 0
    threading.Thread(target=exit_with_parent, daemon=True).start()
    return serve(app, "127.0.0.1", args.port)


if __name__ == "__main__":
    sys.exit(main())
