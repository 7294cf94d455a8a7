"""The content schema: what a card, the contacts and the report page may hold (pydantic models).

Every English text that is shown becomes a ``Msg``: a gettext msgid that carries its message context.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
Clock = Annotated[str, StringConstraints(pattern=r"^([01]\d|2[0-3]):[0-5]\d$|^24:00$")]
Day = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
KEY_MESSAGE, POSTER_THEME = "key-message", "poster-theme"  # the two groups of cards, as written in content
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
    group: Literal[KEY_MESSAGE, POSTER_THEME]
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
    closed_days: Literal["open", "closed"] | None = None  # on a bank holiday or a closure: all day, or not at all


class Closure(Strict):
    """A day (or part of one) when the office is closed, beyond the bank holidays: it counts as a closed day."""

    date: dt.date
    start: Clock = Field("00:00", alias="from")
    end: Clock = Field("24:00", alias="to")
    note: Text | None = None  # for the content owner only; never shown

    @model_validator(mode="after")
    def start_before_end(self):
        if self.start >= self.end:
            raise ValueError(f"'from' ({self.start}) must be earlier than 'to' ({self.end}) on the same day")
        return self


class Contacts(Strict):
    region: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
    timezone: Text
    partnership: Text | None = None  # whose numbers these are, by its own name (posters print it, untranslated)
    bank_holidays: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2,3}$")] | None = None  # subdivision of region
    hours_checked: dt.date | None = None  # the content's date: a clock before it is plainly wrong
    hours_valid_until: dt.date | None = None  # bank holidays are known to this date; after it nothing is marked
    closures: list[Closure] = []
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
