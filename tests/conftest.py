"""Shared fixtures: the app built from the real content, a client, and a scratch copy of the content."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections import deque
from pathlib import Path

import pytest
from hypothesis import settings

from kiosk import create_app

from tests.helpers import CONTENT_DIR, NOBODY, PG_CTL, TRANSLATIONS_DIR, Served, free_port, write_catalogue

# Answers given by the tests go to a scratch database (one per test process), never the user's own.
os.environ.setdefault("KIOSK_DATABASE_URL",
                      f"sqlite:///{tempfile.mkdtemp(prefix='kiosk-feedback-')}/feedback.sqlite3")


@pytest.fixture(scope="session", autouse=True)
def scratch_bank_holiday_cache(tmp_path_factory):
    """Bank holidays the tests' apps look up are kept in a scratch folder (one per test process), never the user's
    cache: an answer kept there under a wrong name (by a mutant, scripts/mutation) would be believed by later runs."""
    from kiosk.content import bank_holidays

    folder = tmp_path_factory.mktemp("bank-holidays")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(bank_holidays, "cache_dir", lambda: folder)
        yield folder


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


@pytest.fixture(scope="session")
def served():
    """The real server (launcher.py --no-window), one for the session."""
    server = Served()
    yield server
    server.stop()


# Property-based tests (hypothesis): bounded for the test command; HYPOTHESIS_PROFILE=long for a thorough run.
settings.register_profile("suite", max_examples=40, deadline=None)
settings.register_profile("long", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))


@pytest.fixture(scope="session")
def postgresql_url():
    """A real PostgreSQL (Debian's, from /usr/lib/postgresql; scripts/test installs it), started for the session
    in a scratch folder on a free port and stopped after it. PostgreSQL refuses to run as root, so as root it
    runs as the unprivileged user ``nobody``."""
    pg_bin = Path(PG_CTL).parent
    folder = Path(tempfile.mkdtemp(prefix="kiosk-postgres-"))
    as_user = []
    if os.geteuid() == 0:
        os.chmod(folder, 0o755)
        os.chown(folder, *NOBODY)
        as_user = [shutil.which("runuser") or "/usr/sbin/runuser", "-u", "nobody", "--"]  # /usr/sbin: not on every PATH
    data, port = folder / "data", free_port()
    run = lambda *command: subprocess.run([*as_user, *command], check=True, capture_output=True, text=True)  # noqa: E731
    run(str(pg_bin / "initdb"), "-D", str(data), "-U", "kiosk", "--auth=trust", "--no-locale", "-E", "UTF8")
    run(str(pg_bin / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w", "-t", "60", "start",
        "-o", f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off")
    try:
        yield f"postgresql+psycopg://kiosk@127.0.0.1:{port}/postgres"
    finally:
        run(str(pg_bin / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)
