"""Feedback: "Was this useful?" at the end of every card, kept safely and scrubbed of personal details.

- ``scrub``: personal details out of comments; ``answer``: one checked answer; ``store``: the database
  (SQLAlchemy Core, Alembic migrations in ``migrations/``); ``limits``: how fast one client may post;
  ``views``: the form (works without JavaScript) and the JSON collector (CORS); ``sender``: a kiosk's outbox to
  ``feedback_url``; ``csv_export``: the staff's CSV.

``init_app`` opens the database. One that cannot be opened leaves the cards working: the log and /healthz say why,
and the question is not asked.
"""

from __future__ import annotations

import logging

from flask import Flask, current_app

from .store import Store, StoreError

EXTENSION = "kiosk.feedback"
log = logging.getLogger(__name__)


class Feedback:
    """The app's feedback: its store (None when the database cannot be opened, with the reason in ``problem``)."""

    def __init__(self, store: Store | None, problem: str | None, sender=None):
        self.store = store
        self.problem = problem
        self.sender = sender


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
    state = feedback(app)
    if state.store is None:
        return {"database": "unavailable", "problem": "cannot open the feedback database; the log says why"}
    return {"database": "ok"}  # never where: /healthz answers anyone who can reach the kiosk


def init_app(app: Flask) -> None:
    from . import collector, views

    app.register_blueprint(views.bp)
    app.register_blueprint(collector.bp)
    store, problem = None, None
    if not app.config.get("KIOSK_STATIC_EXPORT"):
        try:
            store = Store(app.config["DATABASE_URL"])
        except StoreError as err:
            problem = str(err)
            log.error("%s; the cards work, feedback is not taken", problem)
    sender = None
    if store is not None and app.config.get("FEEDBACK_URL"):
        from .sender import Sender

        sender = Sender(store, app.config["FEEDBACK_URL"])
        sender.start()
    app.extensions[EXTENSION] = Feedback(store, problem, sender)
