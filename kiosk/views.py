"""The pages: home, a card, the report page, and the small routes around them."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from flask import Blueprint, abort, current_app, g, jsonify, redirect, render_template, request, url_for

from . import feedback
from .content import KEY_MESSAGE, POSTER_THEME
from .state import kiosk_state

bp = Blueprint("pages", __name__)

TEXT_SIZES = ("1", "2", "3")  # normal, large, largest
TEXT_SIZE_COOKIE = "text-size"


def library():
    return kiosk_state().library


@bp.app_url_value_preprocessor
def take_language(endpoint, values):
    if values and "lang" in values:
        lang = values.pop("lang")
        if lang not in kiosk_state().languages:
            abort(404)
        g.lang = lang


@bp.app_url_defaults
def add_language(endpoint, values):
    if "lang" not in values and current_app.url_map.is_endpoint_expecting(endpoint, "lang"):
        values["lang"] = g.get("lang", kiosk_state().default_language)


def language_links() -> dict[str, str]:
    """Where each language in the picker leads: this same page in that language (home from an error page)."""
    endpoint = request.endpoint
    same_page = (endpoint and not g.get("error_page") and current_app.url_map.is_endpoint_expecting(endpoint, "lang"))
    if not same_page:
        endpoint = "pages.home"
    args = dict(request.view_args or {}) if same_page else {}
    return {code: url_for(endpoint, **args, lang=code) for code in kiosk_state().languages}


@bp.route("/")
def root():
    if current_app.config.get("KIOSK_STATIC_EXPORT"):  # a static host cannot read Accept-Language
        return render_template("root.html")
    offered = list(kiosk_state().languages)
    best = request.accept_languages.best_match(offered) or kiosk_state().default_language
    return redirect(url_for("pages.home", lang=best))


@bp.route("/healthz")
def healthz():
    """For the launcher's supervisor: whether the app answers, and the app's own addresses for the kiosk window
    (the home page in the default language actually offered, and the reset that also puts the text size back).
    Feedback says whether its database works; the cards work either way, so the status stays "ok"."""
    home = url_for("pages.home", lang=kiosk_state().default_language)
    return jsonify(status="ok", cards=len(library().cards), languages=list(kiosk_state().languages),
                   home=home, reset=url_for("pages.text_size", lang=kiosk_state().default_language,
                                            size=1, next=home), feedback=feedback.health())


@bp.route("/<lang>/")
def home():
    return render_template("home.html", key_messages=library().group(KEY_MESSAGE),
                           poster_themes=library().group(POSTER_THEME))


@bp.route("/<lang>/themes/<slug>/")
def card(slug):
    cards = library().cards
    if slug not in cards:
        abort(404)
    card = cards[slug]
    group = library().group(card.group)
    index = group.index(card)
    from .feedback.views import options  # the card's question; no other page opens the feedback database

    return render_template("card.html", card=card, feedback_options=options(),
                           previous=group[index - 1] if index > 0 else None,
                           next=group[index + 1] if index + 1 < len(group) else None)


@bp.route("/<lang>/report/")
def report():
    return render_template("report.html", report=library().report)


def same_site_path(target: str) -> str | None:
    """``target`` as a path on this site, or None. Parsed, not pattern-matched: browsers drop tabs and line
    breaks and read backslashes as slashes, so any of those (or any control character) is refused outright,
    and what is left must have no scheme and no host and start with exactly one slash."""
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F or ch == "\\" for ch in target):
        return None
    parts = urlsplit(target)
    if target.startswith("//") or parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith("//"):
        return None
    return urlunsplit(("", "", parts.path, parts.query, ""))


@bp.route("/<lang>/text-size/")
def text_size():
    """Sets the text size without JavaScript, then goes back to the page the reader was on."""
    size = request.args.get("size", TEXT_SIZES[0])
    response = redirect(same_site_path(request.args.get("next", "")) or url_for("pages.home"))
    if size in TEXT_SIZES:
        response.set_cookie(TEXT_SIZE_COOKIE, size, samesite="Strict", max_age=60 * 60 * 24 * 365)
    return response
