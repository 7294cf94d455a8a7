"""The fail-safe page is built without Flask from contacts.yaml and the catalogues: the three numbers,
exactly as the contacts file has them, in every language there is a catalogue for."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from kiosk.shell import failsafe
from kiosk.settings import PROJECT_DIR
from tests.helpers import CONTENT_DIR, NUMBERS


def write_messages(translations: Path, code: str, messages: dict) -> None:
    """A catalogue holding just ``messages`` ({(context, English): translation}), as a translator might start."""
    catalogue = Catalog(locale=code)
    for (context, source), text in messages.items():
        catalogue.add(source, text, context=context)
    path = translations / code / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True)
    with path.open("wb") as handle:
        write_po(handle, catalogue)


def test_the_page_has_the_three_numbers_in_every_language(tmp_path):
    translations = tmp_path / "translations"
    write_messages(translations, "tr", {(None, "Report a concern"): "Endişenizi bildirin",
                                         ("contacts|mash|label", "MASH"): "MASH (Türkçe)"})
    write_messages(translations, "ar", {(None, "Report a concern"): "الإبلاغ عن قلق"})
    url = failsafe.write(tmp_path / "page", CONTENT_DIR, translations, "tr")
    html = Path(url.removeprefix("file://")).read_text(encoding="utf-8")
    assert (tmp_path / "page" / "failsafe.css").exists()
    assert '<html lang="tr" dir="ltr">' in html and "<title>Endişenizi bildirin</title>" in html
    sections = re.findall(r'<section class="failsafe-language" lang="([^"]+)" dir="([^"]+)"', html)
    assert sections == [("tr", "ltr"), ("en", "ltr"), ("ar", "rtl")]  # the default language first
    assert "MASH (Türkçe)" in html and "الإبلاغ عن قلق" in html
    for number in NUMBERS:
        assert html.count(f'translate="no">{number}</span>') == 3
    assert "<script" not in html and "style=" not in html and "http" not in html


def page_text(tmp_path, translations) -> str:
    return Path(failsafe.write(tmp_path / "page", CONTENT_DIR, translations, "tr").removeprefix("file://")).read_text()


def test_the_page_reads_the_compiled_catalogue_unless_the_po_is_newer_or_it_is_damaged(tmp_path):
    translations = tmp_path / "translations"
    write_messages(translations, "tr", {(None, "Report a concern"): "Endişenizi bildirin",
                                         ("contacts|mash|label", "MASH"): "MASH (Türkçe)"})
    po_path = translations / "tr" / "LC_MESSAGES" / "messages.po"
    mo_path = po_path.with_suffix(".mo")
    with po_path.open("rb") as po, mo_path.open("wb") as mo:
        write_mo(mo, read_po(po, locale="tr"))
    po_path.write_text(po_path.read_text(encoding="utf-8").replace("Endişenizi bildirin", "Bir endişe bildirin"),
                       encoding="utf-8")
    os.utime(po_path, (mo_path.stat().st_mtime - 10,) * 2)  # the .mo is the newer: it is read, contexts and all
    assert "<title>Endişenizi bildirin</title>" in page_text(tmp_path, translations)
    assert "MASH (Türkçe)" in page_text(tmp_path, translations)

    os.utime(po_path, (mo_path.stat().st_mtime + 10,) * 2)  # the .po edited since: the .po is read
    assert "<title>Bir endişe bildirin</title>" in page_text(tmp_path, translations)

    mo_path.write_bytes(b"not a catalogue")
    os.utime(po_path, (mo_path.stat().st_mtime - 10,) * 2)  # newer but damaged: the .po again
    assert "<title>Bir endişe bildirin</title>" in page_text(tmp_path, translations)


def test_a_broken_catalogue_costs_only_its_own_language(tmp_path):
    translations = tmp_path / "translations"
    broken = translations / "pl" / "LC_MESSAGES" / "messages.po"
    broken.parent.mkdir(parents=True)
    broken.write_bytes(b'msgid "Report a concern"\nmsgstr "\xff\xfe unterminated\n')
    write_messages(translations, "tr", {(None, "Report a concern"): "Endişenizi bildirin"})
    html = Path(failsafe.write(tmp_path / "page", CONTENT_DIR, translations, "en").removeprefix("file://")).read_text()
    assert re.findall(r'<section class="failsafe-language" lang="([^"]+)"', html) == ["en", "tr"]
    assert html.count('translate="no">999</span>') == 2


def test_unreadable_contacts_keep_the_page_from_an_earlier_start(tmp_path, content_copy):
    url = failsafe.write(tmp_path / "page", content_copy, tmp_path, "en")
    (content_copy / "contacts.yaml").write_text("contacts: [\n")
    assert failsafe.write(tmp_path / "page", content_copy, tmp_path, "en") == url
    with pytest.raises(failsafe.Unavailable):
        failsafe.write(tmp_path / "elsewhere", content_copy, tmp_path, "en")


def test_a_start_with_nothing_changed_keeps_the_page_without_reading_the_content(tmp_path):
    # issue 16: the window waits for this page; unchanged inputs cost a hash, not the content schema and Babel
    translations = tmp_path / "translations"
    write_messages(translations, "tr", {(None, "Report a concern"): "Endişenizi bildirin"})
    program = ("import sys; from pathlib import Path; from kiosk.shell import failsafe; "
               f"failsafe.write(Path({str(tmp_path / 'page')!r}), Path({str(CONTENT_DIR)!r}), "
               f"Path({str(translations)!r}), 'tr'); print('pydantic' in sys.modules, 'flask' in sys.modules)")
    run = lambda: subprocess.run([sys.executable, "-c", program], cwd=PROJECT_DIR, capture_output=True, text=True,  # noqa: E731
                                 check=True).stdout.split()
    assert run()[0] == "True"  # written: the contacts read and checked with the content schema (pydantic)
    page = tmp_path / "page" / "index.html"
    written = page.stat().st_mtime_ns
    assert run() == ["False", "False"]  # kept as it was
    assert page.stat().st_mtime_ns == written


@pytest.mark.parametrize("change", ["contacts", "catalogue", "default language"])
def test_a_change_to_what_the_page_is_made_from_writes_it_again(tmp_path, content_copy, change):
    translations = tmp_path / "translations"
    write_messages(translations, "tr", {(None, "Report a concern"): "Endişenizi bildirin"})
    write = lambda default="tr": failsafe.write(tmp_path / "page", content_copy, translations, default)  # noqa: E731
    html = lambda: (tmp_path / "page" / "index.html").read_text(encoding="utf-8")  # noqa: E731
    write()
    assert "<title>Endişenizi bildirin</title>" in html()
    if change == "contacts":
        contacts = content_copy / "contacts.yaml"
        contacts.write_text(contacts.read_text(encoding="utf-8").replace("020 8489 4470", "020 8489 4471"),
                            encoding="utf-8")
        write()
        assert "020 8489 4471" in html() and "020 8489 4470" not in html()
    elif change == "catalogue":
        po_path = translations / "tr" / "LC_MESSAGES" / "messages.po"
        po_path.write_text(po_path.read_text(encoding="utf-8").replace("Endişenizi bildirin", "Bir endişe bildirin"),
                           encoding="utf-8")
        write()
        assert "<title>Bir endişe bildirin</title>" in html()
    else:
        write("en")
        assert '<html lang="en" dir="ltr">' in html()
