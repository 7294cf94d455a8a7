"""Who to call now: which contacts answer at a given moment, from the hours in content/contacts.yaml.

Everything happens on the wall clock of the contacts' ``timezone`` (Europe/London), never the machine's own.
A bank holiday of ``bank_holidays`` (a subdivision of ``region``, from the ``holidays`` package) and each of the
``closures`` count as closed days: a contact with ``closed_days: open`` answers all through them, one with
``closed_days: closed`` does not answer at all, and the others keep their usual hours.

Nothing is marked when the content does not say how far its bank holidays are known (``hours_checked`` and
``hours_valid_until``), when the clock is before ``hours_checked`` (plainly wrong), or after
``hours_valid_until``. ``plan(contacts)`` is the same knowledge as plain data: the page carries it, and
static/js/open-now.js computes the same answer in the browser with the same rules.

``open_now(contacts)`` is the one small answer a page depends on (a tuple of contact ids, changing at most once a
minute): a cache of rendered pages keys on it. No Flask here.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo

from dateutil.relativedelta import relativedelta

from .content import DAYS, Contacts
from .content.bank_holidays import bank_holidays as known_bank_holidays

WARN_BEFORE = relativedelta(months=2)  # `kiosk check` warns this long before hours_valid_until


def _minutes(clock: str) -> int:
    hour, minute = clock.split(":")
    return int(hour) * 60 + int(minute)


def bank_holidays(contacts: Contacts) -> list[dt.date]:
    """The bank holidays between hours_checked and hours_valid_until, both included."""
    if not (contacts.bank_holidays and contacts.hours_checked and contacts.hours_valid_until):
        return []
    first, last = contacts.hours_checked, contacts.hours_valid_until
    days = known_bank_holidays(contacts.region, contacts.bank_holidays, range(first.year, last.year + 1)) or []
    return [day for day in days if first <= day <= last]


def plan(contacts: Contacts) -> dict | None:
    """What deciding needs, as JSON-ready data (dates ISO, clocks 'HH:MM'); None when nothing can be marked."""
    if not (contacts.hours_checked and contacts.hours_valid_until):
        return None
    closed = [[day.isoformat(), "00:00", "24:00"] for day in bank_holidays(contacts)]
    closed += [[c.date.isoformat(), c.start, c.end] for c in contacts.closures]
    return {
        "timezone": contacts.timezone,
        "from": contacts.hours_checked.isoformat(),
        "until": contacts.hours_valid_until.isoformat(),
        "closed": sorted(closed),
        "contacts": {c.id: {"hours": [[list(span.days), span.start, span.end] for span in c.hours],
                            "closedDays": c.closed_days}
                     for c in contacts.contacts if c.hours or c.closed_days},
    }


def _in_hours(hours: list, day: dt.date, minute: int) -> bool:
    """Whether a span covers this minute. A span whose `from` is later than its `to` ("Monday to Friday, 5pm to
    9am", as the panel shows it) covers, on each day listed, the early hours up to `to` and the evening from
    `from`: so 8am on a Monday is out of hours, as a reader of that line expects."""
    today = DAYS[day.weekday()]
    for days, start, end in hours:
        start, end = _minutes(start), _minutes(end)
        if today in days and (start <= minute < end if start < end else (minute >= start or minute < end)):
            return True
    return False


def open_at(schedule: dict | None, wall: dt.datetime) -> tuple[str, ...]:
    """The ids of the contacts with hours that answer at ``wall`` (a naive wall-clock time in the plan's zone)."""
    if schedule is None:
        return ()
    day, minute = wall.date(), wall.hour * 60 + wall.minute
    if not schedule["from"] <= day.isoformat() <= schedule["until"]:
        return ()
    closed = any(date == day.isoformat() and _minutes(start) <= minute < _minutes(end)
                 for date, start, end in schedule["closed"])
    answering = []
    for contact_id, contact in schedule["contacts"].items():
        if closed and contact["closedDays"]:
            is_open = contact["closedDays"] == "open"
        else:
            is_open = _in_hours(contact["hours"], day, minute)
        if is_open:
            answering.append(contact_id)
    return tuple(answering)


@functools.lru_cache(maxsize=8)
def _cached_plan(contacts_json: str) -> dict | None:
    return plan(Contacts.model_validate_json(contacts_json))


def plan_of(contacts: Contacts) -> dict | None:
    """plan(contacts), made once per content. Contacts hold lists, so they are not hashable; their JSON is, and
    stands for them in the cache. The plan is shared: read it, never change it."""
    return _cached_plan(contacts.model_dump_json(by_alias=True))


def open_now(contacts: Contacts, at: dt.datetime | None = None) -> tuple[str, ...]:
    """Who answers now (or at ``at``, an aware time): the ids of the contacts to mark, in content order."""
    zone = zoneinfo.ZoneInfo(contacts.timezone)
    moment = (at or dt.datetime.now(dt.timezone.utc)).astimezone(zone)
    return open_at(plan_of(contacts), moment.replace(tzinfo=None))


def plan_warnings(contacts: Contacts, today: dt.date) -> list[str]:
    """For `kiosk check`: the bank holidays run out soon (or have), or nothing can be marked at all."""
    until = contacts.hours_valid_until
    if until is None or contacts.hours_checked is None:
        return ["hours_checked and hours_valid_until are not both set, so no contact is marked as answering now"]
    if today > until:
        return [f"hours_valid_until ({until}) has passed: no contact is marked as answering now; check the hours "
                f"and closures, then set a later date"]
    if today >= until - WARN_BEFORE:
        return [f"hours_valid_until ({until}) is less than two months away: after it no contact is marked as "
                f"answering now; check the hours and closures, then set a later date"]
    return []
