"""YAML syntax errors in an editor's words, at the line where the damage is.

PyYAML reports where its parser gave up, which is often lines later (an unclosed bracket is found at the
next key, an unclosed quote at the end of the file) and in its own terms. This module finds the damaged line
and says what is wrong there: an unclosed bracket or quote, a tab, a colon in unquoted text, a missing space.
"""

from __future__ import annotations

import re

import yaml

_QUOTE_OPENS = re.compile(r"""^\s*(?:-\s+|[\w-]+:\s+)(["'])""")
_CLOSED_QUOTE = {'"': re.compile(r'"(?:[^"\\]|\\.)*"'), "'": re.compile(r"'(?:[^']|'')*'")}
_NO_SPACE_AFTER_COLON = re.compile(r"^\s*(?:-\s+)?[\w-]+:(?=\S)")
_DASH_WITHOUT_SPACE = re.compile(r"^\s*-[^\s-]")
_KEY = re.compile(r"^\s*(?:-\s+)?[\w-]+:(?:\s|$)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def explain(err: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int | None, int, str]:
    """(line, column, what is wrong) for a syntax error; line is 1-based, column 0-based."""
    problem, context = err.problem or "", err.context or ""
    at, since = err.problem_mark, err.context_mark
    if "'\\t'" in problem and at:
        return at.line + 1, at.column, "a tab is used for indentation here; YAML needs spaces"
    for opener, closer, kind in (("[", "]", "flow sequence"), ("{", "}", "flow mapping")):
        if kind in context and since:
            return since.line + 1, since.column, f"unclosed bracket: this '{opener}' has no matching '{closer}'"
    if "quoted scalar" in context and since:
        return since.line + 1, since.column, _unclosed_quote(lines[since.line][since.column])
    last = (at or since).line if (at or since) else len(lines) - 1
    quote = _first_unclosed_quote(lines[: last + 1])
    if quote:
        line, column = quote
        return line + 1, column, _unclosed_quote(lines[line][column])
    for mark in (at, since):  # 'Unthinkable's': the apostrophe ends the quoted text, and the rest is a puzzle
        column = _quote_closed_early(lines[mark.line]) if mark and mark.line < len(lines) else None
        if column is not None:
            return mark.line + 1, column, ("this quote ends the quoted text early; inside single quotes write an "
                                           "apostrophe as '' (two), inside double quotes write a quote as \\\"")
    if "could not find expected ':'" in problem and since:
        text = lines[since.line]
        found = _NO_SPACE_AFTER_COLON.match(text)
        if found:
            return since.line + 1, found.end() - 1, "a space is missing after the colon; write 'field: value'"
        return since.line + 1, _indent(text), "expected 'field: value' here; is the colon missing?"
    if "mapping values are not allowed" in problem and at:
        for index in (at.line, at.line - 1):  # a dash without its space turns the next line into the error
            if index >= 0 and _DASH_WITHOUT_SPACE.match(lines[index]):
                return index + 1, lines[index].index("-") + 1, "a space is missing after the '-' that starts a list item"
        text = lines[at.line]
        key = _KEY.match(text)
        if not key or at.column >= key.end():  # a colon past the line's own field, or in text carried on from above
            return at.line + 1, at.column, ("a colon followed by a space inside unquoted text; "
                                            "put the whole text in quotes")
        return at.line + 1, _indent(text), "this line is indented more than the field it belongs with"
    if "expected <block end>" in problem and at:
        return at.line + 1, _indent(lines[at.line]), "this line's indentation does not line up with the lines above it"
    mark = at or since
    wording = " ".join(part for part in (context, problem) if part)
    return (mark.line + 1 if mark else None), (mark.column if mark else 0), f"YAML syntax error: {wording}"


def excerpt(lines: list[str], line: int | None, column: int) -> str:
    """The damaged line, quoted with its number, and a caret under the place."""
    if not line or line > len(lines):
        return ""
    # a tab, or a control character, shown as one visible character: the caret stays in place, the terminal quiet
    text = _CONTROL.sub("\ufffd", lines[line - 1].replace("\t", "→"))
    start = max(0, min(column - 40, len(text) - 100))  # long lines: the 100 characters around the place
    shown = ("…" if start else "") + text[start:start + 100] + ("…" if len(text) > start + 100 else "")
    caret = min(column, len(text)) - start + (1 if start else 0)
    number = f"{line:>5} | "
    return f"{number}{shown}\n{' ' * (len(number) - 2)}| {' ' * caret}^"


def _first_unclosed_quote(lines: list[str]) -> tuple[int, int] | None:
    for index, text in enumerate(lines):
        opens = _QUOTE_OPENS.match(text)
        if opens and not _CLOSED_QUOTE[opens.group(1)].match(text, opens.start(1)):
            return index, opens.start(1)
    return None


def _quote_closed_early(text: str) -> int | None:
    """The column of the quote that closes a quoted value before its line ends (other than in a comment)."""
    opens = _QUOTE_OPENS.match(text)
    closed = opens and _CLOSED_QUOTE[opens.group(1)].match(text, opens.start(1))
    rest = text[closed.end():].strip() if closed else ""
    return closed.end() - 1 if rest and not rest.startswith("#") else None


def _unclosed_quote(quote: str) -> str:
    return f"unclosed quote: this {quote} has no closing {quote}"


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())
