"""Quick exit (issue 15): "Exit this page" on every page, after GOV.UK Frontend's component of that name.

A warning button (and Shift pressed three times, static/js/quick-exit.js) leaves at once for a neutral page,
replacing the history entry so Back does not return here. The neutral page is the site's own (``/<lang>/welcome/``:
no word of safeguarding in its address, title or text, no report panel), kept offline with the language's pages;
a hosted site may name another (``quick_exit_url``). Off on the kiosk and the live app unless ``quick_exit`` is
set; on in the static export, which may be read on a personal phone (README, "Quick exit").
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, url_for

from . import views

bp = Blueprint("quick_exit", __name__)
bp.url_value_preprocessor(views.take_language)
bp.url_defaults(views.add_language)


def enabled() -> bool:
    """The setting, else on in the static export only."""
    setting = current_app.config.get("QUICK_EXIT")
    if setting is None:
        return bool(current_app.config.get("KIOSK_STATIC_EXPORT"))
    return str(setting).strip().lower() in {"1", "true", "yes", "on"}


def exit_url() -> str:
    """Where the button leads: the setting's address, else this language's neutral page."""
    return current_app.config.get("QUICK_EXIT_URL") or url_for("quick_exit.neutral_page")


def precache_endpoints(code: str) -> list[tuple[str, dict]]:
    """The neutral page of a language, kept offline with its pages when quick exit is on (and leads there)."""
    if not enabled() or current_app.config.get("QUICK_EXIT_URL"):
        return []
    return [("quick_exit.neutral_page", {"lang": code})]


@bp.route("/<lang>/welcome/")
def neutral_page():
    """A plain page in the reader's language, with nothing on it that tells where the reader came from."""
    if not enabled():
        abort(404)
    return render_template("welcome.html")

