""""Was this useful?" in a real Chromium: without JavaScript (a normal form post and its pages), with it (the
reasons in place, the answer kept on the device and sent), with the network cut and restored, and from the static
export on another origin to the collector."""

from __future__ import annotations

import random
import string
import time

import pytest
from playwright.sync_api import expect

from kiosk.export import export_site
from kiosk.feedback import feedback
from tests.browser.conftest import kiosk_app

CARD = "/en/themes/child-neglect/"
OWN_CARD = "/en/themes/mobile-families/"


def answers_on(card: str) -> int:
    return sum(answer.card == card for answer in feedback(kiosk_app()).store.all())
OUTBOX_SIZE = """() => new Promise((resolve) => {
  const opening = indexedDB.open("kiosk-feedback", 1);
  opening.onupgradeneeded = () => opening.result.createObjectStore("outbox", { keyPath: "id" });
  opening.onsuccess = () => {
    const request = opening.result.transaction("outbox").objectStore("outbox").count();
    request.onsuccess = () => { opening.result.close(); resolve(request.result); };
  };
})"""


def words() -> str:
    """Words no other test writes, with nothing in them the scrubber would take."""
    return "".join(random.choices(string.ascii_lowercase, k=16))


def stored_with(comment: str):
    return [answer for answer in feedback(kiosk_app()).store.all() if answer.comment == comment]


def stored_once(comment: str, seconds: float = 10):
    """The one answer stored with this comment, waiting for it: the device forgets an answer when the collector
    has answered, and the test reads the database from another thread of the same process."""
    deadline = time.monotonic() + seconds
    while not (found := stored_with(comment)) and time.monotonic() < deadline:
        time.sleep(0.05)
    [answer] = found
    return answer


def wait_until_outbox_empty(page) -> None:
    page.wait_for_function(f"async () => (await ({OUTBOX_SIZE})()) === 0")


def test_without_javascript_no_leads_to_reasons_and_a_thank_you_page(open_page):
    page = open_page("phone", java_script_enabled=False)
    page.goto(CARD)
    page.get_by_role("button", name="No", exact=True).click()
    page.wait_for_url("**/feedback/more/?id=*")
    page.get_by_label("The translation was poor").check()
    comment = f"no-js {words()} call 07700 900123"
    page.get_by_label("Anything else? (optional)").fill(comment)
    page.get_by_role("button", name="Send").click()
    page.wait_for_url(f"**{CARD}feedback/thanks/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    expect(page.locator(".report-panel")).to_be_visible()
    answer = stored_once(comment.replace("07700 900123", "[phone]"))
    assert answer.reasons == ("translation",) and answer.answer == "no"


def test_with_javascript_the_reasons_open_in_place_and_the_answer_is_sent(open_page):
    page = open_page("portrait-kiosk")
    page.goto(CARD)
    page.get_by_role("button", name="No", exact=True).click()
    expect(page.get_by_label("It was hard to understand")).to_be_focused()
    assert page.url.endswith(CARD)  # no page load: the reasons are shown here
    page.get_by_label("It was hard to understand").check()
    comment = f"js {words()}"
    page.get_by_label("Anything else? (optional)").fill(comment)
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".feedback-thanks")).to_be_focused()
    wait_until_outbox_empty(page)
    answer = stored_once(comment)
    assert answer.reasons == ("hard-to-understand",)


def test_an_answer_given_offline_waits_on_the_device_and_is_sent_once_when_the_network_is_back(browser, live_url):
    context = browser.new_context(base_url=live_url, service_workers="block")
    try:
        page = context.new_page()
        # a card no other test answers on: the session's app is shared, and another test's answer may still be
        # on its way to it
        page.goto(OWN_CARD)
        before = answers_on("mobile-families")
        context.set_offline(True)
        page.get_by_role("button", name="Yes").click()
        expect(page.locator(".feedback-thanks")).to_be_visible()
        assert page.evaluate(OUTBOX_SIZE) == 1
        assert answers_on("mobile-families") == before
        context.set_offline(False)  # the browser's `online` event sends what waits
        wait_until_outbox_empty(page)
        page.reload()  # a page load tries again too: nothing is left to send, nothing is counted twice
        page.wait_for_load_state("networkidle")
        assert answers_on("mobile-families") == before + 1
    finally:
        context.close()


@pytest.fixture()
def collector_allows(live_url):
    """The live app, as a collector, takes answers from the given origin for the length of a test."""
    config = kiosk_app().config
    saved = config.get("FEEDBACK_ORIGINS")

    def allow(origin: str) -> None:
        config["FEEDBACK_ORIGINS"] = [origin]

    yield allow
    config["FEEDBACK_ORIGINS"] = saved


def test_the_static_export_keeps_answers_until_the_collector_is_reachable(
        browser, live_url, static_host, tmp_path, collector_allows):
    folder = tmp_path / "site"
    export_site(folder, "/", {"LANGUAGES": ["en", "ar"], "FEEDBACK_URL": f"{live_url}/feedback/collect"})
    host = static_host(folder)
    collector_allows(host.url.rstrip("/"))
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        page.route(f"{live_url}/feedback/collect", lambda route: route.abort("internetdisconnected"))
        page.goto(f"{host.url}ar/themes/child-neglect/")
        page.locator(".feedback-answers button[value=no]").click()
        page.locator("input[value=translation]").check()
        comment = f"static {words()}"
        page.locator("textarea").fill(comment)
        page.locator(".feedback-send").click()
        expect(page.locator(".feedback-thanks")).to_be_visible()
        assert page.evaluate(OUTBOX_SIZE) == 1 and stored_with(comment) == []
        page.unroute(f"{live_url}/feedback/collect")
        page.reload()  # back on the network: the page load sends it, across origins, by CORS
        wait_until_outbox_empty(page)
        answer = stored_once(comment)
        assert (answer.language, answer.reasons, answer.outlet) == ("ar", ("translation",), "web")
    finally:
        context.close()
