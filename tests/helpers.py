"""Constants and helpers the tests share (fixtures live in conftest.py; these are imported by name)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from kiosk.settings import PROJECT_DIR

CONTENT_DIR = PROJECT_DIR / "content"
TRANSLATIONS_DIR = PROJECT_DIR / "translations"

# The report-a-concern numbers, as the partnership publishes them (source: the seed page).
NUMBERS = {"999": "tel:999", "020 8489 4470": "tel:+442084894470", "020 8489 0000": "tel:+442084890000"}


def panel_of(page: str) -> str:
    """The report-a-concern panel of a page's HTML."""
    return re.search(r'<aside class="report-panel".*?</aside>', page, re.S).group(0)


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
