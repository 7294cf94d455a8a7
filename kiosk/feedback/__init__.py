"""Feedback: "Was this useful?" at the end of every card, kept safely and scrubbed of personal details.

- ``scrub``: personal details out of comments; ``answer``: one checked answer; ``store``: the database
  (SQLAlchemy Core, Alembic migrations in ``migrations/``); ``limits``: how fast one client may post;
  ``views``: the form (works without JavaScript) and the JSON collector (CORS); ``sender``: a kiosk's outbox to
  ``feedback_url``; ``csv_export``: the staff's CSV.

The database is opened when first needed (a card's question, an answer, the collector), or by the server a
moment after it starts serving (``open_soon``): opening it imports SQLAlchemy, a sizeable part of the kiosk's
start (issue 16), and the home page does not need it. One that cannot be opened leaves the cards working: the
log and /healthz say why, and the question is not asked.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from flask import Flask, current_app

if TYPE_CHECKING:
    from .store import Store

EXTENSION = "kiosk.feedback"
OPEN_AFTER = 2.0  # seconds after the server starts serving: its first page comes first
log = logging.getLogger(__name__)


class StoreError(Exception):
    """The database cannot be opened or written; the message says which and why (never the password)."""


class Feedback:
    """The app's feedback: its store, opened when first asked for (None when the database cannot be opened, with
    the reason in ``problem``)."""

    def __init__(self, url: str | None):
        self.url = url  # None: no database here (the static export)
        self.problem: str | None = None
        self.sender = None
        self._store: Store | None = None
        self._opened = threading.Event()
        self._opening = threading.Lock()

    @property
    def opened(self) -> bool:
        return self._opened.is_set()

    @property
    def store(self) -> Store | None:
        if not self._opened.is_set():
            with self._opening:
                if not self._opened.is_set():
                    self._store = self._open()
                    self._opened.set()
        return self._store

    def _open(self) -> Store | None:
        if self.url is None:
            return None
        from .store import Store

        try:
            return Store(self.url)
        except StoreError as err:
            self.problem = str(err)
            log.error("%s; the cards work, feedback is not taken", self.problem)
            return None


def feedback(app: Flask | None = None) -> Feedback:
    return (app if app is not None else current_app).extensions[EXTENSION]


def outlet(app: Flask | None = None) -> str:
    """Where answers come from: the kiosk's name, or "web"."""
    config = (app or current_app).config
    return config.get("KIOSK_NAME") or ("kiosk" if config.get("KIOSK_SHELL") else "web")


def stored(app: Flask | None = None) -> None:
    """After an answer is stored: a kiosk's sender tries the collector at once."""
    state = feedback(app)
    if state.sender is not None:
        state.sender.wake()


def health(app: Flask | None = None) -> dict:
    """Never opens the database (the kiosk's supervisor asks for /healthz as the server starts); never says where
    it is (/healthz answers anyone who can reach the kiosk)."""
    state = feedback(app)
    if not state.opened:
        return {"database": "not opened yet"}
    if state.store is None:
        return {"database": "unavailable", "problem": "cannot open the feedback database; the log says why"}
    return {"database": "ok"}


def open_soon(app: Flask) -> None:
    """Open the database in the background, a moment from now (the server calls this as it starts serving)."""
    later = threading.Timer(OPEN_AFTER, lambda: feedback(app).store)
    later.name, later.daemon = "feedback-store", True
    later.start()


def init_app(app: Flask) -> None:
    from . import collector, views

    app.register_blueprint(views.bp)
    app.register_blueprint(collector.bp)
    state = Feedback(None if app.config.get("KIOSK_STATIC_EXPORT") else app.config["DATABASE_URL"])
    app.extensions[EXTENSION] = state
    if state.url is not None and app.config.get("FEEDBACK_URL"):  # a kiosk's outbox needs its store at once
        from .sender import Sender

        if state.store is not None:
            state.sender = Sender(state.store, app.config["FEEDBACK_URL"])
            state.sender.start()
