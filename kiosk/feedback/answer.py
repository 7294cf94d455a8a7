"""One answer to "Was this useful?", checked: from a form post, a JSON post (a device's outbox) or the database.

Nothing about the person is kept: no address, cookie or device fingerprint; the time only to the minute; the
comment scrubbed of personal details (kiosk.feedback.scrub) before anything else sees it.
"""

from __future__ import annotations

import dataclasses
import re
import uuid
from datetime import datetime, timedelta, timezone

from .scrub import scrub

ANSWERS = ("yes", "no")
# The fixed reasons offered after "No", by code (their words are in the template, translated).
REASONS = ("hard-to-understand", "not-what-i-needed", "translation", "wrong-or-out-of-date")
COMMENT_LIMIT = 1000  # characters
OUTLET = re.compile(r"[\w .-]{1,60}")
OLDEST = timedelta(days=366)  # a device's outbox may hold an answer this long


class BadAnswer(ValueError):
    """An answer that cannot be stored; ``status`` is the HTTP status to answer with (400, 404 or 413)."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


@dataclasses.dataclass(frozen=True)
class Answer:
    id: str  # made by the client (a UUID), so a retry is stored once
    card: str
    language: str
    answer: str  # "yes" or "no"
    reasons: tuple[str, ...] = ()
    comment: str = ""  # already scrubbed
    needs_review: bool = False
    answered_at: datetime = dataclasses.field(default_factory=lambda: to_minute(datetime.now(timezone.utc)))
    outlet: str = "web"


def to_minute(moment: datetime) -> datetime:
    """UTC, without time zone, to the minute."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment.replace(second=0, microsecond=0)


def new_id() -> str:
    return str(uuid.uuid4())


def answer_id(value) -> str:
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        raise BadAnswer(f"'id' must be a UUID, got {str(value)[:40]!r}") from None


def answered_at(value, now: datetime) -> datetime:
    """A device's own time for an answer it kept, trusted only within the last year and not in the future."""
    if value in (None, ""):
        return to_minute(now)
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise BadAnswer(f"'at' must be an ISO 8601 time, got {str(value)[:40]!r}") from None
    moment = to_minute(moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc))
    latest = to_minute(now)
    return min(max(moment, latest - OLDEST), latest)


def check(fields: dict, cards, languages, outlet: str, now: datetime | None = None) -> Answer:
    """An Answer from posted fields (``card``, ``language``, ``answer``, ``reasons``, ``comment``, ``id``, ``at``);
    BadAnswer saying what is wrong otherwise: 404 for an unknown card or language, 413 for a long comment."""
    now = now or datetime.now(timezone.utc)
    card, language = str(fields.get("card") or ""), str(fields.get("language") or "")
    if card not in cards:
        raise BadAnswer(f"unknown card {card[:80]!r}", 404)
    if language not in languages:
        raise BadAnswer(f"unknown language {language[:20]!r}", 404)
    value = fields.get("answer")
    if value not in ANSWERS:
        raise BadAnswer(f"'answer' must be one of {', '.join(ANSWERS)}")
    reasons = fields.get("reasons") or []
    if isinstance(reasons, str):
        reasons = [reasons]
    if not isinstance(reasons, list) or any(reason not in REASONS for reason in reasons):
        raise BadAnswer(f"'reasons' must be some of {', '.join(REASONS)}")
    comment = fields.get("comment") or ""
    if not isinstance(comment, str):
        raise BadAnswer("'comment' must be text")
    comment = comment.strip()
    if len(comment) > COMMENT_LIMIT:
        raise BadAnswer(f"the comment is {len(comment)} characters; at most {COMMENT_LIMIT} are kept", 413)
    if value == "yes" and (reasons or comment):
        raise BadAnswer("reasons and comments go with 'no'")
    if any(ord(ch) < 0x20 and ch not in "\n\t" for ch in comment):
        raise BadAnswer("the comment holds control characters")
    scrubbed = scrub(comment) if comment else None
    if not OUTLET.fullmatch(outlet):
        raise BadAnswer(f"'outlet' must be a short name, got {outlet[:80]!r}")
    return Answer(id=answer_id(fields["id"]) if fields.get("id") else new_id(), card=card, language=language,
                  answer=value, reasons=tuple(sorted(set(reasons), key=REASONS.index)),
                  comment=scrubbed.text if scrubbed else "", needs_review=bool(scrubbed and scrubbed.needs_review),
                  answered_at=answered_at(fields.get("at"), now), outlet=outlet)
