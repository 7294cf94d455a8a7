"""What the app knows once it is made, in one place: the content, the languages (offered, and why the others are
not), the default language actually used, and the service worker's precache list.

``kiosk_state(app)`` (or ``kiosk_state()`` inside a request) is the one accessor; settings stay in app.config as
they were given, and nothing computed is written back into it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from flask import Flask, current_app

if TYPE_CHECKING:  # for the annotations only: the layers below fill this in, and never import it back
    from .content import Library
    from .i18n import LanguageStatus
    from .i18n.languages import Language

EXTENSION = "kiosk"
PRECACHE_WAITERS = 2  # of the server's 4 threads (kiosk/shell/server.py): two stay free for pages and /healthz


@dataclass
class KioskState:
    library: Library
    language_status: dict[str, LanguageStatus] = field(default_factory=dict)  # every language found, by code
    languages: dict[str, Language] = field(default_factory=dict)  # the ones offered, by code, in order
    default_language: str = "en"  # the settings' default language if it is offered, else English
    precache: dict[str, dict] = field(default_factory=dict)  # the precache list, per site root
    precache_lock: threading.Lock = field(default_factory=threading.Lock)  # one build at a time
    precache_waiters: threading.BoundedSemaphore = field(  # requests that may wait for that build (kiosk/offline.py)
        default_factory=lambda: threading.BoundedSemaphore(PRECACHE_WAITERS))
    search_indexes: dict[tuple[str, str], object] = field(default_factory=dict)  # (language, site root): SearchIndex
    page_cache: Any = None  # kiosk.page_cache.PageCache: rendered pages, served from memory
    fonts: Any = None  # kiosk.language_fonts._Plans: each language's fonts, planned when first needed
    static_files: Any = None  # kiosk.static_files.StaticFiles: hashed names, generated files (font subsets)


def kiosk_state(app: Flask | None = None) -> KioskState:
    return (app if app is not None else current_app).extensions[EXTENSION]
