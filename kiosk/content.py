"""Load and validate the YAML content: cards, contacts and the report page.

Content is edited by people who are not programmers, so every mistake must come back as one plain line
naming the file, the line, the field and what was expected, never as a traceback. The schema lives in
pydantic models; this module turns their errors into those lines.
"""

from __future__ import annotations

import dataclasses
import difflib
from pathlib import Path
from typing import Annotated, Literal

import phonenumbers
import yaml
from phonenumbers import shortnumberinfo
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator, model_validator

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
Clock = Annotated[str, StringConstraints(pattern=r"^([01]\d|2[0-3]):[0-5]\d$|^24:00$")]
Day = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class Msg(str):
    """A piece of English content that is also a gettext msgid, carrying its message context.

    The context names where the string lives (``card-slug|field``) so translators see it and
    identical English in two places can be translated differently.
    """

    context: str = ""
    comment: str = ""
    loc: tuple = ()  # where it sits in its file, e.g. ("points", 2, "text"), for line numbers

    @classmethod
    def of(cls, text: str, context: str, comment: str = "", loc: tuple = ()) -> Msg:
        msg = cls(text)
        msg.context, msg.comment, msg.loc = context, comment, loc
        return msg


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _attach(model: BaseModel, field: str, context: str, comment: str, loc: tuple) -> None:
    """Turn a validated text field into a Msg, so templates can translate it with its context."""
    object.__setattr__(model, field, Msg.of(getattr(model, field), context, comment, loc))


class Source(Strict):
    id: Text
    title: Text
    publisher: Text
    year: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    url: Text | None = None
    note: Text | None = None

    @field_validator("year", mode="before")
    @classmethod
    def year_as_text(cls, value):
        return str(value) if isinstance(value, int) else value


class Point(Strict):
    text: Text
    sources: list[Text] = []


class Card(Strict):
    slug: Slug
    group: Literal["key-message", "poster-theme"]
    order: Annotated[int, Field(ge=1)]
    title: Text
    summary: Text
    points: Annotated[list[Point], Field(min_length=1)]
    questions: list[Text] = []
    sources: Annotated[list[Source], Field(min_length=1)]
    translator_note: Text | None = None

    @model_validator(mode="after")
    def attach_contexts(self):
        note = self.translator_note or ""
        _attach(self, "title", f"{self.slug}|title", note, ("title",))
        _attach(self, "summary", f"{self.slug}|summary", note, ("summary",))
        for i, point in enumerate(self.points):
            _attach(point, "text", f"{self.slug}|points[{i}]", note, ("points", i, "text"))
        object.__setattr__(self, "questions", [
            Msg.of(q, f"{self.slug}|questions[{i}]", note, ("questions", i)) for i, q in enumerate(self.questions)])
        return self

    def messages(self) -> list[Msg]:
        return [self.title, self.summary, *(p.text for p in self.points), *self.questions]


class Hours(Strict):
    days: Annotated[list[Day], Field(min_length=1)]
    start: Clock = Field(alias="from")
    end: Clock = Field(alias="to")


class Contact(Strict):
    id: Slug
    label: Text
    name: Text
    when: Text
    number: Text
    hours: list[Hours] = []  # empty means any time


class Contacts(Strict):
    region: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
    timezone: Text
    contacts: Annotated[list[Contact], Field(min_length=1)]

    @model_validator(mode="after")
    def attach_contexts(self):
        notes = {"label": "A few words beside the number in the report-a-concern panel on every page.",
                 "when": "Who should call this number; a heading on the report-a-concern page.",
                 "name": "Who answers this number."}
        for i, contact in enumerate(self.contacts):
            for field, note in notes.items():
                _attach(contact, field, f"contacts|{contact.id}|{field}", note, ("contacts", i, field))
        return self

    def messages(self) -> list[Msg]:
        return [m for c in self.contacts for m in (c.label, c.when, c.name)]


class ReportSection(Strict):
    heading: Text
    paragraphs: Annotated[list[Text], Field(min_length=1)]


class Report(Strict):
    title: Text
    intro: Text
    sections: list[ReportSection] = []
    sources: Annotated[list[Source], Field(min_length=1)]

    @model_validator(mode="after")
    def attach_contexts(self):
        _attach(self, "title", "report|title", "", ("title",))
        _attach(self, "intro", "report|intro", "", ("intro",))
        for i, section in enumerate(self.sections):
            _attach(section, "heading", f"report|sections[{i}]|heading", "", ("sections", i, "heading"))
            object.__setattr__(section, "paragraphs", [
                Msg.of(p, f"report|sections[{i}]|paragraphs[{j}]", "", ("sections", i, "paragraphs", j))
                for j, p in enumerate(section.paragraphs)])
        return self

    def messages(self) -> list[Msg]:
        return [self.title, self.intro, *(m for s in self.sections for m in (s.heading, *s.paragraphs))]


@dataclasses.dataclass(frozen=True)
class Problem:
    """One content mistake, printable as a single line."""

    path: Path
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        field = f" field '{self.field}':" if self.field else ""
        return f"{where}:{field} {self.message}"


