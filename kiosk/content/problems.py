"""Content mistakes as plain lines: file, line, field, what was expected.

Content is edited by people who are not programmers, so every mistake must come back as one plain line,
never as a traceback. This module also turns pydantic's validation errors into those words.
"""

from __future__ import annotations

import dataclasses
import difflib
from pathlib import Path

from pydantic import BaseModel

from ..settings import PROJECT_DIR


@dataclasses.dataclass(frozen=True)
class Problem:
    """One content mistake: a single line, and for a syntax error the damaged line quoted under it."""

    path: Path
    line: int | None
    field: str
    message: str
    excerpt: str = ""

    def __str__(self) -> str:
        shown = display(self.path)
        where = f"{shown}:{self.line}" if self.line else shown
        field = f" field '{self.field}':" if self.field else ""
        return f"{where}:{field} {self.message}" + (f"\n{self.excerpt}" if self.excerpt else "")


def display(path: Path) -> str:
    """A path as the editor would type it: relative to the project (``content/cards/...``) where it is inside."""
    try:
        return str(Path(path).resolve().relative_to(PROJECT_DIR))
    except ValueError:
        return str(path)


class ContentError(Exception):
    """The content cannot be used; ``problems`` has one entry per mistake."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def report(self, where) -> list[str]:
        """The lines `kiosk check` prints: one per problem, then how many and where."""
        return [str(p) for p in self.problems] + [f"{len(self.problems)} problem(s) in {where}"]


def describe_error(error: dict, model: type[BaseModel]) -> str:
    kind, loc = error["type"], error["loc"]
    name = loc[-1] if loc else ""
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        guess = suggested_field(error, model)
        hint = f"; did you mean '{guess}'?" if guess else f"; expected one of: {', '.join(_known_fields(model, loc[:-1]))}"
        return f"is not a known field{hint}"
    if kind == "string_pattern_mismatch" and name == "slug":
        return "expected lower-case letters and digits joined by hyphens, e.g. 'think-the-unthinkable'"
    if kind == "string_pattern_mismatch" and name in ("from", "to"):
        return "expected a 24-hour time in quotes, e.g. \"17:00\""
    if kind == "string_too_short":
        return "is empty; expected some text"
    if kind == "too_short":
        return "is empty; expected at least one entry"
    if kind.startswith("date_"):
        return f"expected a date written YYYY-MM-DD, e.g. 2026-12-24, got {error['input']!r}"[:160]
    if kind == "value_error":  # our own model checks word the whole message
        return str(error["ctx"]["error"])
    if kind == "literal_error":
        return f"expected {error['ctx']['expected']}"
    if kind in ("string_type", "dict_type", "list_type", "int_type", "int_parsing", "model_type"):
        expected = {"string_type": "text", "dict_type": "a set of fields", "model_type": "a set of fields",
                    "list_type": "a list", "int_type": "a whole number", "int_parsing": "a whole number"}[kind]
        return f"expected {expected}, got {type(error['input']).__name__} {error['input']!r}"[:160]
    return error["msg"]


def suggested_field(error: dict, model: type[BaseModel]) -> str | None:
    """For an unknown field, the known field it is probably a misspelling of."""
    loc = error["loc"]
    guess = difflib.get_close_matches(str(loc[-1]), _known_fields(model, loc[:-1]), n=1)
    return guess[0] if guess else None


def _known_fields(model: type[BaseModel], loc: tuple) -> list[str]:
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return []
        annotation = field.annotation
        inner = getattr(annotation, "__args__", (annotation,))
        nested = next((a for a in inner if isinstance(a, type) and issubclass(a, BaseModel)), None)
        if nested is None:
            return []
        model = nested
    return [f.alias or name for name, f in model.model_fields.items()]
