"""Search in a real Chromium: the browser's normaliser against the shared cases, the browser and the server
ranking alike, the live app without and with JavaScript, and the static export with the network cut.
Queries come from each language's own catalogue."""

from __future__ import annotations

import json

import pytest
from flask import g
from playwright.sync_api import expect

from kiosk.export import export_site
from kiosk.search import language_index
from kiosk.search.topics import topic_words
from kiosk.search.normalise import words
from tests.browser.conftest import LoopbackOnly, kiosk_app
from tests.helpers import SEARCH_CASES, SEARCH_LANGUAGES, catalogue_text

ATTACHMENT = "interaction-is-not-attachment"
LOAD_SEARCH = """async (url) => {
  const index = await (await fetch(url)).json();
  window.searcher = KioskSearch.create(index);
  return index.rules;
}"""


def query_from_catalogue(lang: str) -> str:
    """The longest word of the attachment card's title, as the language's catalogue has it."""
    return max(words(catalogue_text(lang, f"{ATTACHMENT}|title")), key=len)


def server_ranking(lang: str, queries: list[str]) -> list[list[tuple[str, float]]]:
    app = kiosk_app()
    with app.test_request_context(f"/{lang}/"):
        g.lang = lang
        index = language_index()
        return [[(r.document.slug, r.score) for r in index.search(query)] for query in queries]


def test_the_browsers_normaliser_follows_the_shared_cases(open_page):
    page = open_page("phone")
    page.goto("/en/search/")
    rules = page.evaluate(LOAD_SEARCH, "/en/search/index.json")
    cases = json.loads(SEARCH_CASES.read_text(encoding="utf-8"))
    normalised = page.evaluate("([cases, rules]) => cases.map(([lang, text]) => KioskSearch.normalise(text, rules, lang))",
                               [cases["normalise"], rules])
    assert normalised == [expected for _, _, expected in cases["normalise"]]
    split = page.evaluate("(cases) => cases.map(([text]) => KioskSearch.words(text))", cases["words"])
    assert split == [expected for _, expected in cases["words"]]


def test_the_browser_and_the_server_put_the_same_cards_first_with_the_same_scores(open_page):
    page = open_page("phone")
    page.goto("/en/search/")
    for lang in SEARCH_LANGUAGES:
        page.evaluate(LOAD_SEARCH, f"/{lang}/search/index.json")
        with kiosk_app().test_request_context(f"/{lang}/"):
            g.lang = lang
            topics = topic_words()
        queries = [query_from_catalogue(lang), query_from_catalogue(lang)[:4],
                   catalogue_text(lang, "child-neglect|title"), *topics]
        if lang == "en":
            queries.append("atachment")  # a typo: fuzzy matching on both sides
        browser = page.evaluate("(qs) => qs.map((q) => searcher.search(q).map((r) => [r.slug, r.score]))", queries)
        for query, ours, theirs in zip(queries, server_ranking(lang, queries), browser):
            assert [slug for slug, _ in ours] == [slug for slug, _ in theirs], f"{lang}: {query}"
            assert [score for _, score in ours] == pytest.approx([score for _, score in theirs], rel=1e-9), query


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_without_javascript_the_header_box_finds_a_card_and_marks_the_words(open_page, lang):
    page = open_page("portrait-kiosk", java_script_enabled=False)
    page.goto(f"/{lang}/")
    query = query_from_catalogue(lang)
    page.get_by_role("search").get_by_role("searchbox").fill(query)
    page.get_by_role("search").get_by_role("searchbox").press("Enter")
    page.wait_for_url(f"**/{lang}/search/?q=*")
    first = page.locator(".search-results li").first.get_by_role("link")
    expect(first).to_have_attribute("href", f"/{lang}/themes/{ATTACHMENT}/")
    expect(first.locator("mark").first).to_have_text(query)
    expect(page.locator("#search-count")).not_to_be_empty()


@pytest.mark.parametrize("lang", ["tr", "bn"])
def test_with_javascript_results_appear_as_you_type(open_page, lang):
    page = open_page("phone")
    page.goto(f"/{lang}/search/")
    expect(page.locator(".search-page")).to_have_attribute("data-search-ready", "true")
    query = query_from_catalogue(lang)
    page.locator("#search-q").press_sequentially(query)  # a search at every keystroke
    first = page.locator(".search-results li").first.get_by_role("link")
    expect(first).to_have_attribute("href", f"/{lang}/themes/{ATTACHMENT}/")
    expect(first.locator("mark").first).to_have_text(query)
    counts = json.loads(page.locator(".search-page").get_attribute("data-counts"))
    expect(page.locator("#search-count")).to_have_text(counts[page.locator(".search-results li").count()])
    assert page.url.endswith(f"/{lang}/search/?q={page.evaluate('(q) => encodeURIComponent(q)', query)}")
    page.locator("#search-q").fill("zzqqxx")
    expect(page.locator("#search-nothing")).to_be_visible()
    expect(page.locator("#search-count")).to_have_text(counts[0])


@pytest.fixture(scope="module")
def exported_site(tmp_path_factory):
    """The static export of the four search languages, every one kept offline on the first visit."""
    folder = tmp_path_factory.mktemp("search-export") / "site"
    export_site(folder, "/", {"LANGUAGES": list(SEARCH_LANGUAGES), "OFFLINE_ALL_LANGUAGES": True})
    return folder


def test_the_export_searches_in_the_browser_with_the_network_cut(browser, static_host, exported_site):
    host = static_host(exported_site)
    context = browser.new_context()
    guard = LoopbackOnly(context)
    try:
        page = context.new_page()
        page.goto(host.url + "en/")
        page.wait_for_function("() => navigator.serviceWorker.controller !== null")
        expect(page.get_by_role("search")).to_be_visible()  # hidden in the export until a script can search
        context.set_offline(True)
        host.stop()
        for lang in SEARCH_LANGUAGES:
            query = query_from_catalogue(lang)
            page.goto(f"{host.url}{lang}/search/?q={query}")
            first = page.locator(".search-results li").first.get_by_role("link")
            expect(first).to_have_attribute("href", f"/{lang}/themes/{ATTACHMENT}/")
            expect(first.locator("mark").first).to_have_text(query)
            expect(page.locator("#search-q")).to_have_value(query)
            expect(page.locator(".report-panel a[href='tel:999']")).to_be_visible()
        assert guard.attempts == []
    finally:
        context.close()
