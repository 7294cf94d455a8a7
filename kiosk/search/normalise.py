"""Search text, normalised so that case and accents do not matter, language by language.

The rules are data (rules.json beside this file), read here and sent to the browser inside each language's
search index, so static/js/search.js applies exactly the same steps. tests/search_cases.json holds the cases
both implementations are tested against.
"""

from __future__ import annotations

import functools
import json
import unicodedata
from collections.abc import Iterator
from pathlib import Path

RULES_FILE = Path(__file__).with_name("rules.json")
WORD_CATEGORIES = ("L", "M", "N")  # letters, marks and digits make words; anything else separates them


@functools.cache
def rules() -> dict:
    return json.loads(RULES_FILE.read_text(encoding="utf-8"))


def _kept_mark(ch: str, keep: list[list[str]]) -> bool:
    return any(low <= ch <= high for low, high in keep)


def normalise(text: str, lang: str) -> str:
    """``text`` as search compares it: lower-cased by the language's rules, without accents or Arabic vowel
    marks, tatweel or hamza forms, with Bengali vowel signs kept."""
    r = rules()
    for upper, lower in r["lowercase"].get(lang.split("-")[0], {}).items():
        text = text.replace(upper, lower)
    kept = []
    for ch in unicodedata.normalize("NFD", text.lower()):
        if unicodedata.category(ch) == "Mn" and not _kept_mark(ch, r["keep_marks"]):
            continue
        if ch in r["remove"]:
            continue
        kept.append(r["fold"].get(ch, ch))
    return unicodedata.normalize("NFC", "".join(kept))


def word_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each word in ``text``: runs of letters, marks and digits."""
    start = None
    for i, ch in enumerate(text):
        if unicodedata.category(ch)[0] in WORD_CATEGORIES:
            if start is None:
                start = i
        elif start is not None:
            yield start, i
            start = None
    if start is not None:
        yield start, len(text)


def words(text: str) -> list[str]:
    return [text[start:end] for start, end in word_spans(text)]


def terms(text: str, lang: str) -> list[str]:
    """The normalised words of ``text`` (words that normalise to nothing, such as a lone tatweel, dropped)."""
    return [term for term in (normalise(word, lang) for word in words(text)) if term]