class ContentError(Exception):
    """The content cannot be used; ``problems`` has one entry per mistake."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def report(self, where) -> list[str]:
        """The lines `kiosk check` prints: one per problem, then how many and where."""
        return [str(p) for p in self.problems] + [f"{len(self.problems)} problem(s) in {where}"]


@dataclasses.dataclass(frozen=True)
class Phone:
    """A contact number as shown (national format) and as dialled (tel: URI)."""

    display: str
    tel: str


@dataclasses.dataclass(frozen=True)
class Library:
    """All validated content, ready for the views."""

    cards: dict[str, Card]  # by slug, in display order
    contacts: Contacts
    phones: dict[str, Phone]  # by contact id
    report: Report

    def group(self, name: str) -> list[Card]:
        return [card for card in self.cards.values() if card.group == name]

    def messages(self) -> list[Msg]:
        """Every translatable string in the content, for extraction."""
        msgs = [m for card in self.cards.values() for m in card.messages()]
        return msgs + self.contacts.messages() + self.report.messages()


# --- reading YAML with line numbers -------------------------------------------------------------


def read_yaml(path: Path) -> tuple[object, dict[tuple, int], list[Problem]]:
    """Parse one file, returning the data, the line of every key path, and any problems."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        return None, {}, [Problem(path, None, "", f"is not UTF-8 text ({err.reason} at byte {err.start})")]
    try:
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        what = " ".join(part for part in (err.context, err.problem) if part)
        return None, {}, [Problem(path, line, "", f"YAML syntax error: {what}")]
    lines: dict[tuple, int] = {}
    problems: list[Problem] = []
    if node is not None:
        _index_lines(path, node, (), lines, problems)
    return data, lines, problems


def _index_lines(path, node, prefix, lines, problems):
    lines[prefix] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                problems.append(Problem(path, key_node.start_mark.line + 1, _dotted(prefix + (key,)), "appears twice; keep one"))
            seen.add(key)
            _index_lines(path, value_node, prefix + (key,), lines, problems)
            lines[prefix + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index_lines(path, item, prefix + (i,), lines, problems)


def _dotted(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def line_for(lines: dict[tuple, int], loc: tuple) -> int | None:
    while loc not in lines and loc:
        loc = loc[:-1]
    return lines.get(loc)


def _describe(error: dict, model: type[BaseModel]) -> str:
    kind, loc = error["type"], error["loc"]
    name = loc[-1] if loc else ""
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        known = _known_fields(model, loc[:-1])
        guess = difflib.get_close_matches(str(name), known, n=1)
        hint = f"; did you mean '{guess[0]}'?" if guess else f"; expected one of: {', '.join(known)}"
        return f"is not a known field{hint}"
    if kind == "string_pattern_mismatch" and name == "slug":
        return "expected lower-case letters and digits joined by hyphens, e.g. 'think-the-unthinkable'"
    if kind == "string_pattern_mismatch" and name in ("from", "to"):
        return "expected a 24-hour time in quotes, e.g. \"17:00\""
    if kind == "string_too_short":
        return "is empty; expected some text"
    if kind == "too_short":
        return "is empty; expected at least one entry"
    if kind == "literal_error":
        return f"expected {error['ctx']['expected']}"
    if kind in ("string_type", "dict_type", "list_type", "int_type", "int_parsing", "model_type"):
        expected = {"string_type": "text", "dict_type": "a set of fields", "model_type": "a set of fields",
                    "list_type": "a list", "int_type": "a whole number", "int_parsing": "a whole number"}[kind]
        return f"expected {expected}, got {type(error['input']).__name__} {error['input']!r}"[:160]
    return error["msg"]


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
        for error in err.errors():
            loc = error["loc"]
            problems.append(Problem(path, line_for(lines, loc), _dotted(loc), _describe(error, model)))
        return None, lines, problems


# --- cross-file and semantic checks ---------------------------------------------------------------


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


def phone_for(number: str, region: str) -> Phone | None:
    """A tel: link in international form; emergency short numbers are dialled as they are."""
    compact = "".join(ch for ch in number if ch.isdigit() or ch == "+")
    if shortnumberinfo.is_emergency_number(compact, region):
        return Phone(number, f"tel:{compact}")
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return Phone(number, "tel:" + phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))


def _check_contacts(path: Path, contacts: Contacts, lines: dict) -> tuple[dict[str, Phone], list[Problem]]:
    problems, phones = [], {}
    try:
        import zoneinfo

        zoneinfo.ZoneInfo(contacts.timezone)
    except Exception:
        problems.append(Problem(path, line_for(lines, ("timezone",)), "timezone",
                                f"'{contacts.timezone}' is not a known time zone; expected e.g. Europe/London"))
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
    by_slug: dict[str, Path] = {}
    for path, card, lines in cards:
        if card.slug in by_slug:
            problems.append(Problem(path, line_for(lines, ("slug",)), "slug",
                                    f"'{card.slug}' is already used by {by_slug[card.slug]}; slugs must be unique"))
        by_slug.setdefault(card.slug, path)

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
    ordered = sorted((card for _, card, _ in cards), key=lambda c: (c.group != "key-message", c.order, c.slug))
    return Library(cards={c.slug: c for c in ordered}, contacts=contacts, phones=phones, report=report)

