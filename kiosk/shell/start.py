"""Starting the kiosk window: settings, log, the server, and beside it the window, on the fail-safe page until the
server answers."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import platformdirs

from .. import settings
from . import failsafe, logs
from .supervisor import Supervisor, free_port

log = logging.getLogger(__name__)



def run(gui: str, port: int | None = None, environ: dict | None = None) -> int:
    """Open the kiosk window and serve it; the exit status. Raises failsafe.Unavailable when there are no
    report-a-concern numbers to fall back on. ``environ`` carries the settings file (KIOSK_SETTINGS) to the server."""
    environ = dict(os.environ if environ is None else environ)
    resolved = settings.resolve(environ)
    config = resolved.as_config()
    data_dir = platformdirs.user_data_path(settings.APP_NAME, appauthor=False)
    log_path = logs.setup(data_dir / "logs")
    for problem in resolved.problems:
        log.warning("%s", problem)
    log.info("kiosk starting (log: %s)", log_path)

    # The server and the window start side by side: the window opens at once on the fail-safe page (the numbers
    # from its first frame) and moves to the home page as soon as the server answers (KioskWindow.watch).
    supervisor = Supervisor(port or free_port(), env=environ)
    supervisor.start()
    try:
        failsafe_url = failsafe.write(data_dir / "failsafe", Path(config["CONTENT_DIR"]),
                                      Path(config["TRANSLATIONS_DIR"]), config["DEFAULT_LANGUAGE"], config["LANGUAGES"])
        from .window import WINDOW_LOST, KioskWindow  # imports the webview toolkit while the server starts

        window = KioskWindow(gui, config, supervisor, failsafe_url, pin_state=data_dir / "staff-pin-tries.json")
        status = window.run(window.home if supervisor.healthy else failsafe_url)
    finally:
        supervisor.stop()
    if status == WINDOW_LOST:  # Qt cannot tidy up a window it has lost: its teardown can hang or crash
        logging.shutdown()
        os._exit(status)
    return status
