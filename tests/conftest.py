"""Shared fixtures: the app built from the real content, a client, and a scratch copy of the content."""

from __future__ import annotations

import re
import shutil
from collections import deque
from pathlib import Path

import pytest

from kiosk import create_app
from kiosk.settings import PROJECT_DIR

CONTENT_DIR = PROJECT_DIR / "content"

# The report-a-concern numbers, as the partnership publishes them (source: the seed page).
NUMBERS = {"999": "tel:999", "020 8489 4470": "tel:+442084894470", "020 8489 0000": "tel:+442084890000"}


@pytest.fixture(scope="session")
def app():
    return create_app({"TESTING": True})


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def site_pages(app) -> dict[str, str]:
    """Every page reached by following links from /, with its HTML."""
    client = app.test_client()
    pages, queue = {}, deque(["/"])
    while queue:
        path = queue.popleft()
        if path in pages:
            continue
        response = client.get(path, follow_redirects=True)
        assert response.status_code == 200, path
        if response.mimetype != "text/html":
            continue
        html = response.get_data(as_text=True)
        pages[path] = html
        for link in re.findall(r'href="(/[^"#?]*)"', html):
            if not link.startswith("/static/") and link not in pages:
                queue.append(link)
    return pages


@pytest.fixture()
def content_copy(tmp_path) -> Path:
    """A scratch copy of the real content, to break on purpose."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


TRANSLATIONS_DIR = PROJECT_DIR / "translations"


def write_catalogue(translations_dir: Path, lang: str, translate=None, status: str = "draft") -> Path:
    """A complete, real gettext catalogue for ``lang`` made from messages.pot (by default in the pseudo-locale's
    style, so any string shown untranslated stands out)."""
    from kiosk import catalogues, pseudo

    translate = translate or pseudo.localise
    catalog = catalogues.new_catalogue(TRANSLATIONS_DIR / "messages.pot", lang)
    for message in catalog:
        if message.id:
            message.string = tuple(translate(message.id[min(i, 1)]) for i in range(catalog.num_plurals)) \
                if message.pluralizable else translate(message.id)
    if not (translations_dir / "messages.pot").exists():
        shutil.copy(TRANSLATIONS_DIR / "messages.pot", translations_dir / "messages.pot")
    po_path = translations_dir / lang / "LC_MESSAGES" / "messages.po"
    catalogues.write_catalogue(po_path, catalog, status)
    return po_path


@pytest.fixture()
def translations_dir(tmp_path) -> Path:
    """A translations folder with the real messages.pot and complete catalogues for Turkish and Arabic."""
    folder = tmp_path / "translations"
    folder.mkdir()
    write_catalogue(folder, "tr")
    write_catalogue(folder, "ar")
    return folder


@pytest.fixture(scope="session")
def other_language(tmp_path_factory) -> tuple[Path, str]:
    """(a translations folder holding only the shipped Arabic, "ar"): one language besides English, right to left."""
    target = tmp_path_factory.mktemp("i18n") / "translations"
    shutil.copytree(TRANSLATIONS_DIR / "ar", target / "ar", ignore=shutil.ignore_patterns("*.mo"))
    shutil.copy(TRANSLATIONS_DIR / "messages.pot", target / "messages.pot")
    return target, "ar"


class Served:
    """The real server (launcher.py --no-window, waitress) in its own process, on a free loopback port."""

    def __init__(self, env: dict | None = None):
        import os
        import subprocess
        import sys

        from kiosk.shell.supervisor import free_port

        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, str(PROJECT_DIR / "launcher.py"), "--no-window", "--port", str(self.port)],
            cwd=PROJECT_DIR, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, **(env or {})})
        self.output: list[str] = []
        import threading

        threading.Thread(target=lambda: self.output.extend(self.process.stdout), daemon=True).start()
        self.wait_until_answering()

    def get(self, path: str, host: str | None = None, timeout: float = 10) -> tuple[int, dict, str]:
        """(status, headers, body) of one request on a new connection, with any Host header, sent as is."""
        import http.client

        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.putrequest("GET", path, skip_host=True)
            connection.putheader("Host", host if host is not None else f"127.0.0.1:{self.port}")
            connection.endheaders()
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read().decode("utf-8", "replace")
        finally:
            connection.close()

    def wait_until_answering(self, timeout: float = 30) -> None:
        import time

        deadline = time.monotonic() + timeout
        while True:
            assert self.process.poll() is None, f"server exited: {''.join(self.output)}"
            try:
                if self.get("/healthz", timeout=2)[0] == 200:
                    return
            except OSError:
                assert time.monotonic() < deadline, "server never answered /healthz"
                time.sleep(0.1)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture(scope="session")
def served():
    server = Served()
    yield server
    server.stop()


# Property-based tests (hypothesis): bounded for the test command; HYPOTHESIS_PROFILE=long for a thorough run.
def _hypothesis_profiles() -> None:
    import os

    from hypothesis import settings

    settings.register_profile("suite", max_examples=40, deadline=None)
    settings.register_profile("long", max_examples=2000, deadline=None)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))


_hypothesis_profiles()
