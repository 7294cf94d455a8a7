"""The static export on a practitioner's tablet: served by a plain static host under a sub-path, visited once
online, then used with the network cut. Real Chromium; no request may leave loopback."""

from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from kiosk import create_app
from kiosk.export import BUDGET_ONE_LANGUAGE, Summary, export_site
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, LoopbackOnly
from tests.helpers import NUMBERS
from kiosk.state import kiosk_state

SITE_PATH = "/safeguarding/"
CHANGED_CARD = "think-the-unthinkable"
OLD_POINT = "This means workers are respectful but challenging."
NEW_POINT = "This means workers are respectful but challenging, every time."


@dataclasses.dataclass(frozen=True)
class Site:
    folder: Path
    other: str  # a language besides English
    slugs: list[str]
    summary: Summary


@pytest.fixture(scope="module")
def site(tmp_path_factory, other_language) -> Site:
    """The export, in English and another language, for the address path /safeguarding/."""
    translations, code = other_language
    folder = tmp_path_factory.mktemp("export") / "site"
    summary = export_site(folder, SITE_PATH, {"TRANSLATIONS_DIR": str(translations)})
    slugs = list(kiosk_state(create_app()).library.cards)
    return Site(folder, code, slugs, summary)


def pages_of(code: str, slugs) -> list[str]:
    return [f"{code}/", *(f"{code}/themes/{slug}/" for slug in slugs), f"{code}/report/"]


def exported(folder: Path, path: str) -> str:
    return (folder / path / "index.html").read_text(encoding="utf-8")


def title_of(page_html: str) -> str:
    return html.unescape(re.search(r"<title>(.*?)</title>", page_html, re.S).group(1))


def wait_until_kept_offline(page) -> None:
    """The service worker has installed (so its precache is complete) and controls the page."""
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


def visit_once_online(context, host, path: str = "en/"):
    """A reader's first visit: the page loads, and the service worker installs and takes control."""
    page = context.new_page()
    page.goto(host.url + path)
    wait_until_kept_offline(page)
    return page


def cut_the_network(context, host) -> None:
    """The browser goes offline and the site stops answering."""
    context.set_offline(True)
    host.stop()


def offline_caches(page) -> list[str]:
    return page.evaluate("async () => (await caches.keys()).filter((name) => name.startsWith('kiosk-offline-'))")


def assert_report_panel(page, where: str) -> None:
    for number, tel in NUMBERS.items():
        link = page.locator(f'.report-panel a[href="{tel}"]')
        expect(link, f"{where}: {number}").to_be_visible()
        expect(link, f"{where}: {number}").to_have_text(number)


def assert_served_offline(page, url: str, expected_html: str, where: str) -> None:
    response = page.goto(url)
    assert response.ok and response.from_service_worker, where
    assert page.title() == title_of(expected_html), where
    lang, direction = re.search(r'<html lang="([^"]+)" dir="([^"]+)"', expected_html).groups()
    assert page.locator("html").get_attribute("lang") == lang, where
    assert page.locator("html").get_attribute("dir") == direction, where
    assert_report_panel(page, where)


@pytest.fixture()
def context(browser):
    context = browser.new_context()
    context.guard = LoopbackOnly(context)
    yield context
    context.close()


def test_every_page_of_the_reading_language_works_offline_after_one_visit(context, static_host, site):
    host = static_host(site.folder, SITE_PATH)
    page = visit_once_online(context, host)
    expect(page.locator(".notice-offline")).to_be_hidden()

    cut_the_network(context, host)
    expect(page.locator(".notice-offline")).to_be_visible()
    for path in pages_of("en", site.slugs):
        assert_served_offline(page, host.url + path, exported(site.folder, path), path)
    expect(page.locator(".notice-offline")).to_be_visible()
    assert context.guard.attempts == []


def test_quick_exit_leaves_for_the_neutral_page_offline_in_the_export(context, static_host, site):
    """Issue 15: on in the export; with the network cut, Shift three times still leaves, for the neutral page
    the service worker kept, in place of the card."""
    host = static_host(site.folder, SITE_PATH)
    page = visit_once_online(context, host)
    card = host.url + f"en/themes/{site.slugs[0]}/"
    page.goto(card)
    cut_the_network(context, host)
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(host.url + "en/welcome/")
    assert page.title() == title_of(exported(site.folder, "en/welcome/"))
    page.go_back()
    assert page.url == host.url + "en/"
    assert context.guard.attempts == []


STORED = """async () => {
    const stored = {};
    for (const name of (await caches.keys()).filter((name) => name.startsWith('kiosk-offline-'))) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
            const response = await cache.match(request);
            stored[request.url] = [(await response.clone().arrayBuffer()).byteLength,
                                   response.headers.get('X-Kiosk-Stored')];
        }
    }
    return stored;
}"""
UNSTORED = """async (url) => {
    const kept = await caches.match(url);
    return new Response(kept.body.pipeThrough(new DecompressionStream('gzip'))).text();
}"""


