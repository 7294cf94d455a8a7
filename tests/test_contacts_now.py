"""Who to call now, on a frozen clock (time-machine): the real contacts.yaml, England's bank holidays, London time."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import pytest
import time_machine
import yaml

from kiosk import contacts_now, content
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
