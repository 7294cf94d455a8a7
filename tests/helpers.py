"""Constants and helpers the tests share (fixtures live in conftest.py; these are imported by name)."""

from __future__ import annotations

import functools
import glob
import http.client
import os
import pwd
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from kiosk.settings import PROJECT_DIR
from kiosk.shell.supervisor import free_port

CONTENT_DIR = PROJECT_DIR / "content"
# Debian's PostgreSQL server (the package `postgresql`, which scripts/test installs), newest version first.
PG_CTL = shutil.which("pg_ctl") or max(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), default="pg_ctl",
                                        key=lambda path: int(Path(path).parts[-3]))
NOBODY = tuple(pwd.getpwnam("nobody")[2:4])  # uid and gid PostgreSQL runs as when the tests run as root
TRANSLATIONS_DIR = PROJECT_DIR / "translations"

# The report-a-concern numbers, as the partnership publishes them (source: the seed page).
NUMBERS = {"999": "tel:999", "020 8489 4470": "tel:+442084894470", "020 8489 0000": "tel:+442084890000"}


def panel_of(page: str) -> str:
    """The report-a-concern panel of a page's HTML."""
    return re.search(r'<aside class="report-panel".*?</aside>', page, re.S).group(0)


SEARCH_CASES = PROJECT_DIR / "tests" / "search_cases.json"  # the normalisation cases both search sides must pass
SEARCH_LANGUAGES = ("en", "tr", "ar", "bn")  # Latin, Turkish i, right to left, and a script with vowel signs


def catalogue_text(lang: str, context: str) -> str:
    """A string as the language's own catalogue has it (English from the content for English): where search
    tests take their queries from, e.g. ``catalogue_text("tr", "child-neglect|title")``."""
    from kiosk.content import load

    if lang == "en":
        slug, _, field = context.partition("|")
        return str(getattr(load(CONTENT_DIR).cards[slug], field))
    return _catalogue(lang)[context]


@functools.cache
def _catalogue(lang: str) -> dict[str, str]:
    """{context: translation} of a shipped catalogue (read once per test process)."""
    from babel.messages.pofile import read_po

    with open(TRANSLATIONS_DIR / lang / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return {message.context: message.string for message in read_po(handle) if message.context}


def write_catalogue(translations_dir: Path, lang: str, translate=None, status: str = "draft") -> Path:
    """A complete, real gettext catalogue for ``lang`` made from messages.pot (by default in the pseudo-locale's
    style, so any string shown untranslated stands out)."""
    from kiosk.i18n import catalogues, pseudo

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


class Served:
    """The real server (launcher.py --no-window, waitress) in its own process, on a free loopback port."""

    def __init__(self, env: dict | None = None):
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, str(PROJECT_DIR / "launcher.py"), "--no-window", "--port", str(self.port)],
            cwd=PROJECT_DIR, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, **(env or {})})
        self.output: list[str] = []
        threading.Thread(target=lambda: self.output.extend(self.process.stdout), daemon=True).start()
        self.wait_until_answering()

    def get(self, path: str, host: str | None = None, timeout: float = 10) -> tuple[int, dict, str]:
        """(status, headers, body) of one request on a new connection, with any Host header, sent as is."""
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


def static_url(app, filename: str, base_url: str = "http://localhost/") -> str:
    """The address the app gives a static file: its name carries the hash of its bytes (kiosk/static_files.py)."""
    from flask import url_for

    with app.test_request_context(base_url=base_url):
        return url_for("static", filename=filename)
