"""Serving the app with waitress: in the foreground for ``launcher.py --no-window``, and as the kiosk
window's server process (``python -m kiosk.shell.server --port N``, which builds the app, then serves once a
line arrives on its standard input), which the supervisor restarts at will."""

from __future__ import annotations

import argparse
import os
import sys
import threading

from .. import content, create_app


def build_app(config: dict | None = None):
    """The app, or None after printing every content problem, one line each."""
    try:
        return create_app(config)
    except content.ContentError as err:
        print("The kiosk cannot start: the content has problems. Fix these and run `kiosk check`:", file=sys.stderr)
        for problem in err.problems:
            print(f"  {problem}", file=sys.stderr)
        return None


# Chosen with benchmarks/load.py and tests/test_server_limits.py. Idle and half-sent connections cost a file
# descriptor each, not a thread, so they may be many, but none may stay long: then no crowd of open sockets can
# lock out the kiosk window, the supervisor's health check or the next visitor.
SERVER_OPTIONS = {
    "threads": 4,  # two cores and one GIL: more threads only queue inside Python instead of in waitress
    "connection_limit": 1000,  # waitress's default of 100 was filled by 100 idle sockets
    "channel_timeout": 10,  # seconds a connection may stay silent (idle keep-alive, or a request half sent)
    "cleanup_interval": 2,  # how often that is checked (waitress's default 30 s would let them stay 40 s)
    "asyncore_use_poll": True,  # poll(), not select(), which cannot watch more than 1024 descriptors
    "backlog": 1024,
}


def allow_open_files(wanted: int = 4096) -> None:
    """Raise this process's open-file limit towards ``wanted`` (the connection limit needs one per socket)."""
    try:
        import resource
    except ImportError:  # Windows has no such limit to raise
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


def make_server(app, host: str, port: int):
    """The waitress server with the options above; the service worker's precache list is built in the background
    meanwhile, so the first visitor does not wait for it and /healthz never queues behind it."""
    from waitress import create_server

    from ..offline import build_precache
    from .busy import summarise_queue_warnings

    allow_open_files()
    summarise_queue_warnings()
    server = create_server(app, host=host, port=port, **SERVER_OPTIONS)
    threading.Thread(target=build_precache, args=(app,), name="precache", daemon=True).start()
    return server


def serve(app, host: str, port: int) -> int:
    """Serve until interrupted, after printing the address to open."""
    server = make_server(app, host, port)
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


def exit_with_parent() -> None:
    """The supervisor holds our standard input open; when it closes, the launcher is gone, so are we."""
    sys.stdin.read()
    os._exit(0)


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
