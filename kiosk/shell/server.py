"""The waitress server the app runs in, for ``launcher.py --no-window`` and for the kiosk window's server process
(``python -m kiosk.cli.serve --port N``, which builds the app, then serves once a line arrives on its standard
input; the supervisor restarts it at will): its limits, and its lifetime."""

from __future__ import annotations

import os
import sys
import threading


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


PRECACHE_DELAY = 3.0  # seconds after the server starts before the precache list is built in the background


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
    a few seconds later, so the first visitor does not wait for it and /healthz never queues behind it."""
    from waitress import create_server

    from ..language_fonts import plan_fonts
    from ..offline import build_precache
    from .busy import summarise_queue_warnings

    allow_open_files()
    summarise_queue_warnings()
    server = create_server(app, host=host, port=port, **SERVER_OPTIONS)
    # each language's fonts are planned at once, in the background, rather than by the first page
    threading.Thread(target=plan_fonts, args=(app,), name="fonts", daemon=True).start()
    if not app.config.get("KIOSK_SHELL"):  # the kiosk window keeps nothing offline (templates/components/offline_head)
        # a moment later, so the first page is not rendered in the shadow of every other page
        builder = threading.Timer(PRECACHE_DELAY, build_precache, args=(app,))
        builder.name, builder.daemon = "precache", True
        builder.start()
    return server


def exit_with_parent() -> None:
    """The supervisor holds our standard input open; when it closes, the launcher is gone, so are we."""
    sys.stdin.read()
    os._exit(0)
