"""Contacts' hours as each language writes them (kiosk/i18n/__init__.py): the panel and the report page say when a
number answers, so a wrong hour, day or range sends a caller to a line that is closed."""

import pytest
from flask import g

from kiosk.content.schema import Hours
from kiosk.i18n import format_clock, format_hours


def hours(days, start, end) -> Hours:
    return Hours.model_validate({"days": days, "from": start, "to": end})


@pytest.fixture()
def in_language(app):
    """Runs a function as on a page in the given language."""
    def run(code, function, *args, **kwargs):
        with app.test_request_context(f"/{code}/"):
            g.lang = code
            return function(*args, **kwargs)
    return run


WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]


def test_english_writes_times_on_the_hour_as_am_and_pm(in_language):
    times = [in_language("en", format_clock, value) for value in ("00:00", "09:00", "12:00", "17:00", "24:00")]
    assert times == ["12am", "9am", "12pm", "5pm", "12am"]


def test_english_keeps_the_minutes_when_there_are_some(in_language):
    assert in_language("en", format_clock, "17:30") == "5:30\u202fPM"


def test_turkish_writes_a_24_hour_clock(in_language):
    times = [in_language("tr", format_clock, value) for value in ("00:00", "09:00", "17:00", "17:30", "24:00")]
    assert times == ["00:00", "09:00", "17:00", "17:30", "00:00"]


def test_a_run_of_three_days_or_more_is_first_to_last_in_any_order(in_language):
    assert in_language("en", format_hours, [hours(["fri", "mon", "thu", "tue", "wed"], "09:00", "17:00")]) == [
        "Monday to Friday, 9am to 5pm"]
    assert in_language("en", format_hours, [hours(["mon", "tue", "wed"], "17:00", "09:00")], short=True) == [
        "Mon to Wed, 5pm to 9am"]
    assert in_language("en", format_hours, [hours(["sun", "fri", "sat"], "09:00", "17:00")]) == [
        "Friday to Sunday, 9am to 5pm"]  # a run need not start on Monday


def test_two_days_or_days_apart_are_listed(in_language):
    assert in_language("en", format_hours, [hours(["sun", "sat"], "09:00", "12:00"),
                                            hours(["mon", "wed", "thu"], "08:30", "12:00")]) == [
        "Saturday and Sunday, 9am to 12pm", "Monday, Wednesday, and Thursday, 8:30\u202fAM to 12pm"]


def test_the_whole_day_is_any_time(in_language):
    assert in_language("en", format_hours, [hours(["sat", "sun"], "00:00", "24:00")]) == ["Saturday and Sunday, any time"]
    assert in_language("en", format_hours, [hours(["sat", "sun"], "00:00", "23:59")]) == [
        "Saturday and Sunday, 12am to 11:59\u202fPM"]


def test_turkish_hours_are_in_turkish_with_one_line_per_span(in_language):
    assert in_language("tr", format_hours, [hours(WEEKDAYS, "17:00", "09:00"), hours(["sat", "sun"], "00:00", "24:00")],
                       short=True) == ["Pzt – Cum, 17:00 – 09:00", "Cmt ve Paz, günün her saati"]


def test_the_pseudo_locale_marks_day_and_time_names_too():
    """Babel's day and time names bypass the catalogues; in the layout-review locale they are marked like the rest."""
    from kiosk import create_app

    app = create_app({"TESTING": True, "PSEUDO_LOCALE": True})
    with app.test_request_context("/en-XA/"):
        g.lang = "en-XA"
        weekdays, weekend = format_hours([hours(WEEKDAYS, "09:00", "17:00"), hours(["sat", "sun"], "00:00", "24:00")],
                                         short=True)
    assert "[Ṁöñ ǭǭ]" in weekdays and "[Ƒŕî ǭǭ]" in weekdays
    assert "[9àɱ ǭǭ]" in weekdays and "[5þɱ ǭǭ]" in weekdays
    assert "[Šàţ àñđ Šûñ ǭǭǭǭ ǭ]" in weekend


def test_arabic_joins_days_and_times_with_its_own_comma(in_language):
    assert in_language("ar", format_hours, [hours(WEEKDAYS, "09:00", "17:00")]) == [
        "من الاثنين إلى الجمعة، من 9:00 ص إلى 5:00 م"]
