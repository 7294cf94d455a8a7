"""Pages are rendered once per variant and then served from memory, with a strong ETag; the cache follows the
content (a new app never serves an old page), and nothing that must reach the app (a POST, a query, a refused
host) is answered from it."""

from __future__ import annotations

import datetime as dt
import re
from contextlib import contextmanager

import time_machine
from flask import template_rendered

from kiosk import create_app
from kiosk.security import HEADERS


@contextmanager
def renders(app):
    """The templates the app renders meanwhile (Flask's own signal)."""
    seen = []
    record = lambda sender, template, context, **extra: seen.append(template.name)  # noqa: E731
    template_rendered.connect(record, app)
    try:
        yield seen
    finally:
        template_rendered.disconnect(record, app)


def test_a_page_is_rendered_once_then_served_from_memory_with_the_same_bytes_and_headers():
    app = create_app({"TESTING": True})
    client = app.test_client()
    first = client.get("/en/themes/child-neglect/")
    with renders(app) as seen:
        again = client.get("/en/themes/child-neglect/")
    assert seen == []
    assert again.status_code == 200 and again.data == first.data
    assert again.headers == first.headers
    for name, value in HEADERS.items():
        assert again.headers[name] == value
    assert again.headers["Cache-Control"] == "no-cache"  # HTML is always revalidated


def test_revalidation_with_the_etag_is_a_304_that_keeps_the_security_headers(client):
    page = client.get("/en/report/")
    etag = page.headers["ETag"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', etag)  # strong: no W/
    revalidated = client.get("/en/report/", headers={"If-None-Match": etag})
    assert revalidated.status_code == 304 and revalidated.data == b""
    assert revalidated.headers["ETag"] == etag
    for name, value in HEADERS.items():
        assert revalidated.headers[name] == value
    assert client.get("/en/report/", headers={"If-None-Match": '"other"'}).status_code == 200


def test_each_text_size_is_its_own_page(client):
    normal = client.get("/tr/").get_data(as_text=True)
    client.set_cookie("text-size", "3")
    largest = client.get("/tr/").get_data(as_text=True)
    assert 'class="text-size-1"' in normal and 'class="text-size-3"' in largest
    client.set_cookie("text-size", "1")
    assert client.get("/tr/").get_data(as_text=True) == normal


def test_a_head_request_gets_the_headers_of_the_kept_page_and_no_body(client):
    page = client.get("/ar/")
    head = client.head("/ar/")
    assert head.status_code == 200 and head.data == b"" and head.headers["ETag"] == page.headers["ETag"]


def test_posts_queries_and_redirects_always_reach_the_app():
    app = create_app({"TESTING": True})
    client = app.test_client()
    client.get("/en/")
    with renders(app) as seen:
        assert client.get("/en/?from=poster").status_code == 200  # a query: another variant, never kept
        assert client.get("/en/?from=poster").status_code == 200
        assert client.post("/en/").status_code == 405
    assert seen.count("home.html") == 2 and "error.html" in seen
    response = client.get("/en/text-size/?size=2&next=/en/")
    assert response.status_code == 302 and "text-size=2" in response.headers["Set-Cookie"]


def test_not_found_pages_are_not_kept():
    app = create_app({"TESTING": True})
    client = app.test_client()
    client.get("/en/themes/no-such-card/")
    with renders(app) as seen:
        assert client.get("/en/themes/no-such-card/").status_code == 404
    assert seen == ["error.html"]


def test_a_refused_host_is_refused_even_when_the_page_is_kept():
    client = create_app({"TESTING": True, "TRUSTED_HOSTS": ["kiosk.intranet.example"]}).test_client()
    assert client.get("/en/", base_url="http://kiosk.intranet.example").status_code == 200
    assert client.get("/en/", base_url="http://elsewhere.example").status_code == 400


def test_a_new_app_serves_the_changed_content_never_the_old_page(content_copy):
    before = create_app({"TESTING": True, "CONTENT_DIR": str(content_copy)}).test_client()
    old = before.get("/en/themes/child-neglect/").get_data(as_text=True)
    card = content_copy / "cards" / "child-neglect.yaml"
    card.write_text(card.read_text(encoding="utf-8").replace('title: "Child Neglect"', 'title: "Neglect of children"', 1),
                    encoding="utf-8")
    after = create_app({"TESTING": True, "CONTENT_DIR": str(content_copy)}).test_client()
    new = after.get("/en/themes/child-neglect/")
    assert "Neglect of children" in new.get_data(as_text=True) and "Neglect of children" not in old
    old_etag = before.get("/en/themes/child-neglect/").headers["ETag"]
    assert after.get("/en/themes/child-neglect/", headers={"If-None-Match": old_etag}).status_code == 200


def test_clients_that_accept_gzip_get_the_page_and_its_styles_compressed(app, client):
    import gzip

    plain = client.get("/bn/report/")
    packed = client.get("/bn/report/", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert packed.headers["Content-Encoding"] == "gzip" and gzip.decompress(packed.data) == plain.data
    assert len(packed.data) < len(plain.data) / 3
    assert packed.headers["Vary"] == plain.headers["Vary"] == "Accept-Encoding"
    assert packed.headers["ETag"] != plain.headers["ETag"]  # a strong ETag names one set of bytes
    assert client.get("/bn/report/", headers={"Accept-Encoding": "gzip", "If-None-Match": packed.headers["ETag"]}
                      ).status_code == 304
    from tests.helpers import static_url

    css = static_url(app, "css/kiosk.css")
    styles = client.get(css, headers={"Accept-Encoding": "gzip"})
    assert styles.headers["Content-Encoding"] == "gzip" and gzip.decompress(styles.data) == client.get(css).data


def test_a_request_with_a_session_cookie_reaches_the_app():
    app = create_app({"TESTING": True})
    client = app.test_client()
    client.get("/en/report/")
    client.set_cookie("session", "a-message-to-show-once")
    with renders(app) as seen:
        assert client.get("/en/report/").status_code == 200
    assert seen == ["report.html"]


def test_pages_rendered_for_the_precache_list_are_kept_in_their_own_language():
    app = create_app({"TESTING": True})
    client = app.test_client()
    client.get("/service-worker.js")  # renders every page of every language, all inside this one request
    fresh = create_app({"TESTING": True}).test_client()
    for path in ("/bg/", "/ar/report/", "/bn/themes/lost-in-translation/", "/en/", "/tr/offline/"):
        assert client.get(path).data == fresh.get(path).data, path


def test_a_kept_page_follows_who_answers_now_at_five_oclock_without_a_restart():
    """The panel marks the contact that answers now: a page kept at 16:59 must not be served at 17:01."""
    app = create_app({"TESTING": True})
    client = app.test_client()
    marked = lambda page: re.findall(r'data-contact="([a-z-]+)" data-open="now"', page.get_data(as_text=True))  # noqa: E731
    # Wednesday 9 December 2026 (after the hours were checked); London time is UTC in winter
    with time_machine.travel(dt.datetime(2026, 12, 9, 16, 59, tzinfo=dt.timezone.utc), tick=False):
        before = client.get("/en/report/")
        assert marked(client.get("/en/report/")) == marked(before)  # the same minute: served from memory
    with time_machine.travel(dt.datetime(2026, 12, 9, 17, 1, tzinfo=dt.timezone.utc), tick=False):
        after = client.get("/en/report/")
    assert "mash" in marked(before) and "mash" not in marked(after) and "out-of-hours" in marked(after)
    assert after.headers["ETag"] != before.headers["ETag"]
