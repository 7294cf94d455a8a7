"""The live app serves what installs and works offline: the service worker (never cached by the browser), the
web app manifest in each language, the icons, and the offline page with the report panel."""

from __future__ import annotations

import json
import re
import struct

from kiosk.settings import PROJECT_DIR
from tests.helpers import NUMBERS, static_url
from kiosk.state import kiosk_state


def precache(response) -> dict:
    return json.loads(re.match(r"self\.PRECACHE = (.*);\n", response.get_data(as_text=True)).group(1))


def test_service_worker_is_served_at_the_site_root_and_never_from_the_browser_cache(client):
    response = client.get("/service-worker.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-cache"
    source = (PROJECT_DIR / "static" / "js" / "service-worker.js").read_text(encoding="utf-8")
    assert response.get_data(as_text=True).endswith(source)


def test_service_worker_lists_every_page_of_every_language_and_the_shared_files(app, client):
    listed = precache(client.get("/service-worker.js"))
    slugs = list(kiosk_state(app).library.cards)
    for code in kiosk_state(app).languages:
        pages = listed["languages"][code]
        assert list(pages)[:len(slugs) + 5] == [f"/{code}/", *(f"/{code}/themes/{s}/" for s in slugs),
                                                f"/{code}/report/", f"/{code}/search/", f"/{code}/search/index.json",
                                                f"/{code}/manifest.webmanifest"]
        fonts = list(pages)[len(slugs) + 5:]  # the language's font stylesheet and its own fonts, nothing else
        assert fonts[0] == static_url(app, f"fonts/{code}.css")
        assert fonts[1:] and all(url.startswith("/static/fonts/") and url.endswith(".woff2") for url in fonts[1:])
        assert all(re.fullmatch(r"[0-9a-f]{16}", digest) for digest in pages.values())
        assert f"/{code}/offline/" in listed["shared"]
    assert {static_url(app, name) for name in ("css/kiosk.css", "js/kiosk.js", "js/offline.js")} <= set(listed["shared"])
    assert not any(url.endswith("-normal.woff2") for url in listed["shared"])  # no whole bundled font for everyone
    assert "/" not in listed["shared"]  # the live root is a redirect by Accept-Language, not a page to keep
    assert listed["defaultLanguage"] == "en" and listed["allLanguages"] is False


def test_service_worker_follows_the_address_path_the_app_is_mounted_under(app, client):
    listed = precache(client.get("/service-worker.js", base_url="http://intranet.example/safeguarding/"))
    assert "/safeguarding/en/themes/child-neglect/" in listed["languages"]["en"]
    assert static_url(app, "css/kiosk.css", "http://intranet.example/safeguarding/") in listed["shared"]


def test_all_languages_setting_reaches_the_service_worker():
    from kiosk import create_app

    app = create_app({"OFFLINE_ALL_LANGUAGES": "yes"})
    assert precache(app.test_client().get("/service-worker.js"))["allLanguages"] is True


def test_a_crowd_waiting_for_the_precache_list_is_turned_away_so_the_server_keeps_threads_free():
    from kiosk import create_app
    from kiosk.state import PRECACHE_WAITERS

    app = create_app()
    waiters = kiosk_state(app).precache_waiters
    for _ in range(PRECACHE_WAITERS):  # as many requests as may wait are already waiting for the build
        assert waiters.acquire(blocking=False)
    turned_away = app.test_client().get("/service-worker.js")
    assert turned_away.status_code == 503
    assert turned_away.headers["Retry-After"] == "5" and turned_away.headers["Cache-Control"] == "no-store"
    assert turned_away.mimetype == "text/javascript" and "PRECACHE" not in turned_away.get_data(as_text=True)
    waiters.release()  # one of them is done: the next request waits its turn, builds the list, and frees its place
    assert precache(app.test_client().get("/service-worker.js"))["languages"]
    assert waiters.acquire(blocking=False) and not waiters.acquire(blocking=False)
    # once built, the list is served from memory however many wait
    assert app.test_client().get("/service-worker.js").status_code == 200


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_manifest_names_the_app_and_installs_it_standalone_in_the_page_language(client):
    response = client.get("/en/manifest.webmanifest")
    assert response.mimetype == "application/manifest+json"
    manifest = response.get_json(force=True)
    assert manifest["name"] == "Learning from serious case reviews"
    assert 0 < len(manifest["short_name"]) <= 12
    assert manifest["lang"] == "en" and manifest["dir"] == "ltr"
    assert manifest["start_url"] == "/en/" and manifest["scope"] == "/" and manifest["id"] == "/"
    assert manifest["display"] == "standalone"
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"])
    icons = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert icons == {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}
    for icon in manifest["icons"]:
        width, height = png_size(client.get(icon["src"]).data)
        assert icon["sizes"] == f"{width}x{height}" and icon["type"] == "image/png"


def test_every_page_links_its_manifest_and_loads_the_offline_script(app, site_pages):
    for path, page in site_pages.items():
        lang = re.search(r'<html lang="([^"]+)"', page).group(1)
        assert f'<link rel="manifest" href="/{lang}/manifest.webmanifest">' in page, path
        assert f'src="{static_url(app, "js/offline.js")}" data-service-worker="/service-worker.js"' in page, path
        assert '<meta name="theme-color"' in page, path


def test_offline_page_carries_the_report_panel_and_its_numbers(client):
    page = client.get("/en/offline/").get_data(as_text=True)
    assert "<h1>You are offline</h1>" in page
    panel = page[page.index('<aside class="report-panel"'):]
    for number, tel in NUMBERS.items():
        assert f'href="{tel}"' in panel and number in panel
    assert 'class="notice notice-offline"' not in page  # "everything still works" would be wrong here


def test_notices_are_in_the_page_and_hidden_until_the_script_needs_them(client):
    page = client.get("/en/").get_data(as_text=True)
    assert '<p class="notice notice-offline" hidden>You are offline. Everything here still works.</p>' in page
    assert re.search(r'<p class="notice notice-update" hidden>.*Reload for the latest cards</button>', page, re.S)


def test_live_pages_keep_text_size_links_that_work_without_javascript(client):
    page = client.get("/en/report/").get_data(as_text=True)
    assert 'href="/en/text-size/?size=3&amp;next=/en/report/" data-text-size="3"' in page
    assert '<meta http-equiv="Content-Security-Policy"' not in page  # the live app sends it as a header


def test_readme_nginx_example_sends_the_apps_own_security_headers():
    from kiosk.security import CONTENT_SECURITY_POLICY, HEADERS
    from kiosk.static_files import IMMUTABLE

    readme = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    example = readme[readme.index("## Serving on an intranet"):]
    sent = dict(re.findall(r'add_header ([\w-]+) "([^"]+)" always;', example))
    assert sent == {**HEADERS, "Content-Security-Policy": CONTENT_SECURITY_POLICY}
    # Cache-Control by address: hashed static names for good (as the app sends them), everything else revalidated
    assert "add_header Cache-Control $safeguarding_cache always;" in example
    pattern, immutable = re.search(r'"~(\^/safeguarding/static/[^"]+)"\s+"([^"]+)";', example).groups()
    assert immutable == IMMUTABLE and re.search(r'default\s+"no-cache";', example)
    assert re.match(pattern.replace("\\\\", "\\"), "/safeguarding/static/css/kiosk.0123456789.css")
    assert not re.match(pattern.replace("\\\\", "\\"), "/safeguarding/static/css/kiosk.css")
    assert "gzip_static on;" in example
