"""Offline and installable: the service worker, the web app manifest, the offline page, and the precache list
(what a device keeps for offline use, each entry with the hash of its bytes).

The live app and the static export serve the same routes, so the site installs and works offline whether it
comes from an intranet server or from a folder on a static host. The service worker's code is a plain file,
static/js/service-worker.js; its route puts the precache list in front of it, so a new version of the site is
a new worker script, which is how browsers notice an update.
"""

from __future__ import annotations

import fnmatch
import gzip
import hashlib
import json
import mimetypes
import re
from pathlib import Path

from flask import Blueprint, current_app, render_template, request, url_for

from . import language_fonts, quick_exit, views
from .i18n import current_language, gettext, pgettext
from .state import kiosk_state

bp = Blueprint("offline", __name__)
bp.url_value_preprocessor(views.take_language)
bp.url_defaults(views.add_language)

SERVICE_WORKER_SOURCE = "js/service-worker.js"  # under static/; served at the site root so it covers every page
RETRY_AFTER_SECONDS = 5  # a /service-worker.js turned away while the precache list is built: about one build
THEME_COLOUR = "#0b0c0c"  # the page text colour: the header bar of an installed app
BACKGROUND_COLOUR = "#ffffff"
ICONS = [  # (file under static/, size in px, purpose)
    ("icons/icon-192.png", 192, "any"),
    ("icons/icon-512.png", 512, "any"),
    ("icons/icon-maskable-512.png", 512, "maskable"),
]


# What the service worker keeps gzip-compressed (its TEXT pattern, static/js/service-worker.js), by media type;
# CompressionStream compresses at zlib's default level, 6.
STORED_COMPRESSED = re.compile(r"^(text/|application/(javascript|json|manifest\+json)|image/svg\+xml)")
STORED_LEVEL = 6
MEDIA_TYPES = {".webmanifest": "application/manifest+json"}  # besides what the mimetypes module knows


def stored_size(path: str, data: bytes) -> int:
    """How many bytes the service worker stores for the file at ``path`` (an address or file name) holding
    ``data``: text compressed, the rest (fonts, images) as it is."""
    media_type = ("text/html" if path.endswith("/") else
                  MEDIA_TYPES.get(Path(path).suffix) or mimetypes.guess_type(path)[0] or "")
    return len(gzip.compress(data, STORED_LEVEL, mtime=0)) if STORED_COMPRESSED.match(media_type) else len(data)


def is_on(value) -> bool:
    """A yes/no setting, from YAML (a bool) or from the environment (text)."""
    return str(value).strip().lower() in {"1", "true", "yes", "on"}


def static_export() -> bool:
    """True while `kiosk export` renders the site: pages must then work as plain files."""
    return bool(current_app.config.get("KIOSK_STATIC_EXPORT"))


# Static files no device keeps: the whole bundled fonts (a page loads its language's cut, kiosk/language_fonts.py,
# instead), the kiosk window's own assets, and notes for people.
NOT_KEPT = ("fonts/*.woff2", "fonts/README.md", "css/kiosk-shell.css", "js/idle-reset.js", "js/staff-exit.js")


# Static files the export writes but no device keeps: the app icons (the system stores its own copy when the app
# is installed, online), the fonts' licence and the vendored scripts' licence and version notes.
EXPORTED_NOT_KEPT = ("icons/*", "fonts/OFL.txt", "js/vendor/*.LICENSE.txt", "js/vendor/*.VERSION")


def matches(name: str, patterns) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in patterns)


def is_kept(name: str) -> bool:
    return name != SERVICE_WORKER_SOURCE and not matches(name, NOT_KEPT + EXPORTED_NOT_KEPT)


def static_names() -> list[str]:
    static_dir = Path(current_app.static_folder)
    return sorted(p.relative_to(static_dir).as_posix() for p in static_dir.rglob("*")
                  if p.is_file() and not p.name.startswith("."))


def export_only_endpoints() -> list[tuple[str, dict]]:
    """What the export writes besides the precache list."""
    return [("static", {"filename": name}) for name in static_names() if matches(name, EXPORTED_NOT_KEPT)]


def precache_endpoints() -> tuple[list[tuple[str, dict]], dict[str, list[tuple[str, dict]]]]:
    """(endpoint, values) for the shared entries, and for the pages of each offered language.

    Shared: the static files (those in NOT_KEPT apart), the language picker's names font, the offline page of every language (so that page speaks the language of the
    address that failed) and, in the export, the site root. The export writes exactly these URLs.
    """
    languages = kiosk_state().languages
    app = current_app._get_current_object()
    shared = [("static", {"filename": name})
              for name in [*filter(is_kept, static_names()), *language_fonts.shared_files(app)]]
    shared += [("offline.offline_page", {"lang": code}) for code in languages]
    if static_export():
        shared.append(("pages.root", {}))
    pages = {code: [("pages.home", {"lang": code}),
                    *(("pages.card", {"lang": code, "slug": slug}) for slug in views.library().cards),
                    ("pages.report", {"lang": code}),
                    ("search.page", {"lang": code}),
                    ("search.index_json", {"lang": code}),
                    ("offline.manifest", {"lang": code}),
                    *quick_exit.precache_endpoints(code),  # issue 15: where quick exit leads, offline too
                    # issue 16: the language's own fonts (cut to its characters), not every script's
                    *(("static", {"filename": name}) for name in language_fonts.language_fonts(app, code).files)]
             for code in languages}
    return shared, pages


