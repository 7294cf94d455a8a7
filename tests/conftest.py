"""Shared fixtures: the app built from the real content, a client, and a scratch copy of the content."""

from __future__ import annotations

import re
import shutil
from collections import deque
from pathlib import Path

import pytest

from kiosk import create_app
from kiosk.i18n import SOURCE_LANGUAGE, find_languages
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


# --- another language, for what must hold in every language ------------------------------------------------

# A small real catalogue, used only while the project has no language besides English. Arabic, because it is
# written right to left. Each entry is (context or None, English, Arabic).
TEST_CATALOGUE = [
    (None, "Learning from serious case reviews", "التعلم من مراجعات الحالات الخطيرة"),
    (None, "Report a concern", "الإبلاغ عن مخاوف"),
    (None, "Keep this language offline", "احفظ هذه اللغة للاستخدام دون اتصال"),
    (None, "You are offline", "أنت غير متصل بالإنترنت"),
]


def compile_catalogues(translations_dir: Path) -> None:
    """Compile every messages.po under translations_dir to messages.mo with Babel, as a release would."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in translations_dir.glob("*/LC_MESSAGES/messages.po"):
        with po.open("rb") as source, po.with_suffix(".mo").open("wb") as target:
            write_mo(target, read_po(source, locale=po.parent.parent.name))


def write_test_catalogue(translations_dir: Path, code: str = "ar") -> Path:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    catalog = Catalog(locale=code, project="safeguarding-kiosk")
    for context, english, translated in TEST_CATALOGUE:
        catalog.add(english, translated, context=context)
    path = translations_dir / code / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True)
    with path.open("wb") as handle:
        write_po(handle, catalog)
    return path


@pytest.fixture(scope="session")
def other_language(tmp_path_factory) -> tuple[Path, str]:
    """(a translations folder, a language code besides English), compiled and ready for TRANSLATIONS_DIR.

    The project's own catalogues where it has any (Arabic first, being right to left), else TEST_CATALOGUE.
    """
    target = tmp_path_factory.mktemp("i18n") / "translations"
    project = PROJECT_DIR / "translations"
    if any(p.parent.parent.name != "en" for p in project.glob("*/LC_MESSAGES/messages.po")):
        shutil.copytree(project, target)
    else:
        write_test_catalogue(target, "ar")
    compile_catalogues(target)
    codes = [code for code in find_languages(target) if code != SOURCE_LANGUAGE]  # as the app names them
    return target, "ar" if "ar" in codes else codes[0]
