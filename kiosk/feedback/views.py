"""The question at the end of each card, without JavaScript: a normal form post, then a redirect to a page of its
own (post/redirect/get), so the card page itself never changes and can be cached.

POST /<lang>/themes/<slug>/feedback/          Yes -> thanks; No without reasons -> "what was wrong?"
GET  /<lang>/themes/<slug>/feedback/more/?id=  reasons and an optional comment for that "No"
GET  /<lang>/themes/<slug>/feedback/thanks/    the thank-you

Bad input gets a page that says what happened, with the report panel: 400, 403 (another site's form), 404,
413 (a long comment: the form again, with the comment kept), 429 (too many posts); 503 if the database fails.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, url_for

from ..state import kiosk_state
from . import answer as answers
from . import StoreError, feedback, outlet, stored
from .limits import RateLimit

bp = Blueprint("feedback", __name__)

FORM_LIMIT = 16_384  # bytes: a form post is a few hundred
LIMITER = "kiosk.feedback.limits"


def options() -> dict:
    """What the card's question needs (the same on every request, so the card page can be cached)."""
    config = current_app.config
    static = bool(config.get("KIOSK_STATIC_EXPORT"))
    send_to = config.get("FEEDBACK_URL") if static else url_for("collector.collect")
    return {"enabled": bool(send_to) if static else feedback().store is not None,
            "static": static, "send_to": send_to or "", "comment_box": bool(config.get("FEEDBACK_COMMENTS", True)),
            "outlet": "web" if static else outlet()}


def within_limit(name: str, per_minute: int) -> bool:
    """False when this client has posted too often; its address is held in memory only, for a minute."""
    limiters = current_app.extensions.setdefault(LIMITER, {})
    limiter = limiters.get(name)
    if limiter is None or limiter.per_minute != per_minute:
        limiter = limiters[name] = RateLimit(per_minute)
    return limiter.allow(request.remote_addr or "?")


def same_origin() -> bool:
    """A post from this site's own pages, or from a client that is not a browser. Browsers say where a post comes
    from (Sec-Fetch-Site; else Origin, which is "null" under our no-referrer policy); no cookie is involved, so
    another site's page cannot post as ours."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = request.headers.get("Origin")
    return origin in (None, "null") or urlsplit(origin).netloc == request.host


def card_or_404(slug: str):
    card = kiosk_state().library.cards.get(slug)
    if card is None:
        abort(404)
    return card


def problem(status: int, **context):
    return render_template("feedback/problem.html", status=status, **context), status


@bp.post("/<lang>/themes/<slug>/feedback/")
def answer(slug):
    card = card_or_404(slug)
    if not same_origin():
        return problem(403, card=card)
    if not within_limit("form", current_app.config.get("FEEDBACK_POSTS_PER_MINUTE", 20)):
        return problem(429, card=card)
    if (request.content_length or 0) > FORM_LIMIT:
        return problem(413, card=card)
    if request.mimetype not in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return problem(400, card=card)
    store = feedback().store
    if store is None:
        return problem(503, card=card)
    fields = {"card": slug, "language": g.lang, "answer": request.form.get("answer"),
              "reasons": request.form.getlist("reasons"), "comment": request.form.get("comment", ""),
              "id": request.form.get("id")}
    try:
        checked = answers.check(fields, kiosk_state().library.cards, kiosk_state().languages, outlet())
        store.add(checked)
        stored()
    except answers.BadAnswer as bad:
        if bad.status == 413:  # the comment was too long: the form again, with every word of it kept
            return render_more(card, fields["id"] or "", fields["reasons"], fields["comment"], too_long=True), 413
        return problem(bad.status, card=card)
    except StoreError as err:
        current_app.logger.error("%s", err)
        return problem(503, card=card)
    if checked.answer == "no" and not (checked.reasons or checked.comment):
        return redirect(url_for("feedback.more", slug=slug, id=checked.id), 303)
    return redirect(url_for("feedback.thanks", slug=slug), 303)


def render_more(card, answer_id: str, reasons, comment: str, too_long: bool = False):
    return render_template("feedback/more.html", card=card, answer_id=answer_id, chosen=list(reasons),
                           comment=comment, too_long=too_long, feedback_options=options())


@bp.get("/<lang>/themes/<slug>/feedback/more/")
def more(slug):
    card = card_or_404(slug)
    try:
        answer_id = answers.answer_id(request.args.get("id", ""))
    except answers.BadAnswer:
        return problem(400, card=card)
    return render_more(card, answer_id, (), "")


@bp.get("/<lang>/themes/<slug>/feedback/thanks/")
def thanks(slug):
    return render_template("feedback/thanks.html", card=card_or_404(slug))
