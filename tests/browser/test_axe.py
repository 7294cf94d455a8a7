"""axe-core finds nothing on any page, in any language, on the kiosk and on a phone.

The rules: every WCAG 2.0, 2.1 and 2.2 level A and AA rule, axe's best-practice rules, and the AAA contrast
rule (7:1 for body text), which the kiosk needs at arm's length. Violations of every impact count.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import LANGUAGES, page_paths

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "rules": {"color-contrast-enhanced": {"enabled": True}},
    "resultTypes": ["violations"],
}

axe = Axe()


@pytest.mark.parametrize("size", ["portrait-kiosk", "phone"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_axe_finds_no_violations_on_any_page(open_page, lang, size):
    page = open_page(size)
    reports = []
    for path in page_paths(lang).values():
        page.goto(path)
        results = axe.run(page, options=AXE_OPTIONS)
        if results.violations_count:
            reports.append(f"{path}: {results.generate_report()}")
    assert not reports, "\n\n".join(reports)


def test_axe_sweep_catches_text_below_seven_to_one_contrast(open_page):
    """The sweep above is only worth something if its rules are really on: grey text at 4.6:1 passes AA,
    so only the AAA contrast rule can report it."""
    page = open_page("phone")
    page.goto(page_paths(LANGUAGES[0])["home"])
    page.locator(".lead").evaluate("lead => { lead.style.color = '#767676'; }")
    violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
    assert [violation["id"] for violation in violations] == ["color-contrast-enhanced"]