def precache_manifest(*, wait_in_turn: bool = False) -> dict | None:
    """The precache list with a content hash per URL, as the service worker reads it.

    Built once per site root by rendering every entry through the app itself, so the hashes are those of the
    bytes a browser gets (and, in the export, of the files written). With ``wait_in_turn`` (a request on the
    server), None rather than wait when enough other requests already wait for the build: each waiting request
    holds one of the server's few threads, and a crowd of them would leave none for /healthz or a page.
    """
    state = kiosk_state()
    built = state.precache
    if request.script_root in built:
        return built[request.script_root]
    if wait_in_turn and not state.precache_waiters.acquire(blocking=False):
        return None
    try:
        # one build at a time: it renders every page, and several at once would starve every other request
        with state.precache_lock:
            if request.script_root not in built:
                built[request.script_root] = _build_manifest()
    finally:
        if wait_in_turn:
            state.precache_waiters.release()
    return built[request.script_root]


def build_precache(app) -> None:
    """Build the precache list for the site root ahead of the first /service-worker.js (the server does this in
    the background as it starts), so no visitor waits for it and the health check never queues behind it."""
    with app.test_request_context("/"):
        try:
            precache_manifest()
        except Exception:  # the first /service-worker.js tries again, and fails with the friendly page
            current_app.logger.exception("the precache list could not be built ahead")


def _build_manifest() -> dict:
    client = current_app.test_client()

    def hashed(entries) -> dict[str, str]:
        hashes = {}
        for endpoint, values in entries:
            url = url_for(endpoint, **values)
            # each page in an app context of its own, as on a server: Flask-Babel keeps the page's translations
            # in ``g``, and these pages are kept by the page cache and served as they are rendered here
            with current_app.app_context():
                response = client.get(url[len(request.script_root):], base_url=request.url_root)
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status} while building the precache list")
            hashes[url] = hashlib.sha256(response.get_data()).hexdigest()[:16]
        return hashes

    shared, pages = precache_endpoints()
    manifest = {
        "defaultLanguage": kiosk_state().default_language,
        "allLanguages": is_on(current_app.config.get("OFFLINE_ALL_LANGUAGES", False)),
        "offlinePages": {code: url_for("offline.offline_page", lang=code) for code in pages},
        "shared": hashed(shared),
        "languages": {code: hashed(entries) for code, entries in pages.items()},
    }
    version = hashlib.sha256(json.dumps(manifest, sort_keys=True).encode()).hexdigest()[:16]
    return {"version": version, **manifest}


@bp.route("/service-worker.js")
def service_worker():
    precache = precache_manifest(wait_in_turn=True)
    if precache is None:  # the browser's registration fails quietly, and the next page registers again
        response = current_app.response_class("// the offline list is being built: ask again shortly\n", 503,
                                              mimetype="text/javascript")
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response.headers["Cache-Control"] = "no-store"
        return response
    source = Path(current_app.static_folder, SERVICE_WORKER_SOURCE).read_text(encoding="utf-8")
    body = f"self.PRECACHE = {json.dumps(precache)};\n{source}"
    response = current_app.response_class(body, mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"  # browsers must see a new version as soon as there is one
    return response


@bp.route("/<lang>/manifest.webmanifest")
def manifest():
    """The web app manifest, in the page's language: an installed app opens where it was installed from."""
    language = current_language()
    root = url_for("pages.root")
    data = {
        "id": root,
        "name": gettext("Learning from serious case reviews"),
        "short_name": pgettext("name under the icon of the installed app: 12 letters at most", "Case reviews"),
        "lang": language.code,
        "dir": language.direction,
        "start_url": url_for("pages.home"),
        "scope": root,
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [{"src": url_for("static", filename=name), "sizes": f"{size}x{size}", "type": "image/png",
                   "purpose": purpose} for name, size, purpose in ICONS],
    }
    return current_app.response_class(json.dumps(data, ensure_ascii=False, indent=1),
                                      mimetype="application/manifest+json")


@bp.route("/<lang>/offline/")
def offline_page():
    """What the service worker shows for a page this device has not kept: still with the report panel."""
    return render_template("offline.html", offline_page=True)
