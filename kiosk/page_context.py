"""What every page's template is given, in one place: the content, the languages and their links, the text size,
the kiosk's home address, and what the offline head needs. Components take their part as macro parameters
(kiosk/templates/components/); gettext and hour formatting are Jinja globals (kiosk/i18n)."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from flask import current_app, request, url_for

from . import contacts_now, language_fonts, offline, quick_exit, security, views, window_state
from .i18n import current_language
from .state import kiosk_state

# A static host may send no security headers, so exported pages carry the policy themselves (frame-ancestors
# only works as a header).
PAGE_SECURITY_POLICY = "; ".join(part for part in security.CONTENT_SECURITY_POLICY.split("; ")
                                 if not part.startswith("frame-ancestors"))


def page_security_policy() -> str:
    """The policy, letting the exported pages reach the feedback collector when they send answers to one (on the
    live app they post to their own server, which sends them on)."""
    url = current_app.config.get("FEEDBACK_URL")
    if not url or not offline.static_export():
        return PAGE_SECURITY_POLICY
    collector = urlunsplit(urlsplit(url)[:2] + ("", "", ""))
    return PAGE_SECURITY_POLICY.replace("connect-src 'self'", f"connect-src 'self' {collector}")


def page_context() -> dict:
    state = kiosk_state()
    size = request.cookies.get(views.TEXT_SIZE_COOKIE)
    contacts = state.library.contacts
    return {
        "library": state.library,
        "languages": state.languages,
        "language_links": views.language_links,
        "text_size": size if size in views.TEXT_SIZES else views.TEXT_SIZES[0],
        "text_sizes": views.TEXT_SIZES,
        "text_size_cookie": views.TEXT_SIZE_COOKIE,
        "home_url": url_for("pages.home", lang=state.default_language),
        "theme_colour": offline.THEME_COLOUR,
        "static_export": offline.static_export(),
        "page_security_policy": page_security_policy(),
        "window_state_keys": window_state.KEYS,
        # who to call now: marked here on a live page, and kept current by static/js/open-now.js; an exported
        # page would carry the moment of the export, so there only the script marks
        "open_now": () if offline.static_export() else contacts_now.open_now(contacts),
        "open_plan": contacts_now.plan_of(contacts),
        "quick_exit_url": quick_exit.exit_url() if quick_exit.enabled() else None,  # issue 15: None when off
        "fonts": language_fonts.language_fonts(current_app, current_language().code),  # issue 16
    }


def init_app(app) -> None:
    app.context_processor(page_context)
