"""Pages served for the kiosk window carry the idle notice and the staff exit; pages served to anyone else do not."""

import re
from html import unescape

import pytest

from tests.helpers import static_url

from kiosk import create_app
from kiosk.shell import backend


@pytest.fixture(scope="module")
def kiosk_client():
    app = create_app({"TESTING": True, "KIOSK_SHELL": True, "IDLE_SECONDS": 45, "IDLE_WARNING_SECONDS": 25})
    return app.test_client()


@pytest.mark.parametrize("path", ["/en/", "/en/themes/child-neglect/", "/en/report/", "/en/no-such-page/"])
def test_kiosk_pages_have_the_idle_notice_and_the_staff_exit(kiosk_client, path):
    html = kiosk_client.get(path).get_data(as_text=True)
    notice = re.search(r'<dialog id="idle-notice"[^>]*>', html).group(0)
    assert 'data-idle-seconds="45"' in notice and 'data-warning-seconds="25"' in notice and 'data-home="/en/"' in notice
    assert "I'm still here" in unescape(html) and '<dialog id="staff-exit"' in html
    app = kiosk_client.application
    assert all(f'<script src="{static_url(app, name)}" defer>' in html for name in ("js/idle-reset.js", "js/staff-exit.js"))
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html) and " style=" not in html


def test_pages_outside_the_kiosk_window_have_neither(client):
    html = client.get("/en/").get_data(as_text=True)
    assert "idle-notice" not in html and "staff-exit" not in html and "kiosk-shell.css" not in html


@pytest.mark.parametrize("path", ["/en/", "/en/themes/child-neglect/"])
def test_the_kiosk_window_keeps_nothing_offline_while_a_browser_does(kiosk_client, client, path):
    """The kiosk's server is on the same machine, and its fail-safe page covers one that stops: a service worker
    there would only spend the first seconds keeping every page (issue 16)."""
    assert 'data-service-worker="/service-worker.js"' not in kiosk_client.get(path).get_data(as_text=True)
    assert 'data-service-worker="/service-worker.js"' in client.get(path).get_data(as_text=True)


CALL_NOTE = "Call from any phone. This screen cannot make calls."


def panel(html: str) -> str:
    return re.search(r'<aside class="report-panel".*?</aside>', html, re.S).group(0)


@pytest.mark.parametrize("path", ["/en/", "/en/themes/child-neglect/", "/en/report/", "/en/no-such-page/"])
def test_on_the_kiosk_the_report_panel_says_to_call_from_any_phone(kiosk_client, path):
    html = kiosk_client.get(path).get_data(as_text=True)
    assert CALL_NOTE in unescape(panel(html))


def test_the_call_note_is_translated_and_the_numbers_stay_outside_it(kiosk_client):
    html = panel(kiosk_client.get("/tr/").get_data(as_text=True))
    note = re.search(r'<p class="report-panel-call-note">([^<]+)</p>', html)  # Turkish: no English fallback inside
    assert note and unescape(note.group(1)) != CALL_NOTE and not re.search(r"\d", note.group(1))


def test_pages_outside_the_kiosk_window_keep_tap_to_call_without_the_note(client):
    html = client.get("/en/").get_data(as_text=True)
    assert CALL_NOTE not in unescape(html) and 'href="tel:999"' in panel(html)


def test_the_kiosk_scripts_and_styles_are_served_from_the_app(kiosk_client):
    for name in ("js/idle-reset.js", "js/staff-exit.js", "css/kiosk-shell.css"):
        path = static_url(kiosk_client.application, name)
        response = kiosk_client.get(path)
        assert response.status_code == 200
        assert not re.search(rb"https?://", response.data), path


def test_without_a_display_there_is_no_window_and_the_reason_is_one_line():
    assert backend.choose({}, "linux") == (None, "no display found (DISPLAY is not set)")
    assert backend.choose({"DISPLAY": ":0"}, "sunos5")[0] is None


def test_with_a_display_and_qt_installed_the_window_uses_qt():
    assert backend.choose({"DISPLAY": ":0"}, "linux") == ("qt", "")
