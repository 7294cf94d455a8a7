"""axe-core finds nothing on any page, in any language, on the portrait kiosk and on a phone.

The rules: every WCAG 2.0, 2.1 and 2.2 level A and AA rule, axe's best-practice rules, and the AAA contrast
rule (7:1 for body text), which the kiosk needs at arm's length. Violations of every impact count.
"""

import pytest
from axe_playwright_python.base import AXE_SCRIPT, AxeResults

from tests.browser.conftest import LANGUAGES, page_paths, resize, show_keep_this_language_offline

WCAG_2_2_A_AND_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# The AAA contrast rule stands in for the AA one: 7:1 (4.5:1 for large text) is above AA's 4.5:1 (3:1), so text
# that fails AA fails AAA too and is reported; running both would double the slowest check for nothing.
CONTRAST = {"color-contrast-enhanced": {"enabled": True}, "color-contrast": {"enabled": False}}
# On the kiosk, axe's best-practice rules too. They are about the page's structure (landmarks, headings, skip
# link), which is the same at every window size, so the phone is spared them.
AXE_OPTIONS = {
    "portrait-kiosk": {"runOnly": {"type": "tag", "values": WCAG_2_2_A_AND_AA + ["best-practice"]}, "rules": CONTRAST,
                       "resultTypes": ["violations"]},
    "phone": {"runOnly": {"type": "tag", "values": WCAG_2_2_A_AND_AA}, "rules": CONTRAST, "resultTypes": ["violations"]},
}
AXE_SIZES = tuple(AXE_OPTIONS)


def run_axe(page, size: str) -> AxeResults:
    """Only the violations come back: the rest of axe's answer is large, and costs time to pass over.
    axe runs with the page scrolled to its end. At the top of a long page the sticky report panel covers whatever
    happens to sit at the bottom of the screen, and axe counts a link half under it as a target too small to
    touch, though a reader scrolls it into view (focus is kept clear of the panel: test_keyboard.py checks it); at
    the end the panel sits in its own place and covers nothing, so every target is measured whole."""
    page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
    violations = page.evaluate("options => axe.run(document, options).then(results => results.violations)",
                               AXE_OPTIONS[size])
    return AxeResults({"violations": violations})


def reports_at_each_size(page, where: str) -> list[str]:
    """axe's report on the loaded page at each size, for each size where it finds something."""
    reports = []
    for size in AXE_SIZES:
        resize(page, size)
        results = run_axe(page, size)
        if results.violations_count:
            reports.append(f"{where} at {size}: {results.generate_report()}")
    return reports


@pytest.fixture()
def axe_page(open_page):
    """A page that has axe-core (the copy bundled with axe-playwright-python, so offline) in every document it loads."""
    return open_page(AXE_SIZES[0], init_script=AXE_SCRIPT)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_axe_finds_no_violations_on_any_page_at_kiosk_and_phone_size(axe_page, lang):
    # Each page is loaded once and checked at both sizes: resizing spares a second load and a second copy of axe.
    reports = []
    for path in page_paths(lang).values():
        resize(axe_page, AXE_SIZES[0])
        axe_page.goto(path)
        reports += reports_at_each_size(axe_page, path)
    assert not reports, "\n\n".join(reports)


def test_axe_sweep_catches_text_below_seven_to_one_contrast(axe_page):
    """The sweep above is only worth something if its rules are really on: on a phone the lead paragraph is
    normal-sized text, so grey at 4.6:1 passes AA and only the AAA contrast rule can report it."""
    resize(axe_page, "phone")
    axe_page.goto(page_paths(LANGUAGES[0])["home"])
    axe_page.locator(".lead").evaluate("lead => { lead.style.color = '#767676'; }")
    violations = run_axe(axe_page, "phone").response["violations"]
    assert [violation["id"] for violation in violations] == ["color-contrast-enhanced"]


def test_axe_finds_no_violations_once_keep_this_language_offline_is_offered(open_page):
    """The one control the sweep above cannot see: it appears only when the service worker is ready, for a
    language not kept yet (the first language read is kept by itself)."""
    page = open_page(AXE_SIZES[0], init_script=AXE_SCRIPT, service_workers="allow")
    show_keep_this_language_offline(page)
    reports = reports_at_each_size(page, page.url)
    assert not reports, "\n\n".join(reports)


@pytest.mark.parametrize("lang", ["en", "ar", "bn", "bg"])  # left to right, right to left, Bengali, Cyrillic
def test_axe_finds_no_violations_on_the_feedback_question_and_its_pages(axe_page, lang):
    """The question with its reasons opened (by feedback.js), and the pages the form leads to without JavaScript:
    thanks, what was wrong (shown here with its too-long message), and a refused answer."""
    card = page_paths(lang)["card child-neglect"]
    axe_page.goto(card)
    axe_page.locator(".feedback-answers button[value=no]").click()
    reports = reports_at_each_size(axe_page, f"{card} (reasons open)")
    for path, post in ((f"{card}feedback/thanks/", None),
                       (card, {"answer": "no", "reasons": "translation", "comment": "x" * 1001}),
                       (card, {"answer": "maybe"})):
        resize(axe_page, AXE_SIZES[0])
        if post:  # the 413 and 400 pages, as a form post would show them
            axe_page.goto(card)
            axe_page.evaluate("""post => { const form = document.querySelector('.feedback-form');
                form.replaceChildren(...Object.entries(post).map(([name, value]) =>
                    Object.assign(document.createElement('textarea'), { name, value })));
                HTMLFormElement.prototype.submit.call(form); }""", post)
            axe_page.wait_for_url("**/feedback/")
            axe_page.wait_for_load_state()
        else:
            axe_page.goto(path)
        reports += reports_at_each_size(axe_page, f"{path} {post or ''}")
    assert not reports, "\n\n".join(reports)


@pytest.mark.parametrize("lang", ["ar", "bn"])
def test_axe_finds_no_violations_on_search_results_and_nothing_found(axe_page, lang):
    """The sweep above sees the search page with no query; results (with <mark>ed words) and "nothing found"
    are other states of it. Right to left, and a script with vowel signs inside <mark>."""
    reports = []
    topic = axe_page.goto(f"/{lang}/search/") and axe_page.locator("[data-topic]").first.get_attribute("data-topic")
    for query in (topic, "zzqqxx"):
        resize(axe_page, AXE_SIZES[0])
        axe_page.goto(f"/{lang}/search/?q={query}")
        reports += reports_at_each_size(axe_page, axe_page.url)
    assert not reports, "\n\n".join(reports)


@pytest.mark.parametrize("lang", ["en", "ar"])  # left to right, right to left
def test_axe_finds_no_violations_with_quick_exit_on_and_on_the_neutral_page(open_page, quick_exit_url, lang):
    """Issue 15: the "Exit this page" button on a card and on the report page (off in the sweep above, as on the
    live app), with its progress dots lit, and the neutral page it leads to."""
    page = open_page(AXE_SIZES[0], init_script=AXE_SCRIPT, base_url=quick_exit_url)
    reports = []
    for path in (page_paths(lang)["card child-neglect"], page_paths(lang)["report"], f"/{lang}/welcome/"):
        resize(page, AXE_SIZES[0])
        page.goto(path)
        if "welcome" not in path:
            page.keyboard.press("Shift")  # one press: a dot lit and the announcement made
        reports += reports_at_each_size(page, path)
    assert not reports, "\n\n".join(reports)
