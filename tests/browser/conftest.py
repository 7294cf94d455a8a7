"""Real-browser fixtures: the app served by waitress on loopback, a plain static host, Debian's Chromium through
Playwright, and a guard that fails and notes any request that would leave loopback.

Languages and pages are read from the app itself, so a language or page added later is tested without
touching the tests.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask import Flask, url_for
from waitress.server import create_server

from kiosk import create_app
from kiosk.i18n import pseudo
from kiosk.state import kiosk_state

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]

SIZES = {"portrait-kiosk": (1080, 1920), "landscape-kiosk": (1920, 1080), "laptop": (1280, 800), "tablet": (820, 1180),
         "phone": (390, 844), "small-phone": (360, 640)}
# Everything a person can touch, click or tab to.
CONTROLS = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])'


def resize(page, size: str) -> None:
    """Re-lays the page out at another window size, as loading it at that size would, without loading it again."""
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})


@functools.cache
def kiosk_app() -> Flask:
    """The one app the browser tests serve and read their languages and pages from: every shipped language
    and the pseudo-locale."""
    # Static files are kept for an hour, as a browser keeps them from page to page of a visit; without it
    # every page load revalidates a dozen files, which doubles the time of this layer.
    return create_app({"PSEUDO_LOCALE": True, "SEND_FILE_MAX_AGE_DEFAULT": 3600})


# Checks whose outcome depends on each language's words (axe, the panel, touch targets, reflow and spacing)
# run in every offered language. Checks of behaviour that is the same in every language (keyboard, focus
# rings, preferences) run in one of each kind: the default language, every right-to-left language, and the
# pseudo-locale, whose strings are longer than any translation's.
LANGUAGES = list(kiosk_state(kiosk_app()).languages)
LANGUAGES_OF_EACH_KIND = [code for code, language in kiosk_state(kiosk_app()).languages.items()
                          if code in (kiosk_state(kiosk_app()).default_language, pseudo.CODE) or language.direction == "rtl"]


def page_paths(lang: str) -> dict[str, str]:
    """Every page in one language, by name: each page the app routes at /<lang>/... (home, report, and any
    added later), every card, and a not-found page."""
    return dict(_page_paths(lang))


@functools.cache
def _page_paths(lang: str) -> dict[str, str]:
    app = kiosk_app()
    client = app.test_client()
    paths = {}
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if rule.arguments == {"lang"} and "GET" in rule.methods:
                path = url_for(rule.endpoint, lang=lang)
                response = client.get(path)
                # pages only: not redirects such as /<lang>/text-size/, nor the manifest or the service worker
                if response.status_code == 200 and response.mimetype == "text/html":
                    paths[rule.endpoint.rsplit(".", 1)[-1]] = path
        for slug in kiosk_state(app).library.cards:
            paths[f"card {slug}"] = url_for("pages.card", lang=lang, slug=slug)
    paths["not found"] = f"/{lang}/no-such-page/"
    return paths


def page_types(lang: str) -> dict[str, str]:
    """One page of each type: every non-card page, and the card with the longest title (the hardest to lay out)."""
    paths = page_paths(lang)
    cards = kiosk_state(kiosk_app()).library.cards
    longest = max(cards.values(), key=lambda card: len(card.title)).slug
    return {"card" if name == f"card {longest}" else name: path for name, path in paths.items()
            if not name.startswith("card ") or name == f"card {longest}"}


def show_keep_this_language_offline(page) -> None:
    """Brings up the one control that appears late: the first language read is kept offline by itself once the
    service worker controls the page; on a page in a second language the worker then offers to keep that too.
    The page's context must allow service workers."""
    page.goto(page_paths(LANGUAGES[0])["home"])
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.goto(page_paths(LANGUAGES[1])["home"])
    page.locator(".keep-offline button").wait_for(state="visible")


@functools.cache
def quick_exit_app() -> Flask:
    """The app with quick exit on (issue 15; off by default on the live app), every shipped language."""
    return create_app({"QUICK_EXIT": True, "SEND_FILE_MAX_AGE_DEFAULT": 3600})


def serve(app: Flask):
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()


