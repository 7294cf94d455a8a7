"""What every page's template is given, in one place: the content, the languages and their links, the text size,
the kiosk's home address, and what the offline head needs. Components take their part as macro parameters
(kiosk/templates/components/); gettext and hour formatting are Jinja globals (kiosk/i18n)."""

from __future__ import annotations

from flask import current_app, request, url_for

from . import language_fonts, offline, security, views
from .i18n import current_language
from .state import kiosk_state

# A static host may send no security headers, so exported pages carry the policy themselves (frame-ancestors
# only works as a header).
PAGE_SECURITY_POLICY = "; ".join(part for part in security.CONTENT_SECURITY_POLICY.split("; ")
                                 if not part.startswith("frame-ancestors"))


def page_context() -> dict:
    state = kiosk_state()
    size = request.cookies.get(views.TEXT_SIZE_COOKIE)
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
        "page_security_policy": PAGE_SECURITY_POLICY,
        "fonts": language_fonts.language_fonts(current_app, current_language().code),  # issue 16
    }


def init_app(app) -> None:
    app.context_processor(page_context)
