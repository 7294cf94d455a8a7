"""Real-browser fixtures: the app served by waitress on loopback, and Debian's Chromium through Playwright."""

from __future__ import annotations

import shutil
import threading

import pytest
from waitress.server import create_server

from kiosk import create_app

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]

SIZES = {"portrait-kiosk": (1080, 1920), "landscape-kiosk": (1920, 1080), "tablet": (820, 1180), "phone": (390, 844)}


@pytest.fixture(scope="session")
def live_url():
    """The app with every shipped language plus the pseudo-locale, served by waitress on loopback."""
    server = create_server(create_app({"PSEUDO_LOCALE": True}), host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
