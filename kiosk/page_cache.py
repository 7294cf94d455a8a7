"""Pages at static-file speed: each page is rendered once per variant (address, text size, ...) and then served
from memory, with a strong ETag, so a revalidation costs a 304 and no rendering.

Content, catalogues, templates and static files are read once, when the app is made, and never change while it
runs; so a page's bytes depend only on what ``cache_key`` reads from the request. The cache belongs to one app
(kept in its KioskState): a new app, built after an edit or a reload, starts empty and never serves the old bytes.

The cache is a WSGI layer in front of Flask: a hit never reaches Flask (that is what makes it as fast as a bare
server), yet carries exactly the headers Flask sent the first time (the security headers, Cache-Control), because
it stores the whole answer Flask gave (and a gzip copy, sent to clients that accept it). A miss goes through Flask; Flask says whether the answer may be kept
(``keep_if_cacheable``): only a 200 to a GET of one of the PAGES, with no query and no cookie set. POSTs (feedback
forms), any page with a query (a thank-you variant, a search) and any request with a cookie other than the text
size (a session) always reach Flask; a view can also refuse with ``do_not_cache()``.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from dataclasses import dataclass

from flask import g, request
from werkzeug.http import parse_cookie

from . import contacts_now, security, views
from .state import kiosk_state

# The endpoints whose pages are kept (their bytes depend only on the cache key below).
PAGES = {"pages.home", "pages.card", "pages.report", "offline.offline_page", "offline.manifest",
         "offline.service_worker"}
KEEP = "kiosk.page_cache.keep"  # set in the WSGI environ by Flask when its answer may be kept
MAX_ENTRIES = 2000  # pages x languages x text sizes is about 700 today; a bound all the same
STRIPPED_ON_304 = {"content-length", "content-type", "content-encoding"}


def text_size(cookies) -> str:
    """The text size the page is rendered in, as kiosk/page_context.py reads it (the default when unset or odd)."""
    size = cookies.get(views.TEXT_SIZE_COOKIE)
    return size if size in views.TEXT_SIZES else views.TEXT_SIZES[0]


def cache_key(environ, open_now: tuple[str, ...] = ()) -> tuple | None:
    """THE one place that says which variant of a page a request wants; None when it must not be served from the
    cache. Everything a cached page's bytes depend on must be in here: the address, the text size, and who answers
    now (``open_now``: the report panel marks that contact; the state, not the time, so that the pages of one state
    are shared from 17:00 to 09:00)."""
    if (environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or environ.get("QUERY_STRING")
            or security.REFUSED in environ):
        return None
    # read with the parser Flask's request.cookies uses, so both see the same values
    cookies = parse_cookie(environ["HTTP_COOKIE"]) if environ.get("HTTP_COOKIE") else {}
    if any(name != views.TEXT_SIZE_COOKIE for name in cookies):  # a session (a message to show once, say)
        return None
    return (environ.get("SCRIPT_NAME", ""), environ.get("PATH_INFO", ""), text_size(cookies), open_now)


@dataclass(frozen=True)
class Entry:
    status: str
    headers: list[tuple[str, str]]  # as Flask sent them, ETag and Vary added
    body: bytes
    etag: str  # quoted
    gzipped: "Entry | None" = None  # the same page gzip-compressed, for clients that accept it


def wants_gzip(environ) -> bool:
    return "gzip" in environ.get("HTTP_ACCEPT_ENCODING", "").lower()


class PageCache:
    """WSGI middleware: answers from memory what Flask said may be kept, and keeps it."""

    def __init__(self, wsgi_app, app):
        self.wsgi_app = wsgi_app
        self.app = app
        self.entries: dict[tuple, Entry] = {}
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        key = cache_key(environ, contacts_now.open_now(kiosk_state(self.app).library.contacts))
        if key is None:
            return self.wsgi_app(environ, start_response)
        entry = self.entries.get(key)
        if entry is None:
            entry = self.render(key, environ, start_response)
            if not isinstance(entry, Entry):
                return entry  # Flask's own answer, not to be kept
        return self.answer(entry, environ, start_response)

    def render(self, key, environ, start_response):
        environ = {**environ, "REQUEST_METHOD": "GET"}  # a HEAD is answered from the whole page too
        environ.pop("HTTP_IF_NONE_MATCH", None)
        environ.pop("HTTP_IF_MODIFIED_SINCE", None)
        captured = {}

        def capture(status, headers, exc_info=None):
            captured.update(status=status, headers=headers)
            return lambda data: None

        chunks = self.wsgi_app(environ, capture)
        try:
            body = b"".join(chunks)
        finally:
            getattr(chunks, "close", lambda: None)()
        if not environ.get(KEEP):
            start_response(captured["status"], captured["headers"])
            return [] if environ.get("REQUEST_METHOD") == "HEAD" else [body]
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        headers = [(name, value) for name, value in captured["headers"]
                   if name.lower() not in ("etag", "content-length", "vary")] + [("Vary", "Accept-Encoding")]
        packed = gzip.compress(body, 6, mtime=0)
        gzipped = Entry(captured["status"], headers + [("Content-Encoding", "gzip"), ("Content-Length", str(len(packed))),
                                                       ("ETag", etag[:-1] + '-gzip"')], packed, etag[:-1] + '-gzip"')
        entry = Entry(captured["status"], headers + [("Content-Length", str(len(body))), ("ETag", etag)], body, etag,
                      gzipped if len(packed) < len(body) else None)
        with self.lock:
            if len(self.entries) < MAX_ENTRIES:
                self.entries[key] = entry
        return entry

    @staticmethod
    def answer(entry: Entry, environ, start_response):
        if entry.gzipped is not None and wants_gzip(environ):
            entry = entry.gzipped
        wanted = environ.get("HTTP_IF_NONE_MATCH", "")
        if wanted and (wanted.strip() == "*" or entry.etag in (tag.strip().removeprefix("W/") for tag in wanted.split(","))):
            start_response("304 Not Modified",
                           [(name, value) for name, value in entry.headers if name.lower() not in STRIPPED_ON_304])
            return []
        start_response(entry.status, entry.headers)
        return [] if environ.get("REQUEST_METHOD") == "HEAD" else [entry.body]


def do_not_cache() -> None:
    """For a view whose answer must not be kept even though it is a GET of a page (say, a thank-you variant)."""
    g.page_cache_refused = True


def keep_if_cacheable(response):
    """Flask's side: mark the answer as one the cache may keep."""
    if (request.method == "GET" and not request.query_string and request.endpoint in PAGES
            and response.status_code == 200 and "Set-Cookie" not in response.headers
            and not g.get("page_cache_refused") and not response.is_streamed):
        request.environ[KEEP] = True
    return response


def page_cache(app) -> PageCache:
    return kiosk_state(app).page_cache


def init_app(app) -> None:
    app.after_request(keep_if_cacheable)
    cache = PageCache(app.wsgi_app, app)
    kiosk_state(app).page_cache = cache
    app.wsgi_app = cache
