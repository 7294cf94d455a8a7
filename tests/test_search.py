"""Search on the server: normalisation by the shared rules, matching people expect, the page (without JavaScript),
hostile queries, the header box on every page, and the per-language index the browser and the export use."""

from __future__ import annotations

import html
import json
import re

import pytest

from kiosk.search.normalise import RULES_FILE, normalise, terms, words
from kiosk.state import kiosk_state
from tests.helpers import NUMBERS, SEARCH_CASES, SEARCH_LANGUAGES, catalogue_text, panel_of

CASES = json.loads(SEARCH_CASES.read_text(encoding="utf-8"))
ATTACHMENT = "interaction-is-not-attachment"


def result_links(page: str, lang: str) -> list[str]:
    """The slugs the results list links to, in order."""
    listing = re.search(r'<ol class="search-results".*?</ol>', page, re.S).group(0)
    return re.findall(rf'href="/{lang}/themes/([^/]+)/"', listing)


def search(client, lang: str, query: str):
    return client.get(f"/{lang}/search/", query_string={"q": query})


# ASCII ids (language and case number): pytest escapes other text in ids, and an escaped id cannot be selected again
# (mutmut runs each mutant's tests by id)
@pytest.mark.parametrize("lang, text, expected", CASES["normalise"],
                         ids=[f"{case[0]}-{n}" for n, case in enumerate(CASES["normalise"])])
def test_normalising_follows_the_shared_cases(lang, text, expected):
    assert normalise(text, lang) == expected


def test_words_are_split_as_the_shared_cases_say():
    assert [words(text) for text, _ in CASES["words"]] == [expected for _, expected in CASES["words"]]


@pytest.mark.parametrize("lang", SEARCH_LANGUAGES)
def test_a_cards_title_from_the_languages_catalogue_finds_that_card_first_with_its_words_marked(client, lang):
    title = catalogue_text(lang, f"{ATTACHMENT}|title")
    page = search(client, lang, title).get_data(as_text=True)
    assert result_links(page, lang)[0] == ATTACHMENT
    first = re.search(r'<ol class="search-results".*?</li>', page, re.S).group(0)
    longest = max(words(title), key=len)
    assert f"<mark>{html.escape(longest, quote=True)}</mark>" in first


@pytest.mark.parametrize("lang, slug, fold", [
    ("tr", "child-neglect", lambda text: text.replace("i", "İ").replace("ı", "I").upper()),  # dotted and dotless
    ("ar", "child-neglect", lambda text: text.replace("إ", "ا").replace("أ", "ا").replace("ل", "لـ")),  # tatweel
    ("pl", "listening-to-children", lambda text: text.replace("ł", "l").replace("Ł", "L").upper()),
    ("ro", "mental-health-problems", lambda text: text.replace("ț", "ţ").replace("ș", "ş")),  # cedilla forms
    ("es", "information-sharing", lambda text: text.replace("ó", "o")),
])
def test_case_accents_and_letter_forms_do_not_matter(client, lang, slug, fold):
    title = catalogue_text(lang, f"{slug}|title")
    assert fold(title) != title
    assert result_links(search(client, lang, fold(title)).get_data(as_text=True), lang)[0] == slug


@pytest.mark.parametrize("lang, cut", [("en", 6), ("tr", 5), ("bn", 4)])
def test_a_partly_typed_word_finds_its_card(client, lang, cut):
    word = max(words(catalogue_text(lang, f"{ATTACHMENT}|title")), key=len)
    assert ATTACHMENT in result_links(search(client, lang, word[:cut]).get_data(as_text=True), lang)


def test_a_small_typo_in_a_latin_word_still_finds_its_card(client):
    assert result_links(search(client, "en", "atachment").get_data(as_text=True), "en")[0] == ATTACHMENT


def test_title_hits_rank_above_body_hits(client, app):
    slugs = result_links(search(client, "en", "neglect").get_data(as_text=True), "en")
    in_title = [slug for slug, card in kiosk_state(app).library.cards.items() if "neglect" in card.title.lower()]
    assert len(slugs) > len(in_title) >= 2
    assert set(slugs[:len(in_title)]) == set(in_title)


def test_every_topic_word_finds_a_card_in_every_language(client, app):
    for lang in kiosk_state(app).languages:
        page = search(client, lang, "").get_data(as_text=True)
        topics = [html.unescape(t) for t in re.findall(r'data-topic="([^"]*)"', page)]
        assert len(topics) == 7, lang
        empty = [topic for topic in topics if not result_links(search(client, lang, topic).get_data(as_text=True), lang)]
        assert not empty, f"{lang}: these topic words find no card: {empty}"


