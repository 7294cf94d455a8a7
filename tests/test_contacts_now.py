"""Who to call now, on a frozen clock (time-machine): the real contacts.yaml, England's bank holidays, London time."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import pytest
import time_machine
import yaml

from kiosk import contacts_now, content
from kiosk.content.schema import Closure
from kiosk.cli import main
from tests.helpers import CONTENT_DIR

LONDON = zoneinfo.ZoneInfo("Europe/London")
MASH, OUT_OF_HOURS = ("mash",), ("out-of-hours",)


@pytest.fixture(scope="module")
def contacts():
    return content.load(CONTENT_DIR).contacts


def london(*parts, fold=0) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=LONDON, fold=fold)


@pytest.mark.parametrize(("moment", "answering"), [
    (london(2026, 12, 9, 11, 30), MASH),             # a Wednesday, in office hours
    (london(2026, 12, 9, 22, 0), OUT_OF_HOURS),      # the same night
    (london(2026, 12, 5, 12, 0), OUT_OF_HOURS),      # a Saturday
    (london(2026, 12, 28, 12, 0), OUT_OF_HOURS),     # Monday 28 Dec 2026: Boxing Day's substitute bank holiday
    (london(2026, 12, 29, 8, 59), OUT_OF_HOURS),     # the morning after it, still the night before's hours
    (london(2026, 12, 29, 9, 0), MASH),
    (london(2027, 3, 26, 11, 0), OUT_OF_HOURS),      # Good Friday 2027
    (london(2026, 12, 3, 0, 0), OUT_OF_HOURS),       # midnight on a weekday
    (london(2026, 12, 3, 8, 59), OUT_OF_HOURS),
    (london(2026, 12, 3, 9, 0), MASH),               # 09:00 exactly: the office is open
    (london(2026, 12, 3, 16, 59), MASH),
    (london(2026, 12, 3, 17, 0), OUT_OF_HOURS),      # 17:00 exactly: the office has closed
    (london(2026, 12, 7, 0, 0), OUT_OF_HOURS),       # midnight from Sunday to Monday
    (london(2026, 12, 7, 8, 30), OUT_OF_HOURS),      # Monday before 9am: "Monday to Friday, 5pm to 9am"
    (london(2027, 3, 29, 10, 0), OUT_OF_HOURS),      # Easter Monday 2027
], ids=lambda v: v.isoformat() if isinstance(v, dt.datetime) else "-".join(v))
def test_the_contact_answering_now_follows_the_hours_and_bank_holidays(contacts, moment, answering):
    with time_machine.travel(moment, tick=False):
        assert contacts_now.open_now(contacts) == answering


def test_the_clock_changes_are_read_on_london_time(contacts):
    # 28 Mar 2027, 01:00 GMT becomes 02:00 BST; 31 Oct 2027, 02:00 BST becomes 01:00 GMT: Sundays, so out of hours
    for moment in (dt.datetime(2027, 3, 28, 0, 59, tzinfo=dt.timezone.utc), dt.datetime(2027, 3, 28, 1, 0, tzinfo=dt.timezone.utc),
                   london(2027, 10, 31, 1, 30, fold=0), london(2027, 10, 31, 1, 30, fold=1)):
        with time_machine.travel(moment, tick=False):
            assert contacts_now.open_now(contacts) == OUT_OF_HOURS, moment
    # the first working day after each change (29 Mar 2027 is Easter Monday): 08:00 UTC is 09:00 in summer time,
    # still 08:00 in winter
    with time_machine.travel(dt.datetime(2027, 3, 30, 8, 0, tzinfo=dt.timezone.utc), tick=False):
        assert contacts_now.open_now(contacts) == MASH
    with time_machine.travel(dt.datetime(2027, 11, 1, 8, 0, tzinfo=dt.timezone.utc), tick=False):
        assert contacts_now.open_now(contacts) == OUT_OF_HOURS


def test_a_clock_before_the_contents_date_or_past_the_known_bank_holidays_marks_nothing(contacts):
    for moment in (london(2026, 12, 2, 11, 0), london(2028, 1, 5, 11, 0)):  # Wednesdays, in office hours
        with time_machine.travel(moment, tick=False):
            assert contacts_now.open_now(contacts) == ()
    with time_machine.travel(london(2027, 12, 31, 11, 0), tick=False):  # the last day known still counts
        assert contacts_now.open_now(contacts) == MASH  # Friday 31 Dec 2027 is a working day


def _contacts_with(content_copy, **changes):
    path = content_copy / "contacts.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_a_closure_for_part_of_a_day_hands_over_to_the_out_of_hours_team(content_copy):
    _contacts_with(content_copy, closures=[{"date": dt.date(2026, 12, 24), "from": "13:00", "note": "Christmas Eve"}])
    contacts = content.load(content_copy).contacts
    assert contacts_now.open_now(contacts, london(2026, 12, 24, 12, 59)) == MASH
    assert contacts_now.open_now(contacts, london(2026, 12, 24, 13, 0)) == OUT_OF_HOURS


def test_without_bank_holidays_the_office_keeps_its_hours_on_them(content_copy):
    path = content_copy / "contacts.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("bank_holidays: ENG\n", ""), encoding="utf-8")
    contacts = content.load(content_copy).contacts
    assert contacts_now.open_now(contacts, london(2026, 12, 28, 12, 0)) == MASH


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"closures": [{"date": "24 December", "from": "13:00"}]}, "closures[0].date", "expected a date written YYYY-MM-DD"),
    ({"closures": [{"date": dt.date(2026, 12, 24), "from": "17:00", "to": "13:00"}]}, "closures[0]", "must be earlier than"),
    ({"closures": [{"date": dt.date(2026, 12, 24), "form": "13:00"}]}, "closures[0].form", "did you mean 'from'?"),
    ({"bank_holidays": "XYZ"}, "bank_holidays", "is not a subdivision of region GB"),
    ({"hours_valid_until": dt.date(2026, 1, 1)}, "hours_valid_until", "is before hours_checked"),
])
def test_kiosk_check_names_file_line_and_field_of_a_bad_closed_day(content_copy, capsys, changes, field, words):
    _contacts_with(content_copy, **changes)
    assert main(["check", "--content", str(content_copy)]) == 1
    err = capsys.readouterr().err
    assert re.search(rf"contacts\.yaml:\d+: field '{re.escape(field)}': .*{re.escape(words)}", err), err


def test_kiosk_check_warns_two_months_before_the_bank_holidays_run_out(capsys):
    with time_machine.travel(london(2027, 10, 30, 12, 0), tick=False):
        assert main(["check", "--content", str(CONTENT_DIR)]) == 0
        assert capsys.readouterr().err == ""
    with time_machine.travel(london(2027, 11, 1, 12, 0), tick=False):
        assert main(["check", "--content", str(CONTENT_DIR)]) == 0
        assert "hours_valid_until (2027-12-31) is less than two months away" in capsys.readouterr().err


def test_the_browser_gets_the_bank_holidays_as_data(contacts):
    plan = contacts_now.plan_of(contacts)
    closed = {date for date, start, end in plan["closed"] if (start, end) == ("00:00", "24:00")}
    assert {"2026-12-25", "2026-12-28", "2027-03-26", "2027-12-27", "2027-12-28"} <= closed
    assert (plan["timezone"], plan["from"], plan["until"]) == ("Europe/London", "2026-12-03", "2027-12-31")
    assert set(plan["contacts"]) == {"mash", "out-of-hours"}


@pytest.mark.parametrize(("moment", "answering"), [(london(2026, 12, 10, 11, 0), "mash"),
                                                   (london(2026, 12, 28, 11, 0), "out-of-hours")])
def test_pages_mark_who_answers_now_with_words_in_the_panel_and_on_the_report_page(client, moment, answering):
    with time_machine.travel(moment, tick=False):
        for path in ("/en/", "/en/report/", "/tr/report/"):
            html = client.get(path).get_data(as_text=True)
            marks = re.findall(r'data-contact="([a-z-]+)"( data-open="now")?', html)
            expected = [(answering, ' data-open="now"')] * (2 if "report" in path else 1)
            assert [m for m in marks if m[1]] == expected, path
            assert "data-open-plan=" in html
    assert "Şu an açık" in html


def test_the_browser_gets_each_contacts_hours_and_what_a_closed_day_means(contacts):
    plan = contacts_now.plan(contacts)
    assert plan["contacts"] == {
        "mash": {"hours": [[["mon", "tue", "wed", "thu", "fri"], "09:00", "17:00"]], "closedDays": "closed"},
        "out-of-hours": {"hours": [[["mon", "tue", "wed", "thu", "fri"], "17:00", "09:00"],
                                   [["sat", "sun"], "00:00", "24:00"]], "closedDays": "open"},
    }
    assert plan["closed"] == sorted(plan["closed"])
    assert ["2026-12-25", "00:00", "24:00"] in plan["closed"]
    assert (plan["timezone"], plan["from"], plan["until"]) == ("Europe/London", "2026-12-03", "2027-12-31")


def test_a_closure_reaches_the_browser_with_its_hours(contacts):
    afternoon = contacts.model_copy(update={"closures": [
        Closure.model_validate({"date": "2026-12-24", "from": "13:00", "to": "24:00"})]})
    assert ["2026-12-24", "13:00", "24:00"] in contacts_now.plan(afternoon)["closed"]


@pytest.mark.parametrize("missing", ["hours_checked", "hours_valid_until"])
def test_without_both_dates_the_browser_gets_no_plan_and_kiosk_check_says_why(contacts, missing):
    partial = contacts.model_copy(update={missing: None})
    assert contacts_now.plan(partial) is None
    [warning] = contacts_now.plan_warnings(partial, dt.date(2027, 1, 1))
    assert warning.startswith("hours_checked and hours_valid_until are not both set")


@pytest.mark.parametrize(("today", "warned"), [
    (dt.date(2027, 10, 30), None),                              # two months and a day before 31 Dec
    (dt.date(2027, 10, 31), "less than two months away"),       # two months before exactly
    (dt.date(2027, 12, 31), "less than two months away"),       # the last valid day
    (dt.date(2028, 1, 1), "has passed"),
])
def test_kiosk_check_warns_from_two_months_before_the_hours_run_out(contacts, today, warned):
    warnings = contacts_now.plan_warnings(contacts, today)
    if warned is None:
        assert warnings == []
    else:
        [warning] = warnings
        assert warning.startswith("hours_valid_until (2027-12-31)") and warned in warning, warning


def test_englands_bank_holidays_are_englands_and_count_from_the_first_day_to_the_last(contacts):
    days = contacts_now.bank_holidays(contacts)
    assert dt.date(2027, 3, 29) in days          # Easter Monday: England's, not Scotland's
    assert dt.date(2027, 11, 30) not in days     # St Andrew's Day: Scotland's only
    assert days == sorted(days)
    both_ends = contacts.model_copy(update={"hours_checked": dt.date(2026, 12, 25),
                                            "hours_valid_until": dt.date(2027, 12, 28)})
    days = contacts_now.bank_holidays(both_ends)
    assert (days[0], days[-1]) == (dt.date(2026, 12, 25), dt.date(2027, 12, 28))


@pytest.mark.parametrize("missing", ["bank_holidays", "hours_checked", "hours_valid_until"])
def test_no_bank_holidays_without_a_calendar_or_both_dates(contacts, missing):
    assert contacts_now.bank_holidays(contacts.model_copy(update={missing: None})) == []


def test_a_contact_with_hours_but_no_word_on_closed_days_is_still_marked(contacts):
    mash = next(c for c in contacts.contacts if c.id == "mash").model_copy(update={"closed_days": None})
    others = [c for c in contacts.contacts if c.id != "mash"]
    assert "mash" in contacts_now.plan(contacts.model_copy(update={"contacts": [mash, *others]}))["contacts"]


# A plan as the browser gets it, written out: half-hour clocks and a closure of part of an afternoon.
HALF_HOURS = {"timezone": "Europe/London", "from": "2026-12-01", "until": "2027-12-31",
              "closed": [["2026-12-24", "13:00", "15:00"]],
              "contacts": {"office": {"hours": [[["mon", "tue", "wed", "thu", "fri"], "09:30", "17:30"]],
                                      "closedDays": "closed"}}}


@pytest.mark.parametrize(("wall", "answering"), [
    (dt.datetime(2026, 12, 9, 9, 29), ()),
    (dt.datetime(2026, 12, 9, 9, 30), ("office",)),
    (dt.datetime(2026, 12, 9, 17, 29), ("office",)),
    (dt.datetime(2026, 12, 9, 17, 30), ()),
    (dt.datetime(2026, 12, 24, 12, 59), ("office",)),   # Christmas Eve morning: open
    (dt.datetime(2026, 12, 24, 13, 0), ()),             # the afternoon closure
    (dt.datetime(2026, 12, 24, 15, 0), ("office",)),    # open again when it ends
])
def test_clocks_on_the_half_hour_and_a_closure_end_where_they_say(wall, answering):
    assert contacts_now.open_at(HALF_HOURS, wall) == answering


def test_a_span_from_midnight_to_midnight_covers_the_whole_day():
    # as static/js/open-now.js reads it too: a span whose end is not after its start runs round the clock
    all_saturday = {**HALF_HOURS, "contacts": {"line": {"hours": [[["sat"], "00:00", "00:00"]], "closedDays": None}}}
    for hour in (0, 12, 23):
        assert contacts_now.open_at(all_saturday, dt.datetime(2026, 12, 12, hour, 0)) == ("line",)
    assert contacts_now.open_at(all_saturday, dt.datetime(2026, 12, 11, 12, 0)) == ()
