"""Content mistakes in plain words: pydantic's validation errors turned into `Problem` lines (kiosk.problems)."""

from __future__ import annotations

import difflib

from pydantic import BaseModel

from ..problems import Problem, ProblemError, display

__all__ = ["ContentError", "Problem", "describe_error", "display", "suggested_field"]


class ContentError(ProblemError):
    """The content cannot be used; ``problems`` has one entry per mistake."""

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
    if kind == "string_pattern_mismatch" and name == "region":
        return "expected a country's two-letter code in capitals, e.g. GB"
    if kind == "string_pattern_mismatch" and name == "bank_holidays":
        return "expected a part of the country by its code in capitals, e.g. ENG for England"
    if kind == "string_too_short":
        return "is empty; expected some text"
    if kind == "too_short":
        return "is empty; expected at least one entry"
    if kind.startswith("date_"):
        return f"expected a date written YYYY-MM-DD, e.g. 2026-12-24, got {error['input']!r}"[:160]
    if kind == "value_error":  # our own model checks word the whole message
        return str(error["ctx"]["error"])
    if kind == "int_from_float":
        return f"expected a whole number, got {error['input']!r}"
    if kind == "greater_than_equal":
        return f"expected {error['ctx']['ge']} or more, got {error['input']!r}"
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
