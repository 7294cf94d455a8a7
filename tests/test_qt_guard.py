"""The kiosk's Qt page guard reports each thing once, as what it is: a refused address as refused, never also
as a page that did not load (which would set off a needless health check of the server), and a page that
really did not load as that. A real Qt WebEngine page, offscreen (tests/qt_guard_page.py)."""

import json
import subprocess
import sys

from kiosk.settings import PROJECT_DIR


def guard_reports(*taps: str) -> list[list[str]]:
    result = subprocess.run([sys.executable, "-m", "tests.qt_guard_page", *taps], cwd=PROJECT_DIR,
                            capture_output=True, text=True, timeout=120)
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("[")]
    assert lines and lines[0][0] == "loaded", result.stderr[-2000:]
    return lines[1:]


def test_a_refused_address_is_logged_as_refused_and_not_as_a_failed_load():
    assert guard_reports("number", "outside") == [["refused", "tel:+442084894470"], ["refused", "http://example.org/"]]


def test_a_page_that_really_does_not_load_is_reported():
    reports = guard_reports("gone")
    assert [kind for kind, _ in reports] == ["did not load"] and reports[0][1].endswith("/gone/")