@pytest.fixture(scope="session")
def live_url():
    """The app with every shipped language plus the pseudo-locale, served by waitress on loopback."""
    yield from serve(kiosk_app())


@pytest.fixture(scope="session")
def quick_exit_url():
    """The app with quick exit on, served likewise: `open_page("phone", base_url=quick_exit_url)`."""
    yield from serve(quick_exit_app())


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class StaticHost:
    """A plain static file server (Python's http.server) on loopback, serving a folder under an address path,
    with the headers the README recommends. Nothing of ours runs on it: it is any static host."""

    def __init__(self, folder: Path, path: str = "/"):
        prefix = path

        class Handler(http.server.SimpleHTTPRequestHandler):
            def translate_path(self, url_path):
                url_path = url_path.split("?", 1)[0].split("#", 1)[0]
                if not url_path.startswith(prefix):
                    return str(folder / "-no-such-file-")
                return super().translate_path("/" + url_path[len(prefix):])

            def end_headers(self):
                self.send_header("Cache-Control", "no-cache")
                super().end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=folder))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def stop(self) -> None:
        """Cut the site off: the port stops answering."""
        if self.thread.is_alive():
            self.server.shutdown()
            self.server.server_close()
            self.thread.join()


@pytest.fixture()
def static_host():
    """Serve a folder: static_host(folder, "/safeguarding/"); every server stops after the test."""
    hosts = []

    def serve(folder: Path, path: str = "/") -> StaticHost:
        hosts.append(StaticHost(folder, path))
        return hosts[-1]

    yield serve
    for host in hosts:
        host.stop()


def is_loopback(url: str) -> bool:
    return urlsplit(url).hostname in ("127.0.0.1", "localhost", "::1") or not url.startswith(("http:", "https:"))


class LoopbackOnly:
    """Every request from a browser context (pages and service workers) to another host fails, and is noted
    in ``attempts``. A test asserts the list is empty."""

    def __init__(self, context):
        self.attempts: list[str] = []
        context.route(lambda url: not is_loopback(url), self.refuse)

    def refuse(self, route) -> None:
        self.attempts.append(route.request.url)
        route.abort("blockedbyclient")


@pytest.fixture(scope="session")
def contexts(browser):
    """Browser contexts shared by the tests, one per window size and set of options: a context costs several
    times what a page does. `open_page` clears their cookies before each use."""
    made = {}
    yield made
    for context in made.values():
        context.close()


@pytest.fixture()
def open_page(browser, live_url, contexts):
    """Opens a page whose base URL is the live app, with no cookies but the text size asked for:
    `open_page("phone", text_size="3", reduced_motion="reduce")` or `open_page((320, 640))`.
    Extra keywords go to Playwright's new_context (`base_url=quick_exit_url` for the app with quick exit on);
    `init_script` runs in every document the page loads.
    Service workers are blocked unless asked for (`service_workers="allow"`): "Keep this language offline"
    appears only once the worker is ready, which would add a control in the middle of a measurement.
    A page with service workers allowed gets a context of its own, made for the test and closed after it:
    what a worker registers and caches (and the languages it keeps) would otherwise carry over from one
    test to the next. Every page is closed after the test."""
    pages, own_contexts = [], []

    def new_context(width: int, height: int, init_script: str | None, options: dict):
        context = browser.new_context(viewport={"width": width, "height": height},
                                      **{"base_url": live_url, "service_workers": "block", **options})
        if init_script:
            context.add_init_script(init_script)
        return context

    def open_page(size: str | tuple[int, int], text_size: str | None = None, init_script: str | None = None,
                  **options):
        width, height = SIZES[size] if isinstance(size, str) else size
        if options.get("service_workers") == "allow":
            own_contexts.append(new_context(width, height, init_script, options))
            context = own_contexts[-1]
        else:
            key = (width, height, init_script, tuple(sorted(options.items())))
            if key not in contexts:
                contexts[key] = new_context(width, height, init_script, options)
            context = contexts[key]
        context.clear_cookies()
        if text_size:
            context.add_cookies([{"name": "text-size", "value": text_size, "url": options.get("base_url", live_url)}])
        pages.append(context.new_page())
        return pages[-1]

    yield open_page
    for page in pages:
        page.close()
    for context in own_contexts:
        context.close()