def test_a_kept_language_is_stored_compressed_within_the_budget(context, static_host, site):
    host = static_host(site.folder, SITE_PATH)
    page = visit_once_online(context, host)
    stored = page.evaluate(STORED)  # {url: [bytes in Cache Storage, how the worker stored it]}

    home = host.url + "en/"
    assert stored[home][1] == "gzip"
    assert page.evaluate(UNSTORED, home) == exported(site.folder, "en/")
    assert stored[home][0] < len(exported(site.folder, "en/").encode()) / 2
    assert [url for url, (_, how) in stored.items() if url.endswith(".woff2") and how] == []  # fonts: compressed already
    worker = len((site.folder / "service-worker.js").read_bytes())  # the browser keeps it apart, as it is
    in_browser = sum(size for size, _ in stored.values()) + worker
    assert in_browser == pytest.approx(site.summary.pack_bytes["en"], rel=0.02)  # the export counts as browsers store
    assert in_browser <= BUDGET_ONE_LANGUAGE
    assert context.guard.attempts == []


def test_a_language_kept_from_the_language_picker_works_offline(context, static_host, site):
    host = static_host(site.folder, SITE_PATH)
    page = visit_once_online(context, host)
    page.locator(f'.language-picker a[hreflang="{site.other}"]').click()
    page.wait_for_url(f"{host.url}{site.other}/")

    keep = page.locator(".keep-offline button")
    status = page.locator(".keep-offline-status")
    expect(keep).to_be_visible()
    keep.click()
    expect(status).to_have_text(status.get_attribute("data-kept"))
    expect(keep).to_be_hidden()

    cut_the_network(context, host)
    for path in pages_of(site.other, site.slugs):
        assert_served_offline(page, host.url + path, exported(site.folder, path), path)
    assert context.guard.attempts == []


def test_a_page_this_device_has_not_kept_shows_the_offline_page_with_the_report_panel(context, static_host, site):
    host = static_host(site.folder, SITE_PATH)
    page = visit_once_online(context, host)

    cut_the_network(context, host)
    card = f"{site.other}/themes/{site.slugs[-1]}/"  # another language, never visited nor kept
    assert_served_offline(page, host.url + card, exported(site.folder, f"{site.other}/offline/"), card)
    heading = re.search(r"<h1>(.*?)</h1>", exported(site.folder, f"{site.other}/offline/")).group(1)
    expect(page.locator("main h1")).to_have_text(re.sub(r"<[^>]+>", "", heading))
    assert context.guard.attempts == []


def test_a_new_export_replaces_only_what_changed_and_deletes_the_old_cache(context, static_host, content_copy,
                                                                          tmp_path):
    folder = tmp_path / "site"
    export_site(folder, SITE_PATH, {"CONTENT_DIR": str(content_copy)})
    host = static_host(folder, SITE_PATH)
    page = visit_once_online(context, host)
    (old_cache,) = offline_caches(page)

    card = content_copy / "cards" / f"{CHANGED_CARD}.yaml"
    assert OLD_POINT in card.read_text(), "test setup"
    card.write_text(card.read_text().replace(OLD_POINT, NEW_POINT))
    export_site(folder, SITE_PATH, {"CONTENT_DIR": str(content_copy)})

    downloads = []
    context.on("request", lambda request: downloads.append(request.url) if request.service_worker else None)
    page.reload()
    notice = page.locator(".notice-update")
    expect(notice).to_be_visible()
    with page.expect_navigation():
        notice.get_by_role("button").click()
    wait_until_kept_offline(page)
    assert host.url + f"en/themes/{CHANGED_CARD}/" in downloads
    assert not [url for url in downloads if "/themes/" in url and CHANGED_CARD not in url], "unchanged cards refetched"
    (new_cache,) = offline_caches(page)
    assert new_cache != old_cache

    cut_the_network(context, host)
    page.goto(host.url + f"en/themes/{CHANGED_CARD}/")
    expect(page.locator(".key-points")).to_contain_text(NEW_POINT)
    assert context.guard.attempts == []


def test_every_language_is_kept_where_the_site_says_so(context, static_host, other_language, tmp_path):
    translations, code = other_language
    folder = tmp_path / "site"
    export_site(folder, SITE_PATH, {"TRANSLATIONS_DIR": str(translations), "OFFLINE_ALL_LANGUAGES": "yes"})
    host = static_host(folder, SITE_PATH)
    page = visit_once_online(context, host)

    cut_the_network(context, host)
    card = f"{code}/themes/child-neglect/"
    assert_served_offline(page, host.url + card, exported(folder, card), card)
    assert context.guard.attempts == []


