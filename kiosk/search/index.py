"""The server's search index of one language, scored as MiniSearch scores in the browser.

Prefix and fuzzy matching, field boosts and BM25+ follow MiniSearch 7.2 (its npm package's dist/umd/index.js:
executeQuerySpec, termResults, calcBM25Score), with the options in rules.json, so the live app without
JavaScript, the live app with it and the static export put the same cards first.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field

from .normalise import normalise, rules, terms, word_spans, words

FIELDS = ("title", "summary", "points", "questions")


@dataclass(frozen=True)
class Document:
    """One card's searchable text in one language (English where a translation falls back)."""

    slug: str
    url: str
    title: str
    summary: str
    points: tuple[str, ...]
    questions: tuple[str, ...]

    def text(self, name: str) -> str:
        value = getattr(self, name)
        return "\n".join(value) if isinstance(value, tuple) else value

    def as_json(self) -> dict:
        return {"slug": self.slug, "url": self.url, "title": self.title, "summary": self.summary,
                "points": list(self.points), "questions": list(self.questions)}


@dataclass
class Result:
    document: Document
    score: float
    query_terms: list[str]  # the words of the query that matched
    terms: set[str] = field(default_factory=set)  # the card's (normalised) words that matched them


def within_distance(a: str, b: str, limit: int) -> int | None:
    """The edit distance between a and b if it is at most ``limit``, else None."""
    if abs(len(a) - len(b)) > limit:
        return None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return None
        previous = current
    return previous[-1] if previous[-1] <= limit else None


def deletions(term: str, distance: int) -> set[str]:
    """``term`` and every string made from it by leaving out up to ``distance`` letters: two terms within that
    edit distance share at least one of these."""
    found, layer = {term}, {term}
    for _ in range(distance):
        layer = {word[:i] + word[i + 1:] for word in layer for i in range(len(word))}
        found |= layer
    return found


class SearchIndex:
    def __init__(self, lang: str, documents: list[Document]):
        self.lang = lang
        self.documents = documents
        self._postings: dict[str, dict[str, dict[int, int]]] = {}  # term -> field -> document number -> count
        self._lengths: list[dict[str, int]] = []
        self._average = dict.fromkeys(FIELDS, 0.0)
        for number, document in enumerate(documents):
            lengths = {}
            for name in FIELDS:
                text = document.text(name)
                lengths[name] = len(set(words(text)))  # MiniSearch's field length: distinct words as written
                # a running mean, computed as MiniSearch does, so the scores agree to the last bit
                self._average[name] = (self._average[name] * number + lengths[name]) / (number + 1)
                for term in terms(text, lang):
                    counts = self._postings.setdefault(term, {}).setdefault(name, {})
                    counts[number] = counts.get(number, 0) + 1
            self._lengths.append(lengths)
        self._sorted_terms = sorted(self._postings)
        # every term with up to max_distance letters left out, for fuzzy matching without a scan of every term
        self._fuzzy_distance = rules()["fuzzy"]["max_distance"]
        self._deletions: dict[str, set[str]] = {}
        for term in self._sorted_terms:
            for variant in deletions(term, self._fuzzy_distance):
                self._deletions.setdefault(variant, set()).add(term)

    def query_terms(self, query: str) -> list[str]:
        return terms(query, self.lang)

    def search(self, query: str) -> list[Result]:
        """Cards matching any word of ``query``, best first."""
        combined: dict[int, Result] = {}
        for term in self.query_terms(query):
            for number, result in self._term_results(term).items():
                if number in combined:
                    combined[number].score += result.score
                    combined[number].terms |= result.terms
                    if term not in combined[number].query_terms:
                        combined[number].query_terms.append(term)
                else:
                    combined[number] = result
        for result in combined.values():
            result.score *= len(result.query_terms) or 1
        return sorted(combined.values(), key=lambda result: -result.score)

    def _term_results(self, term: str) -> dict[int, Result]:
        r = rules()
        weights, fuzzy = r["weights"], r["fuzzy"]
        results: dict[int, Result] = {}
        self._score(term, term, 1.0, results)
        prefixed = set()
        if len(term) >= r["prefix_min_length"]:
            start = bisect.bisect_left(self._sorted_terms, term)
            for derived in self._sorted_terms[start:]:
                if not derived.startswith(term):
                    break
                distance = len(derived) - len(term)
                if distance:
                    prefixed.add(derived)
                    weight = weights["prefix"] * len(derived) / (len(derived) + 0.3 * distance)
                    self._score(term, derived, weight, results)
        if re.search(fuzzy["pattern"], term) and len(term) >= fuzzy["min_length"]:
            candidates = set().union(*(self._deletions.get(v, ()) for v in deletions(term, self._fuzzy_distance)))
            for derived in sorted(candidates - prefixed):
                distance = within_distance(term, derived, self._fuzzy_distance)
                if distance:
                    self._score(term, derived, weights["fuzzy"] * len(derived) / (len(derived) + distance), results)
        return results

    def _score(self, source: str, derived: str, weight: float, results: dict[int, Result]) -> None:
        """MiniSearch's termResults: BM25+ per field, times the field's boost and the match's weight."""
        r = rules()
        k, b, d = r["bm25"]["k"], r["bm25"]["b"], r["bm25"]["d"]
        postings = self._postings.get(derived, {})
        for name in FIELDS:
            counts = postings.get(name)
            if not counts:
                continue
            matching = len(counts)
            idf = math.log(1 + (len(self.documents) - matching + 0.5) / (matching + 0.5))
            for number, frequency in counts.items():
                length, average = self._lengths[number][name], self._average[name]
                raw = idf * (d + frequency * (k + 1) / (frequency + k * (1 - b + b * length / average)))
                score = weight * r["boost"][name] * raw
                if number in results:
                    results[number].score += score
                    results[number].terms.add(derived)
                else:
                    results[number] = Result(self.documents[number], score, [source], {derived})


def marked_parts(text: str, matched: set[str], lang: str) -> list[tuple[str, bool]]:
    """``text`` in pieces, each with whether it is a matched word (to be shown in <mark>)."""
    parts, position = [], 0
    for start, end in word_spans(text):
        if normalise(text[start:end], lang) in matched:
            if start > position:
                parts.append((text[position:start], False))
            parts.append((text[start:end], True))
            position = end
    if position < len(text):
        parts.append((text[position:], False))
    return parts


def snippet(document: Document, matched: set[str], lang: str) -> str:
    """The text shown under a result's title: the summary, or the first point or question holding a match."""
    for text in (document.summary, *document.points, *document.questions):
        if matched & set(terms(text, lang)):
            return text
    return document.summary
