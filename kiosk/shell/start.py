"""Starting the kiosk window: settings, log, fail-safe page, the server, then the window over it."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import platformdirs

from .. import settings
from . import failsafe, logs
from .supervisor import Supervisor, free_port

log = logging.getLogger(__name__)

START_TIMEOUT = 20.0  # seconds to wait for the first server before the window opens on the fail-safe page


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
    failsafe_url = failsafe.write(data_dir / "failsafe", Path(config["CONTENT_DIR"]),
                                  Path(config["TRANSLATIONS_DIR"]), config["DEFAULT_LANGUAGE"], config["LANGUAGES"])
    log.info("kiosk starting (log: %s)", log_path)

    supervisor = Supervisor(port or free_port(), env=environ)
    supervisor.start()
    try:
        from .window import WINDOW_LOST, KioskWindow  # imports the webview toolkit while the server starts

        window = KioskWindow(gui, config, supervisor, failsafe_url, pin_state=data_dir / "staff-pin-tries.json")
        healthy = supervisor.wait_healthy(START_TIMEOUT)
        status = window.run(window.home if healthy else failsafe_url)
    finally:
        supervisor.stop()
    if status == WINDOW_LOST:  # Qt cannot tidy up a window it has lost: its teardown can hang or crash
        logging.shutdown()
        os._exit(status)
    return status