def test_the_export_works_under_a_sub_path(context, static_host, site):
    host = static_host(site.folder, SITE_PATH)
    page = context.new_page()
    failures = []
    page.on("response", lambda response: failures.append(response.url) if response.status >= 400 else None)
    page.goto(host.url)  # the site root sends the browser to the default language
    page.wait_for_url(host.url + "en/")
    page.locator(".card-tile a").first.click()
    page.wait_for_url(re.compile(re.escape(host.url) + r"en/themes/[a-z0-9-]+/$"))
    assert page.locator(".report-panel").evaluate("(panel) => getComputedStyle(panel).position") == "sticky"
    scope = page.evaluate("async () => (await navigator.serviceWorker.ready).scope")
    assert scope == host.url
    assert failures == [] and context.guard.attempts == []


def test_the_exported_site_installs_as_an_app(browser, static_host, site, tmp_path):
    host = static_host(site.folder, SITE_PATH)
    # Chromium never offers to install from a private (incognito) profile, so this one keeps a profile folder.
    context = browser.browser_type.launch_persistent_context(tmp_path / "profile", executable_path=CHROMIUM,
                                                             args=CHROMIUM_ARGS)
    try:
        guard = LoopbackOnly(context)
        page = context.new_page()
        page.goto(host.url + "en/")
        wait_until_kept_offline(page)
        devtools = context.new_cdp_session(page)
        assert devtools.send("Page.getAppManifest")["errors"] == []
        assert devtools.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        sizes = page.evaluate("""async () => {
            const manifest = await (await fetch(document.querySelector('link[rel=manifest]').href)).json();
            return Promise.all(manifest.icons.map((icon) => new Promise((resolve) => {
                const image = new Image();
                image.onload = () => resolve([icon.sizes, icon.purpose, `${image.naturalWidth}x${image.naturalHeight}`]);
                image.onerror = () => resolve([icon.sizes, icon.purpose, 'failed']);
                image.src = icon.src;
            })));
        }""")
        assert sorted(sizes) == [["192x192", "any", "192x192"], ["512x512", "any", "512x512"],
                                 ["512x512", "maskable", "512x512"]]
        assert guard.attempts == []
    finally:
        context.close()


def test_text_size_works_in_the_export_without_a_server(context, static_host, site):
    host = static_host(site.folder, SITE_PATH)
    page = context.new_page()
    page.goto(host.url + "en/")
    largest = page.get_by_role("button", name="Largest text")
    largest.click()
    expect(page.locator("html")).to_have_class(re.compile(r"\btext-size-3\b"))
    expect(largest).to_have_attribute("aria-pressed", "true")
    page.goto(host.url + "en/report/")
    expect(page.locator("html")).to_have_class(re.compile(r"\btext-size-3\b"))
    expect(page.get_by_role("button", name="Largest text")).to_have_attribute("aria-pressed", "true")
    assert context.guard.attempts == []


def test_without_javascript_the_export_offers_no_control_that_cannot_work(browser, static_host, site):
    host = static_host(site.folder, SITE_PATH)
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(host.url + "en/report/")
        expect(page.locator(".text-size")).to_be_hidden()
        expect(page.locator(".keep-offline")).to_be_hidden()
        expect(page.get_by_role("search")).to_be_hidden()  # no server to search, and no script to search with
        expect(page.locator(".offline-notices .notice")).to_have_count(2)
        for notice in page.locator(".offline-notices .notice").all():
            expect(notice).to_be_hidden()
        assert page.locator('a[href*="text-size"]').count() == 0
        assert_report_panel(page, "report page without JavaScript")
    finally:
        context.close()


def test_the_live_app_keeps_its_pages_offline_too(context, live_url):
    page = context.new_page()
    page.goto(live_url + "/en/")
    wait_until_kept_offline(page)
    context.set_offline(True)
    response = page.goto(live_url + "/en/themes/child-neglect/")
    assert response.ok and response.from_service_worker
    assert_report_panel(page, "live app offline")
    assert context.guard.attempts == []


def test_the_loopback_guard_notes_and_fails_requests_to_other_hosts(context):
    page = context.new_page()
    outcome = page.evaluate("() => fetch('http://example.org/').then(() => 'loaded', () => 'failed')")
    assert outcome == "failed"
    assert context.guard.attempts == ["http://example.org/"]


def test_keep_this_language_is_offered_only_for_a_language_not_yet_kept(context, static_host, site):
    host = static_host(site.folder, SITE_PATH)
    page = visit_once_online(context, host, f"{site.other}/")  # the language read is kept on the first visit
    page.goto(host.url + "en/")
    expect(page.locator('.keep-offline[data-kept="false"] button')).to_be_visible()
    page.goto(host.url + f"{site.other}/report/")
    expect(page.locator(".keep-offline")).to_have_attribute("data-kept", "true")
    expect(page.locator(".keep-offline")).to_be_hidden()
    assert context.guard.attempts == []
