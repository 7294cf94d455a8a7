"""Languages in the URL, negotiation, the picker, right-to-left, missing strings and broken catalogues."""

import logging
import os
import re
import shutil

import pytest

from kiosk import create_app
from kiosk.i18n import catalogues, pseudo, survey_cache, survey_catalogue
from kiosk.i18n.languages import Language
from kiosk.settings import PROJECT_DIR
from tests.helpers import TRANSLATIONS_DIR, write_catalogue
from kiosk.state import kiosk_state


@pytest.fixture()
def app_with(translations_dir):
    return create_app({"TESTING": True, "TRANSLATIONS_DIR": str(translations_dir)})


def test_messages_pot_is_up_to_date_with_code_and_content():
    """Like large projects do: extract afresh and compare, so a string added without `kiosk i18n extract` fails CI."""
    _, current = catalogues.fresh_template(TRANSLATIONS_DIR / "messages.pot")
    assert current, "messages.pot is stale: run `kiosk i18n extract` and `kiosk i18n update`"


def test_a_string_added_without_extracting_makes_messages_pot_stale(tmp_path):
    for part in ("kiosk", "content"):
        shutil.copytree(PROJECT_DIR / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PROJECT_DIR / "babel.cfg", tmp_path / "babel.cfg")
    with open(tmp_path / "kiosk" / "templates" / "home.html", "a") as template:
        template.write('{{ _("A string nobody extracted") }}')
    _, current = catalogues.fresh_template(TRANSLATIONS_DIR / "messages.pot", tmp_path)
    assert not current


# --- negotiation and the picker --------------------------------------------------------------------------


@pytest.mark.parametrize("header, expected", [
    ("ar-EG,ar;q=0.9,en;q=0.5", "/ar/"),
    ("tr-TR", "/tr/"),
    ("de-DE,fr;q=0.8", "/en/"),
    ("", "/en/"),
])
def test_root_picks_the_best_offered_language(app_with, header, expected):
    response = app_with.test_client().get("/", headers={"Accept-Language": header} if header else {})
    assert response.status_code == 302 and response.location.endswith(expected)


def test_root_falls_back_to_the_configured_default(translations_dir):
    app = create_app({"TRANSLATIONS_DIR": str(translations_dir), "DEFAULT_LANGUAGE": "tr"})
    assert app.test_client().get("/", headers={"Accept-Language": "de"}).location.endswith("/tr/")


def test_a_kiosk_offering_only_arabic_starts_in_arabic_and_its_error_pages_work(translations_dir):
    """The default language (English) is not among those offered: the first offered one stands in."""
    app = create_app({"TESTING": True, "TRANSLATIONS_DIR": str(translations_dir), "LANGUAGES": ["ar"]})
    client = app.test_client()
    assert client.get("/", headers={"Accept-Language": "de"}).location.endswith("/ar/")
    page = client.get("/no-such-page/")
    assert page.status_code == 404 and '<html lang="ar" dir="rtl"' in page.get_data(as_text=True)


def test_picker_names_languages_in_themselves_and_keeps_the_card(app_with):
    page = app_with.test_client().get("/tr/themes/child-neglect/").get_data(as_text=True)
    picker = re.search(r'<nav class="language-picker".*?</nav>', page, re.S).group(0)
    assert '<a href="/ar/themes/child-neglect/" lang="ar" dir="rtl" hreflang="ar" translate="no">العربية</a>' in picker
    assert ">Türkçe</a>" in picker and ">English</a>" in picker


def test_unknown_language_is_the_friendly_404(app_with):
    response = app_with.test_client().get("/fr/")
    assert response.status_code == 404 and 'class="report-panel"' in response.get_data(as_text=True)


# --- missing strings, drafts ---------------------------------------------------------------------------


