"""Response headers that keep every page self-contained and unframeable, and the guard in front of the app
that turns a hostile or broken request into a friendly page rather than the server's bare error.

What waitress answers by itself, before the app sees a request (a malformed request line or header block,
a body larger than its limits), carries none of these headers; the README's "Security and reliability"
section lists those answers.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit, urlunsplit

from flask import abort, current_app, request
from werkzeug.sansio.utils import host_is_trusted

log = logging.getLogger(__name__)

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

# The kiosk needs no camera, microphone, location, payment or sensors: no page may ask for them.
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "camera", "display-capture", "geolocation", "gyroscope", "magnetometer", "microphone",
    "midi", "payment", "usb"))

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": PERMISSIONS_POLICY,
}

# Every response is revalidated, so a kiosk or tablet never shows stale numbers; health is never stored.
CACHE_CONTROL = "no-cache"
NO_STORE = {"/healthz"}

LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")  # the kiosk window and its supervisor always use these
REFUSED = "kiosk.refused"  # set in the WSGI environ by RequestGuard: why the app must answer 400


def keep_redirects_on_site(response) -> None:
    """Every redirect the app makes is to its own pages, so its Location is a path: never the Host header
    echoed back (Werkzeug's trailing-slash redirects write one), never '//' (which browsers read as a host)."""
    location = response.headers.get("Location")
    if location:
        parts = urlsplit(location)
        path = "/" + parts.path.lstrip("/\\")
        response.headers["Location"] = urlunsplit(("", "", path, parts.query, ""))


def add_headers(response):
    keep_redirects_on_site(response)
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.path in NO_STORE:
        response.headers["Cache-Control"] = "no-store"
    response.headers.setdefault("Cache-Control", CACHE_CONTROL)
    return response


def is_good_host(host: str, trusted: list[str] | None) -> bool:
    """A Host header the app can build addresses from: well formed, IDNA-encodable, and trusted when a list
    of trusted hosts is set (loopback always is)."""
    if not host_is_trusted(host, None):
        return False
    name = host[1:].partition("]")[0] if host.startswith("[") else host.rpartition(":")[0] if ":" in host else host
    try:
        name.encode("idna")
    except UnicodeError:
        return False
    return not trusted or name.lower() in LOOPBACK or host_is_trusted(host, trusted)


def is_utf8(text: str) -> bool:
    try:
        text.encode("latin-1").decode("utf-8")
        return True
    except UnicodeError:
        return False


class RequestGuard:
    """WSGI middleware: a request whose Host header the app cannot use (or does not trust), or whose query is not
    UTF-8, gets the app's own 400 page, with the report panel and every header, instead of a crash before (or
    while) the app reads it."""

    def __init__(self, wsgi_app, app, trusted: list[str] | None):
        self.wsgi_app = wsgi_app
        self.app = app
        self.trusted = trusted

    def __call__(self, environ, start_response):
        host = environ.get("HTTP_HOST")
        if host is not None and not is_good_host(host, self.trusted):
            environ = {**environ, "HTTP_HOST": "localhost", REFUSED: f"Host header {host[:200]!r}"}
        if not is_utf8(environ.get("QUERY_STRING", "")):
            environ = {**environ, "QUERY_STRING": "", REFUSED: "a query that is not UTF-8"}
        try:
            return self.wsgi_app(environ, start_response)
        except Exception:  # nothing the app raises reaches waitress, whose bare 500 has no numbers
            log.exception("request failed outside the app's error pages: %s", environ.get("PATH_INFO"))
            with self.app.request_context({**environ, "HTTP_HOST": "localhost"}):
                from .errors import bare_numbers_page

                response = current_app.make_response((bare_numbers_page(), 500))
                add_headers(response)
            return response(environ, start_response)


def refuse_bad_request():
    if REFUSED in request.environ:
        log.warning("refused a request with %s", request.environ[REFUSED])
        abort(400)


def init_app(app) -> None:
    app.before_request(refuse_bad_request)
    app.after_request(add_headers)
    # The guard checks trusted_hosts, not Flask: Flask's own TRUSTED_HOSTS check fails before any error page
    # can be shown, and would shut out the kiosk window and its supervisor on 127.0.0.1.
    trusted, app.config["TRUSTED_HOSTS"] = app.config.get("TRUSTED_HOSTS"), None
    app.wsgi_app = RequestGuard(app.wsgi_app, app, trusted)
