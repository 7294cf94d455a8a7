"""The ten community languages as shipped: offered, complete, correct on every page."""

import re

import pytest

from kiosk.i18n import checks, languages
from tests.helpers import NUMBERS, TRANSLATIONS_DIR, panel_of
from kiosk.state import kiosk_state

REQUIRED = ["tr", "pl", "ro", "bg", "es", "pt", "sq", "so", "ar", "bn"]




def test_the_ten_community_languages_are_offered(app):
    assert set(REQUIRED) <= set(kiosk_state(app).languages)


def test_every_shipped_catalogue_passes_the_translators_check():
    found = languages.find_catalogues(TRANSLATIONS_DIR)
    assert {languages.language_of(po_path) for po_path in found} >= set(REQUIRED)
    for po_path in found:
        errors = [str(f) for f in checks.check_catalogue(po_path) if f.severity == "error"]
        assert errors == [], errors


@pytest.mark.parametrize("lang", ["en", *REQUIRED])
def test_every_page_in_every_language_has_lang_dir_translated_panel_and_exact_numbers(app, lang):
    language = kiosk_state(app).languages[lang]
    client = app.test_client()
    english_panel_labels = re.findall(r'class="report-contact-label">([^<]*)<', panel_of(client.get("/en/").get_data(as_text=True)))
    paths = [f"/{lang}/", f"/{lang}/report/"] + [f"/{lang}/themes/{slug}/" for slug in kiosk_state(app).library.cards]
    for path in paths:
        page = client.get(path).get_data(as_text=True)
        assert f'<html lang="{lang}" dir="{language.direction}"' in page, path
        panel = panel_of(page)
        for number, tel in NUMBERS.items():
            assert f'<a class="report-contact-number" href="{tel}" dir="ltr"><bdi>{number}</bdi></a>' in panel, path
        labels = re.findall(r'class="report-contact-label">(.*?)</span>', panel)
        assert len(labels) == 3 and not any('lang="en"' in label for label in labels), path
        if lang != "en":
            assert labels != english_panel_labels, path


def test_arabic_is_right_to_left_with_numbers_kept_left_to_right(app):
    page = app.test_client().get("/ar/report/").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl"' in page
    assert '<a class="report-contact-number" href="tel:999" dir="ltr"><bdi>999</bdi></a>' in panel_of(page)


def test_times_follow_each_languages_custom(app):
    client = app.test_client()
    assert "5pm to 9am" in client.get("/en/").get_data(as_text=True)
    assert "17:00" in client.get("/tr/").get_data(as_text=True)
    assert "5pm" not in client.get("/tr/").get_data(as_text=True)