def test_a_missing_string_shows_the_english_marked_as_english(tmp_path):
    folder = tmp_path / "translations"
    folder.mkdir()
    po_path = write_catalogue(folder, "tr")
    catalog = catalogues.read(po_path)
    catalog.get("Key points").string = ""
    catalog.get("Neglect is a Relationship Issue", context="neglect-is-a-relationship-issue|title").string = ""
    catalogues.write_catalogue(po_path, catalog, "draft")
    page = create_app({"TRANSLATIONS_DIR": str(folder)}).test_client().get(
        "/tr/themes/neglect-is-a-relationship-issue/").get_data(as_text=True)
    assert '<h2><span lang="en" dir="ltr">Key points</span></h2>' in page
    assert '<h1 id="card-title"><span lang="en" dir="ltr">Neglect is a Relationship Issue</span></h1>' in page
    assert re.search(r'="[^"]*<span', page) is None, "a marked string leaked into an attribute"


def test_a_draft_language_says_so_and_links_to_the_english(app_with, translations_dir):
    page = app_with.test_client().get("/tr/themes/child-neglect/").get_data(as_text=True)
    notice = re.search(r'<p class="draft-notice">.*?</p>', page, re.S).group(0)
    assert 'href="/en/themes/child-neglect/" lang="en"' in notice
    write_catalogue(translations_dir, "tr", status="approved")
    page = create_app({"TRANSLATIONS_DIR": str(translations_dir)}).test_client().get("/tr/").get_data(as_text=True)
    assert "draft-notice" not in page


def test_a_language_is_offered_only_when_its_report_strings_are_complete(translations_dir, caplog):
    po_path = translations_dir / "tr" / "LC_MESSAGES" / "messages.po"
    catalog = catalogues.read(po_path)
    catalog.get("Out of hours", context="contacts|out-of-hours|label").string = ""
    catalogues.write_catalogue(po_path, catalog, "draft")
    with caplog.at_level(logging.WARNING):
        app = create_app({"TRANSLATIONS_DIR": str(translations_dir)})
    assert "tr" not in kiosk_state(app).languages and "ar" in kiosk_state(app).languages
    assert "language tr not offered: 1 report-a-concern string(s) not translated, e.g. 'Out of hours'" in caplog.text


# --- compiled catalogues and broken ones ---------------------------------------------------------------


def test_mo_files_are_compiled_at_start_up_and_rebuilt_when_the_po_changes(translations_dir):
    po_path = translations_dir / "tr" / "LC_MESSAGES" / "messages.po"
    mo_path = po_path.with_suffix(".mo")
    assert not mo_path.exists()
    create_app({"TRANSLATIONS_DIR": str(translations_dir)})
    assert mo_path.exists()
    catalog = catalogues.read(po_path)
    catalog.get("Key points").string = "Ana noktalar"
    catalogues.write_catalogue(po_path, catalog, "draft")
    os.utime(po_path, (mo_path.stat().st_mtime + 5, mo_path.stat().st_mtime + 5))
    page = create_app({"TRANSLATIONS_DIR": str(translations_dir)}).test_client().get("/tr/themes/child-neglect/")
    assert "<h2>Ana noktalar</h2>" in page.get_data(as_text=True)


