"""Safeguarding Learning Kiosk: learning from serious case reviews, offline, in many languages."""

from __future__ import annotations

import os
from pathlib import Path

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask


def create_app(config: dict | None = None, environ=os.environ) -> Flask:
    """Build the app from the settings (read from ``environ``: KIOSK_SETTINGS and KIOSK_* variables), then
    ``config`` over them. Raises content.ContentError, naming every problem, if the content is broken."""
    # Imported here, not when the package is: the kiosk window's launcher imports kiosk.shell, and must not wait
    # for SQLAlchemy, the feedback store and every page module before the window opens (issue 16; its server has them).
    from flask import Flask

    from . import (content, errors, feedback, i18n, language_fonts, offline, page_cache, page_context, quick_exit,
                   search, security, static_files, translators, views)
    from .settings import load_settings
    from .state import EXTENSION, KioskState

    app = Flask(__name__, static_folder=str(Path(__file__).resolve().parent.parent / "static"), static_url_path="/static")
    app.config.update(load_settings(environ))
    app.config.update(config or {})
    app.jinja_env.bytecode_cache = compiled_templates_cache()
    app.extensions[EXTENSION] = KioskState(library=content.load(Path(app.config["CONTENT_DIR"])))
    i18n.init_app(app)
    page_cache.init_app(app)  # inside the request guard (security), so a refused Host never gets a kept page
    security.init_app(app)
    static_files.init_app(app)
    language_fonts.init_app(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(translators.bp)
    app.register_blueprint(offline.bp)
    app.register_blueprint(search.bp)
    app.register_blueprint(quick_exit.bp)
    feedback.init_app(app)
    page_context.init_app(app)
    errors.init_app(app)
    return app


def compiled_templates_cache():
    """Jinja's own cache of compiled templates, in the per-user cache folder: compiling every template took the
    first page a tenth of a second of the kiosk's start (issue 16). Jinja checks each entry against its template's
    source and its own version, so an edited template is compiled again. None (no cache) if the folder cannot
    be made."""
    import platformdirs
    from jinja2 import FileSystemBytecodeCache

    from .settings import APP_NAME

    folder = platformdirs.user_cache_path(APP_NAME, appauthor=False) / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))
