"""The staff's CSV of answers: UTF-8 with a byte-order mark (so Excel reads Turkish and Arabic), and every cell
that a spreadsheet would take for a formula (starting with = + - @, a tab or a carriage return) guarded by a
leading apostrophe, as OWASP ASVS asks."""

from __future__ import annotations

import csv
from typing import Iterable, TextIO

from .answer import Answer

COLUMNS = ["answered_at", "card", "language", "answer", "reasons", "comment", "needs_review", "outlet", "id"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ENCODING = "utf-8-sig"


def guarded(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def cells(answer: Answer) -> list[str]:
    return [guarded(value) for value in (
        answer.answered_at.strftime("%Y-%m-%d %H:%M"), answer.card, answer.language, answer.answer,
        " ".join(answer.reasons), answer.comment, "yes" if answer.needs_review else "no", answer.outlet, answer.id)]


def write_csv(answers: Iterable[Answer], stream: TextIO) -> int:
    """Write a header and one row per answer to ``stream`` (opened with ENCODING and newline=""); how many rows."""
    writer = csv.writer(stream)
    writer.writerow(COLUMNS)
    count = 0
    for answer in answers:
        writer.writerow(cells(answer))
        count += 1
    return count