BREAKAGES = {
    "bad syntax": lambda text: text.replace('msgstr "', 'msgstr ', 1).replace("\nmsgid", "\nmsgid\nnonsense here", 1),
    "truncated file": lambda text: text[: len(text) // 2] + '\nmsgid "unterminated',
    "wrong encoding": lambda text: text.encode("utf-16"),
    "unknown charset": lambda text: re.sub("charset=utf-8", "charset=nonesuch-9", text, flags=re.I),
}


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_a_broken_catalogue_disables_only_that_language(translations_dir, caplog, breakage):
    po_path = translations_dir / "tr" / "LC_MESSAGES" / "messages.po"
    broken = BREAKAGES[breakage](po_path.read_text(encoding="utf-8"))
    po_path.write_bytes(broken if isinstance(broken, bytes) else broken.encode("utf-8"))
    with caplog.at_level(logging.WARNING):
        app = create_app({"TRANSLATIONS_DIR": str(translations_dir)})
    client = app.test_client()
    assert client.get("/tr/").status_code == 404
    assert client.get("/ar/").status_code == 200 and client.get("/en/").status_code == 200
    assert "language tr disabled:" in caplog.text and "messages.po" in caplog.text
    overview = client.get("/en/translators/").get_data(as_text=True)
    assert re.search(r"Türkçe.*?<strong>No</strong>: <span class=\"problem\" lang=\"en\" dir=\"ltr\">[^<]*messages\.po", overview, re.S)


def progress_entry(overview: str, code: str) -> dict[str, str]:
    """One language's box on the translators' page, as {label: value}."""
    entry = re.search(rf'<span class="language-code" translate="no">{code}</span>.*?</dl>', overview, re.S).group(0)
    return {dt: " ".join(re.sub(r"<[^>]+>", " ", dd).split())
            for dt, dd in re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", entry, re.S)}


def test_translators_page_shows_progress_and_a_side_by_side_card(app_with, translations_dir):
    client = app_with.test_client()
    entry = progress_entry(client.get("/en/translators/").get_data(as_text=True), "ar")
    assert entry["Translated"] == "100%" and entry["Review status"] == "Draft" and entry["On the kiosk"] == "Yes"
    write_catalogue(translations_dir, "ar", status="approved")
    approved = create_app({"TRANSLATIONS_DIR": str(translations_dir)}).test_client().get("/en/translators/")
    assert progress_entry(approved.get_data(as_text=True), "ar")["Review status"] == "Approved"
    side = client.get("/ar/translators/child-neglect/").get_data(as_text=True)
    assert '<td lang="en" dir="ltr">Child Neglect</td>' in side and "[Çĥîļđ Ñéĝļéçţ" in side
    assert "translators" not in client.get("/ar/").get_data(as_text=True)  # not linked from the kiosk


def test_untranslated_strings_never_break_attributes_on_any_page(tmp_path):
    """Only the report-a-concern strings translated: every other string shows marked English, and none of those
    marks may land inside an attribute (aria-label, title, data-*)."""
    folder = tmp_path / "translations"
    folder.mkdir()
    po_path = write_catalogue(folder, "tr")
    catalog = catalogues.read(po_path)
    for message in catalog:
        if message.id and not catalogues.is_report_string(message):
            message.string = tuple("" for _ in message.string) if message.pluralizable else ""
    catalogues.write_catalogue(po_path, catalog, "draft")
    app = create_app({"TRANSLATIONS_DIR": str(folder)})
    client = app.test_client()
    paths = ["/tr/", "/tr/report/", "/tr/translators/", "/tr/no-such-page/", "/tr/offline/",
             *(f"/tr/themes/{slug}/" for slug in kiosk_state(app).library.cards)]
    for path in paths:
        page = client.get(path).get_data(as_text=True)
        assert '<span lang="en" dir="ltr">' in page, path
        assert re.search(r'="[^"]*<span', page) is None, path


def test_a_page_without_a_language_in_its_address_uses_the_configured_default(translations_dir):
    app = create_app({"TESTING": True, "TRANSLATIONS_DIR": str(translations_dir), "DEFAULT_LANGUAGE": "tr"})
    page = app.test_client().get("/no-such-page/")
    assert page.status_code == 404
    assert '<html lang="tr" dir="ltr"' in page.get_data(as_text=True)


# --- a catalogue `kiosk i18n check` rejects is not served --------------------------------------------------


@pytest.mark.parametrize("msgid, broken", [
    ("%(start)s to %(end)s", "%(begin)s - %(end)s"),   # a renamed placeholder: every page would fail
    ("%(days)s, %(times)s", "%(days)s"),                 # a dropped one: the panel would lose its hours
])
def test_a_catalogue_with_a_broken_placeholder_withdraws_only_that_language(translations_dir, caplog, msgid, broken):
    po_path = translations_dir / "tr" / "LC_MESSAGES" / "messages.po"
    catalog = catalogues.read(po_path)
    catalog.get(msgid, context="report panel").string = broken
    catalogues.write_catalogue(po_path, catalog, "draft")
    with caplog.at_level(logging.WARNING):
        app = create_app({"TRANSLATIONS_DIR": str(translations_dir)})
    client = app.test_client()
    assert "tr" not in kiosk_state(app).languages and "ar" in kiosk_state(app).languages
    refused = client.get("/tr/")
    assert refused.status_code == 404 and 'class="report-panel"' in refused.get_data(as_text=True)
    assert client.get("/ar/").status_code == 200
    assert "language tr not offered:" in caplog.text and "placeholder" in caplog.text and f"[msgid {msgid!r}]" in caplog.text
    overview = client.get("/en/translators/").get_data(as_text=True)
    assert re.search(r"Türkçe.*?<strong>No</strong>: <span class=\"problem\"[^>]*>[^<]*placeholder", overview, re.S)


def test_a_compiled_catalogue_that_does_not_match_its_po_is_rebuilt(translations_dir, caplog):
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    create_app({"TRANSLATIONS_DIR": str(translations_dir)})
    mo_path = translations_dir / "tr" / "LC_MESSAGES" / "messages.mo"
    with open(mo_path, "wb") as handle:  # a valid header and no entries, newer than the .po
        write_mo(handle, Catalog(locale="tr"))
    with caplog.at_level(logging.WARNING):
        app = create_app({"TRANSLATIONS_DIR": str(translations_dir)})
    assert "tr" in kiosk_state(app).languages
    assert "messages.mo did not match messages.po (1 of " in caplog.text
    assert "not translated" not in caplog.text
    page = app.test_client().get("/tr/").get_data(as_text=True)
    assert pseudo.localise("Report a concern") in page


def test_a_catalogue_survey_is_remembered_for_its_exact_bytes_only(translations_dir):
    create_app({"TRANSLATIONS_DIR": str(translations_dir)})
    po_path = translations_dir / "tr" / "LC_MESSAGES" / "messages.po"
    mo_path = po_path.with_suffix(".mo")
    remembered = survey_cache.recall(po_path)
    assert remembered == survey_catalogue(po_path, Language.of("tr"))  # what a fresh survey finds
    assert remembered["language"] == ["Türkçe", "ltr", "tr"]  # the next start needs no Babel locale data for it
    compiled = mo_path.read_bytes()
    mo_path.write_bytes(compiled + b"\0")
    assert survey_cache.recall(po_path) is None  # a damaged .mo: surveyed (and rebuilt) afresh
    mo_path.write_bytes(compiled)
    assert survey_cache.recall(po_path) == remembered
    catalog = catalogues.read(po_path)
    catalog.get("Key points").string = "Ana noktalar"
    catalogues.write_catalogue(po_path, catalog, "draft")
    assert survey_cache.recall(po_path) is None  # an edited .po


def test_the_same_catalogue_bytes_under_another_language_code_are_surveyed_afresh(translations_dir):
    create_app({"TRANSLATIONS_DIR": str(translations_dir)})  # Turkish surveyed and remembered
    turkish = translations_dir / "tr" / "LC_MESSAGES" / "messages.po"
    azerbaijani = translations_dir / "az" / "LC_MESSAGES" / "messages.po"
    azerbaijani.parent.mkdir(parents=True)
    for suffix in (".po", ".mo"):
        shutil.copy2(turkish.with_suffix(suffix), azerbaijani.with_suffix(suffix))
    assert survey_cache.key(azerbaijani) != survey_cache.key(turkish)
    statuses = kiosk_state(create_app({"TRANSLATIONS_DIR": str(translations_dir)})).language_status
    assert (statuses["tr"].language.name, statuses["az"].language.name) == ("Türkçe", "Azərbaycan")
