"""Load and validate the YAML content: cards, contacts and the report page.

``load(content_dir)`` gives a ``Library`` or raises ``ContentError`` with one ``Problem`` per mistake.
The schema is in ``schema``, the wording of mistakes in ``problems``, YAML reading with line numbers in
``yaml_file``, phone numbers in ``phones``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from pydantic import BaseModel, ValidationError

from .phones import Phone, phone_for
from .problems import ContentError, Problem, describe_error, display, suggested_field
from .schema import DAYS, KEY_MESSAGE, POSTER_THEME, Card, Contacts, Hours, Msg, Report
from .yaml_file import dotted, line_for, read_yaml

__all__ = ["DAYS", "KEY_MESSAGE", "POSTER_THEME", "Card", "ContentError", "Contacts", "Hours", "Library", "Msg", "Phone", "Problem", "Report",
           "line_for", "load", "load_file", "model_for", "phone_for", "read_yaml"]


@dataclasses.dataclass(frozen=True)
class Library:
    """All validated content, ready for the views."""

    cards: dict[str, Card]  # by slug, in display order
    contacts: Contacts
    phones: dict[str, Phone]  # by contact id
    report: Report

    def group(self, name: str) -> list[Card]:
        return [card for card in self.cards.values() if card.group == name]


def _validate(path: Path, model: type[BaseModel]):
    """Returns (model or None, key-path-to-line map, problems)."""
    if not path.exists():
        return None, {}, [Problem(path, None, "", f"is missing; expected a {model.__name__.lower()} file")]
    data, lines, problems = read_yaml(path)
    if problems:
        return None, lines, problems
    if not isinstance(data, dict):
        return None, lines, [Problem(path, 1, "", f"expected a set of fields (a YAML mapping) for a {model.__name__.lower()}")]
    try:
        return model.model_validate(data), lines, []
    except ValidationError as err:
        errors = err.errors()
        # a misspelt field is one mistake: "did you mean 'title'?" says it all, so no "'title' is missing" too
        misspelt = {(*e["loc"][:-1], suggested_field(e, model)) for e in errors if e["type"] == "extra_forbidden"}
        for error in errors:
            loc = error["loc"]
            if error["type"] == "missing" and tuple(loc) in misspelt:
                continue
            problems.append(Problem(path, line_for(lines, loc), dotted(loc), describe_error(error, model)))
        return None, lines, problems


# --- cross-file and semantic checks ---------------------------------------------------------------


def _unique(cards: list[tuple[Path, Card, dict]], field: str, key) -> list[Problem]:
    """Two cards with the same slug or title: named at the second, with the first's file."""
    problems: list[Problem] = []
    first: dict[str, Path] = {}
    for path, card, lines in cards:
        if key(card) in first:
            problems.append(Problem(path, line_for(lines, (field,)), field,
                                    f"'{getattr(card, field)}' is already used by {display(first[key(card)])}; "
                                    f"each card needs its own {field}"))
        first.setdefault(key(card), path)
    return problems


def _check_card(path: Path, card: Card, lines: dict) -> list[Problem]:
    problems = []
    ids = [s.id for s in card.sources]
    for dup in {i for i in ids if ids.count(i) > 1}:
        problems.append(Problem(path, None, "sources", f"id '{dup}' is used twice; each source needs its own id"))
    for i, point in enumerate(card.points):
        for ref in point.sources:
            if ref not in ids:
                problems.append(Problem(path, line_for(lines, ("points", i, "sources")), f"points[{i}].sources",
                                        f"'{ref}' is not the id of any entry in this card's sources ({', '.join(ids)})"))
    return problems


def _check_contacts(path: Path, contacts: Contacts, lines: dict) -> tuple[dict[str, Phone], list[Problem]]:
    problems, phones = [], {}
    try:
        import zoneinfo

        zoneinfo.ZoneInfo(contacts.timezone)
    except Exception:
        problems.append(Problem(path, line_for(lines, ("timezone",)), "timezone",
                                f"'{contacts.timezone}' is not a known time zone; expected e.g. Europe/London"))
    problems += _check_closed_days(path, contacts, lines)
    for i, contact in enumerate(contacts.contacts):
        phone = phone_for(contact.number, contacts.region)
        if phone is None:
            problems.append(Problem(path, line_for(lines, ("contacts", i, "number")), f"contacts[{i}].number",
                                    f"'{contact.number}' is not a valid phone number in region {contacts.region}"))
        elif contact.id in phones:
            problems.append(Problem(path, line_for(lines, ("contacts", i, "id")), f"contacts[{i}].id",
                                    f"'{contact.id}' is used twice"))
        else:
            phones[contact.id] = phone
    return phones, problems


def _check_closed_days(path: Path, contacts: Contacts, lines: dict) -> list[Problem]:
    """The bank holidays' subdivision exists, and the dates that bound them are in order."""
    problems = []
    if contacts.bank_holidays:
        from .bank_holidays import bank_holidays

        if bank_holidays(contacts.region, contacts.bank_holidays, range(2026, 2027)) is None:
            problems.append(Problem(path, line_for(lines, ("bank_holidays",)), "bank_holidays",
                                    f"'{contacts.bank_holidays}' is not a subdivision of region {contacts.region} "
                                    f"with known bank holidays; expected e.g. ENG for England"))
    first, last = contacts.hours_checked, contacts.hours_valid_until
    if (first is None) != (last is None):
        field = "hours_valid_until" if first else "hours_checked"
        problems.append(Problem(path, None, field, "is missing; hours_checked and hours_valid_until go together"))
    elif first and last and first > last:
        problems.append(Problem(path, line_for(lines, ("hours_valid_until",)), "hours_valid_until",
                                f"({last}) is before hours_checked ({first})"))
    return problems


def model_for(path: Path) -> type[BaseModel]:
    """Which schema a content file follows, from where it lives."""
    return {"contacts.yaml": Contacts, "report.yaml": Report}.get(Path(path).name, Card)


def load_file(path: Path) -> tuple[BaseModel, dict[tuple, int]]:
    """One content file, validated, with the line of every field; raises ContentError."""
    item, lines, problems = _validate(Path(path), model_for(path))
    if problems:
        raise ContentError(problems)
    return item, lines


def load(content_dir: Path) -> Library:
    """Read and validate everything under ``content_dir``; raise ContentError listing every problem."""
    content_dir = Path(content_dir)
    problems: list[Problem] = []
    cards: list[tuple[Path, Card, dict]] = []
    card_files = sorted((content_dir / "cards").glob("*.yaml"))
    if not card_files:
        problems.append(Problem(content_dir / "cards", None, "", "has no .yaml card files"))
    for path in card_files:
        card, lines, found = _validate(path, Card)
        problems += found
        if card is not None:
            problems += _check_card(path, card, lines)
            cards.append((path, card, lines))
    problems += _unique(cards, "slug", lambda card: card.slug)
    problems += _unique(cards, "title", lambda card: " ".join(card.title.casefold().split()))

    contacts_path = content_dir / "contacts.yaml"
    contacts, lines, found = _validate(contacts_path, Contacts)
    problems += found
    phones = {}
    if contacts is not None:
        phones, found = _check_contacts(contacts_path, contacts, lines)
        problems += found

    report, _, found = _validate(content_dir / "report.yaml", Report)
    problems += found

    if problems:
        raise ContentError(problems)
    ordered = sorted((card for _, card, _ in cards), key=lambda c: (c.group != KEY_MESSAGE, c.order, c.slug))
    return Library(cards={c.slug: c for c in ordered}, contacts=contacts, phones=phones, report=report)