def test_nothing_found_says_so_suggests_topics_and_keeps_the_report_panel(client):
    page = search(client, "ar", "zzqqxx").get_data(as_text=True)
    assert result_links(page, "ar") == []
    assert re.search(r'<p class="search-nothing" id="search-nothing">', page)  # shown, not hidden
    assert 'id="search-count" role="status">لم يُعثر' in page  # the count, in the language's zero form
    assert page.count('data-topic="') == 7
    assert all(tel in panel_of(page) for tel in NUMBERS.values())


@pytest.mark.parametrize("query_string", [
    "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "q=" + "neglect%20" * 700, "q=ne%00glect", "q=%zz%", "q=%",
    "q=neglect&q=%3Cb%3E", "q=" + "%E2%80%AE" * 50 + "x", "q=%ff%fe", "q=%3C%2Ftitle%3E%3Cb%3E",
])
def test_hostile_queries_get_a_normal_escaped_page(client, query_string):
    response = client.get(f"/en/search/?{query_string}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<script>alert" not in page and "<b>" not in page and "\x00" not in page
    assert all(tel in panel_of(page) for tel in NUMBERS.values())


def test_a_very_long_query_is_cut_with_a_note(client):
    page = search(client, "en", "neglect " * 700).get_data(as_text=True)
    assert re.search(r'<p class="search-cut" id="search-cut">Your search was shortened to its first 200', page)
    assert result_links(page, "en")
    assert '<p class="search-cut" id="search-cut" hidden>' in search(client, "en", "neglect").get_data(as_text=True)


@pytest.mark.parametrize("path", ["/en/", "/ar/themes/child-neglect/", "/bn/report/", "/tr/no-such-page/"])
def test_every_page_has_a_labelled_search_box_in_its_header(client, path):
    page = client.get(path).get_data(as_text=True)
    header = re.search(r'<header class="site-header">.*?</header>', page, re.S).group(0)
    lang = path.split("/")[1]
    assert re.search(rf'<form class="search-box" role="search" method="get"\s+action="/{lang}/search/"', header)
    assert re.search(r'<label for="search-box-q"[^>]*>[^<]+</label>', header)
    assert 'id="search-box-q" type="search" name="q"' in header


def test_the_search_page_has_one_search_box_with_a_visible_label(client):
    page = search(client, "en", "").get_data(as_text=True)
    assert page.count('role="search"') == 1
    assert '<label for="search-q">Search the cards</label>' in page


def test_the_index_holds_every_card_of_the_language_and_the_shared_rules(client, app):
    data = client.get("/bn/search/index.json").get_json()
    assert data["lang"] == "bn"
    assert data["rules"] == json.loads(RULES_FILE.read_text(encoding="utf-8"))
    assert [doc["slug"] for doc in data["documents"]] == list(kiosk_state(app).library.cards)
    neglect = next(doc for doc in data["documents"] if doc["slug"] == "child-neglect")
    assert neglect["title"] == catalogue_text("bn", "child-neglect|title")
    assert neglect["url"] == "/bn/themes/child-neglect/"
    assert len(neglect["points"]) == len(kiosk_state(app).library.cards["child-neglect"].points)


def test_english_text_stands_in_where_a_translation_is_missing(translations_dir):
    from kiosk import create_app
    from kiosk.i18n import pseudo
    from tests.helpers import write_catalogue

    write_catalogue(translations_dir, "tr", translate=lambda msgid: "" if msgid == "Child Neglect" else pseudo.localise(msgid))
    app = create_app({"TESTING": True, "TRANSLATIONS_DIR": str(translations_dir)})
    page = app.test_client().get("/tr/search/?q=child+neglect").get_data(as_text=True)
    assert result_links(page, "tr")[0] == "child-neglect"


def test_the_search_page_and_index_of_each_language_are_kept_offline(client, app):
    body = client.get("/service-worker.js").get_data(as_text=True)
    precache = json.loads(body.split("\n", 1)[0].removeprefix("self.PRECACHE = ").rstrip(";"))
    for lang in kiosk_state(app).languages:
        assert {f"/{lang}/search/", f"/{lang}/search/index.json"} <= set(precache["languages"][lang]), lang


def test_terms_are_the_normalised_words_without_those_that_normalise_to_nothing():
    assert terms("İHMAL \u0640 çocuk, 2024!", "tr") == ["ihmal", "cocuk", "2024"]  # a lone tatweel is no word
