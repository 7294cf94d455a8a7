"""Friendly error pages that still carry the report-a-concern panel, never a stack trace."""

from __future__ import annotations

from flask import current_app, g, render_template, request
from markupsafe import escape
from werkzeug.exceptions import HTTPException, NotFound

from .state import kiosk_state


def _language_from_path() -> None:
    """Error pages speak the language in the URL when it is one we offer."""
    g.error_page = True
    first = request.path.strip("/").split("/", 1)[0]
    if "lang" not in g and first in kiosk_state().languages:
        g.lang = first


def handle_http_error(error: HTTPException):
    _language_from_path()
    status = error.code or 500
    return render_template("error.html", status=status, not_found=isinstance(error, NotFound)), status


def handle_crash(error: Exception):
    current_app.logger.exception("page failed: %s", request.path)
    _language_from_path()
    try:
        return render_template("error.html", status=500, not_found=False), 500
    except Exception:  # the templates themselves failed: plain numbers, straight from the content data
        current_app.logger.exception("error page failed too")
        return bare_numbers_page(), 500


def bare_numbers_page() -> str:
    library = kiosk_state().library
    items = "".join(
        f'<li>{escape(c.when)}: <a href="{escape(library.phones[c.id].tel)}">{escape(c.number)}</a></li>'
        for c in library.contacts.contacts)
    return f'<!doctype html><html lang="en"><title>Report a concern</title><h1>Report a concern</h1><ul>{items}</ul></html>'


def init_app(app) -> None:
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_crash)
