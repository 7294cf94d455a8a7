"""Who to call now in Chromium, on Playwright's clock: the page computes the mark itself in London time, keeps it
current each minute and when the page is shown again, and its words are shown (and heard) only where marked."""

from __future__ import annotations

import datetime as dt

import pytest

UTC = dt.timezone.utc

# The contacts marked in the panel and on the report page, and the visible "open now" words of each.
MARKS = """() => [...document.querySelectorAll('[data-contact]')].map(contact => {
  const words = contact.querySelector('.open-now');
  return [contact.closest('.report-panel') ? 'panel' : 'page', contact.dataset.contact, contact.dataset.open || '',
          getComputedStyle(words).visibility === 'visible' ? words.innerText.trim() : ''];
})"""


def marked(page) -> dict[str, set[str]]:
    """Where each contact is marked as answering now, with the words shown beside it."""
    found: dict[str, set[str]] = {"panel": set(), "page": set()}
    for where, contact, state, words in page.evaluate(MARKS):
        assert (state == "now") == bool(words), f"{where} {contact}: data-open={state!r} but words {words!r}"
        if state == "now":
            found[where].add(contact)
    return found


def at(page, moment: dt.datetime) -> None:
    """The device's clock jumps to ``moment`` and the page is shown again (as after the screen wakes)."""
    page.clock.set_system_time(moment)
    page.evaluate("() => window.dispatchEvent(new PageTransitionEvent('pageshow'))")


def test_the_report_page_marks_who_answers_at_each_kind_of_moment(open_page):
    page = open_page("phone")
    page.clock.install(time=dt.datetime(2026, 12, 10, 11, 0, tzinfo=UTC))
    page.goto("/en/report/")
    cases = [  # (UTC moment, who answers); London is UTC in winter, UTC+1 from 28 Mar to 31 Oct 2027
        (dt.datetime(2026, 12, 10, 11, 0), "mash"),            # a Thursday, in office hours
        (dt.datetime(2026, 12, 10, 22, 0), "out-of-hours"),    # that night
        (dt.datetime(2026, 12, 12, 12, 0), "out-of-hours"),    # a Saturday
        (dt.datetime(2026, 12, 28, 12, 0), "out-of-hours"),    # Boxing Day's substitute bank holiday
        (dt.datetime(2027, 3, 26, 12, 0), "out-of-hours"),     # Good Friday
        (dt.datetime(2026, 12, 11, 0, 0), "out-of-hours"),     # midnight
        (dt.datetime(2026, 12, 11, 9, 0), "mash"),             # 09:00 exactly
        (dt.datetime(2026, 12, 11, 17, 0), "out-of-hours"),    # 17:00 exactly
        (dt.datetime(2027, 3, 30, 8, 0), "mash"),              # 09:00 in summer time, after the missing hour
        (dt.datetime(2027, 3, 30, 7, 59), "out-of-hours"),
        (dt.datetime(2027, 10, 31, 0, 30), "out-of-hours"),    # the doubled hour (01:30 summer time)...
        (dt.datetime(2027, 10, 31, 1, 30), "out-of-hours"),    # ...and 01:30 again in winter time
        (dt.datetime(2027, 11, 1, 8, 30), "out-of-hours"),     # 08:30 in winter time again
        (dt.datetime(2027, 11, 1, 9, 0), "mash"),
    ]
    for moment, answering in cases:
        at(page, moment.replace(tzinfo=UTC))
        assert marked(page) == {"panel": {answering}, "page": {answering}}, moment


def test_a_clock_before_the_contents_date_or_past_the_known_bank_holidays_marks_nothing(open_page):
    page = open_page("phone")
    page.clock.install(time=dt.datetime(2024, 6, 5, 11, 0, tzinfo=UTC))
    page.goto("/en/")
    assert marked(page) == {"panel": set(), "page": set()}
    at(page, dt.datetime(2028, 1, 5, 11, 0, tzinfo=UTC))
    assert marked(page) == {"panel": set(), "page": set()}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_mark_moves_at_five_without_a_reload(open_page, lang):
    page = open_page("landscape-kiosk")
    page.clock.install(time=dt.datetime(2026, 12, 10, 16, 58, 30, tzinfo=UTC))
    page.goto(f"/{lang}/report/")
    assert marked(page) == {"panel": {"mash"}, "page": {"mash"}}
    words = page.locator(".report-panel .report-contact-mash .open-now")
    expected = {"en": "Open now", "ar": "متاح الآن"}[lang]
    assert words.inner_text().strip() == expected
    page.evaluate("() => { window.samePage = true; }")  # gone if the page were loaded again
    page.clock.run_for(60_000)  # 16:59:30
    assert marked(page) == {"panel": {"mash"}, "page": {"mash"}}
    page.clock.run_for(60_000)  # 17:00:30: the minute's timer has fired at 17:00
    assert marked(page) == {"panel": {"out-of-hours"}, "page": {"out-of-hours"}}
    assert page.evaluate("() => window.samePage") is True
