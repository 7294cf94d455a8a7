"""Real-browser fixtures: the app served by waitress on loopback, a plain static host, Debian's Chromium through
Playwright, and a guard that fails and notes any request that would leave loopback."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

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


class StaticHost:
    """A plain static file server (Python's http.server) on loopback, serving a folder under an address path,
    with the headers the README recommends. Nothing of ours runs on it: it is any static host."""

    def __init__(self, folder: Path, path: str = "/"):
        prefix = path

        class Handler(http.server.SimpleHTTPRequestHandler):
            def translate_path(self, url_path):
                url_path = url_path.split("?", 1)[0].split("#", 1)[0]
                if not url_path.startswith(prefix):
                    return str(folder / "-no-such-file-")
                return super().translate_path("/" + url_path[len(prefix):])

            def end_headers(self):
                self.send_header("Cache-Control", "no-cache")
                super().end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=folder))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def stop(self) -> None:
        """Cut the site off: the port stops answering."""
        if self.thread.is_alive():
            self.server.shutdown()
            self.server.server_close()
            self.thread.join()


@pytest.fixture()
def static_host():
    """Serve a folder: static_host(folder, "/safeguarding/"); every server stops after the test."""
    hosts = []

    def serve(folder: Path, path: str = "/") -> StaticHost:
        hosts.append(StaticHost(folder, path))
        return hosts[-1]

    yield serve
    for host in hosts:
        host.stop()


def is_loopback(url: str) -> bool:
    return urlsplit(url).hostname in ("127.0.0.1", "localhost", "::1") or not url.startswith(("http:", "https:"))


class LoopbackOnly:
    """Every request from a browser context (pages and service workers) to another host fails, and is noted
    in ``attempts``. A test asserts the list is empty."""

    def __init__(self, context):
        self.attempts: list[str] = []
        context.route(lambda url: not is_loopback(url), self.refuse)

    def refuse(self, route) -> None:
        self.attempts.append(route.request.url)
        route.abort("blockedbyclient")
