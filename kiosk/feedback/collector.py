"""The collector: answers as JSON, from this site's own pages (their outbox) and from the devices and origins it
is told of (``feedback_origins``, by CORS); a kiosk's sender posts without an Origin.

POST /feedback/collect  {"answers": [{"id", "card", "language", "answer", "reasons", "comment", "at", "outlet"}]}
-> 200 {"stored": [...], "duplicate": [...], "rejected": {id: why}}: every id listed is done with, and the
device may forget it. Sizes are capped (a batch of at most 100, 64 kB), and each client may post
``feedback_batches_per_minute`` times a minute.
"""

from __future__ import annotations

import json
from flask import Blueprint, current_app, jsonify, request

from ..state import kiosk_state
from . import answer as answers
from . import StoreError, feedback, outlet, stored
from .views import same_origin, within_limit

bp = Blueprint("collector", __name__)

BODY_LIMIT = 65_536  # bytes
BATCH_LIMIT = 100  # answers


def allowed_origin() -> str | None:
    """The Origin to allow by CORS, "" when none is needed (this site's pages, or not a browser), None if refused."""
    if same_origin():
        return ""
    origin = request.headers.get("Origin")
    return origin if origin in (current_app.config.get("FEEDBACK_ORIGINS") or []) else None


def reply(body: dict, status: int, origin: str | None):
    response = jsonify(body)
    response.status_code = status
    if origin:
        response.headers["Access-Control-Allow-Origin"] = origin
    response.headers["Vary"] = "Origin"
    return response


@bp.route("/feedback/collect", methods=["OPTIONS"])
def preflight():
    origin = allowed_origin()
    if origin is None:
        return reply({"error": "this origin may not send feedback here"}, 403, None)
    response = reply({}, 200, origin)
    response.headers["Access-Control-Allow-Methods"] = "POST"
    response.headers["Access-Control-Allow-Headers"] = "Content-Type"
    response.headers["Access-Control-Max-Age"] = "600"
    return response


def refusal(origin: str | None) -> tuple[dict, int] | None:
    """Why the whole post is refused, before it is read; None if it may be read."""
    if origin is None:
        return {"error": "this origin may not send feedback here"}, 403
    if (request.content_length or 0) > BODY_LIMIT:
        return {"error": f"a post holds at most {BODY_LIMIT} bytes"}, 413
    if request.mimetype != "application/json":
        return {"error": "send application/json"}, 415
    if feedback().store is None:
        return {"error": "the feedback database is unavailable"}, 503
    return None


def batch() -> list:
    try:
        body = json.loads(request.get_data(cache=False).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return []
    items = body.get("answers") if isinstance(body, dict) else None
    return items if isinstance(items, list) and all(isinstance(item, dict) for item in items) else []


@bp.post("/feedback/collect")
def collect():
    origin = allowed_origin()
    refused = refusal(origin)
    if refused:
        return reply(*refused, origin)
    if not within_limit("collector", current_app.config.get("FEEDBACK_BATCHES_PER_MINUTE", 120)):
        return reply({"error": "too many posts from this client; try again in a minute"}, 429, origin)
    items = batch()
    if not items or len(items) > BATCH_LIMIT:
        return reply({"error": f"send {{\"answers\": [...]}} with 1 to {BATCH_LIMIT} answers"}, 400, origin)
    state, results, checked = kiosk_state(), {"stored": [], "duplicate": [], "rejected": {}}, []
    for item in items:
        if not item.get("id"):
            return reply({"error": "every answer needs its 'id'"}, 400, origin)
        try:
            checked.append(answers.check(item, state.library.cards, state.languages,
                                         str(item.get("outlet") or outlet())))
        except answers.BadAnswer as bad:
            results["rejected"][str(item["id"])[:40]] = str(bad)
    try:
        outcome = feedback().store.add_many(checked)
    except StoreError as err:
        current_app.logger.error("%s", err)
        return reply({"error": "the feedback database is unavailable"}, 503, origin)
    for answer_id, status in outcome.items():
        results["duplicate" if status == "duplicate" else "stored"].append(answer_id)
    stored()
    return reply(results, 200, origin)
