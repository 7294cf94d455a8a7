"""Keyboard only: Tab walks every control in the order a reader sees them, the focus always shows and is never
hidden behind the report panel, Enter opens a card, and focus never gets trapped."""

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.conftest import CONTROLS, LANGUAGES_OF_EACH_KIND, kiosk_app, page_types
from tests.browser.pixels import thin_focus_rings
from kiosk.state import kiosk_state

# Numbers every visible control in page order, so each step of the Tab walk can say which one it reached.
NUMBER_CONTROLS = """controls => [...document.querySelectorAll(controls)]
  .filter(element => element.checkVisibility())
  .map((element, index) => { element.dataset.control = index; return element.outerHTML.slice(0, 90); })"""

# Where the focus is now: which control, its box in page coordinates, whether it matches :focus-visible, whether
# it is inside the window and clear of the sticky report panel, and whether nothing else covers a quarter of it.
FOCUSED = """() => {
  const element = document.activeElement;
  if (!element || element === document.body || element.dataset.control === undefined) return null;
  const box = element.getBoundingClientRect();
  const panel = document.querySelector(".report-panel").getBoundingClientRect();
  const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
  const points = [[x, y], [x, box.top + box.height / 4], [x, box.bottom - box.height / 4],
                  [box.left + box.width / 4, y], [box.right - box.width / 4, y]];
  return {
    control: Number(element.dataset.control),
    name: element.outerHTML.slice(0, 90),
    top: box.top + scrollY, bottom: box.bottom + scrollY, left: box.left + scrollX, right: box.right + scrollX,
    focus_visible: element.matches(":focus-visible"),
    in_view: box.top >= 0 && box.bottom <= innerHeight && box.left >= 0 && box.right <= innerWidth,
    // A control taller than the room above the panel cannot be wholly clear of it (a card tile in the
    // pseudo-locale on a phone): then its start must be in that room and its middle uncovered (on_top).
    clear_of_panel: Boolean(element.closest(".report-panel")) || box.bottom <= panel.top || box.top >= panel.bottom ||
                    box.right <= panel.left || box.left >= panel.right ||  // beside the panel's column (landscape)
                    (box.height > panel.top - 16 && box.top >= 0 && box.top + box.height / 4 < panel.top),
    on_top: points.every(([x, y]) => element.contains(document.elementFromPoint(x, y))),
  };
}"""


# The numbered control that has the focus now, or null (the page itself, or the browser, has it).
FOCUSED_CONTROL = """() => {
  const element = document.activeElement;
  return element && element.dataset.control !== undefined ? Number(element.dataset.control) : null;
}"""


def walk(page, key: str, steps: int) -> list[dict | None]:
    """Presses `key` `steps` times, noting where the focus lands each time. Focus coming back from the browser
    arrives a moment after the key press, so each step waits (up to a second) for the focus to move; if it
    never moves, the step notes where it stayed, and a trap shows as the same control twice."""
    visited = []
    for _ in range(steps):
        before = page.evaluate(FOCUSED_CONTROL)
        page.keyboard.press(key)
        try:
            page.wait_for_function(f"previous => ({FOCUSED_CONTROL})() !== previous", arg=before, timeout=1000)
        except PlaywrightTimeoutError:
            pass
        visited.append(page.evaluate(FOCUSED))
    return visited


def reads_after(before: dict, after: dict, rtl: bool) -> bool:
    """Whether `after` comes later than `before` for a reader: on a later line, or further along the same line."""
    if after["top"] >= before["bottom"] - 1:
        return True
    if after["bottom"] <= before["top"] + 1:
        return False
    return after["right"] <= before["left"] + 1 if rtl else after["left"] >= before["right"] - 1


def control_kinds(page) -> dict[str, list[int]]:
    return page.evaluate("""() => Object.fromEntries(Object.entries({
        skip: '.skip-link', tile: '.card-tile a', language: '.language-picker a', panel: '.report-panel a'})
      .map(([kind, selector]) => [kind, [...document.querySelectorAll(selector)]
        .filter(e => e.dataset.control !== undefined).map(e => Number(e.dataset.control))]))""")


@pytest.mark.parametrize("size", ["landscape-kiosk", "phone"])
@pytest.mark.parametrize("lang", LANGUAGES_OF_EACH_KIND)
def test_tab_reaches_skip_link_first_then_every_control_in_visual_order(open_page, lang, size):
    app = kiosk_app()
    rtl = kiosk_state(app).languages[lang].direction == "rtl"
    page = open_page(size)
    page.goto(page_types(lang)["home"])
    controls = page.evaluate(NUMBER_CONTROLS, CONTROLS)
    kinds = control_kinds(page)
    visited = walk(page, "Tab", len(controls))

    assert [step and step["control"] for step in visited] == list(range(len(controls))), \
        "Tab does not reach every control in page order:\n" + "\n".join(map(str, visited))
    assert kinds["skip"] == [0], "the skip link is not the first stop"
    assert len(kinds["tile"]) == len(kiosk_state(app).library.cards)
    offered = len(kiosk_state(app).languages)
    # No picker when there is nothing to pick; on a phone the languages are folded behind one control.
    shown = 0 if offered == 1 else 0 if size == "phone" else offered
    assert len(kinds["language"]) == shown
    assert len(kinds["panel"]) == 1 + len(kiosk_state(app).library.contacts.contacts)

    checks = ("focus_visible", "in_view", "clear_of_panel", "on_top")
    hidden = [f"{step['name']}: {[check for check in checks if not step[check]]}"
              for step in visited if not all(step[check] for check in checks)]
    assert not hidden, "focus not shown, or hidden, on:\n" + "\n".join(hidden)
    # The skip link is drawn over the header while it has focus, so the reading order starts after it.
    # On a landscape screen the panel is a column at the inline end: from the page into it is the next column.
    into_column = size == "landscape-kiosk"
    backwards = [(a["name"], b["name"]) for a, b in zip(visited[1:], visited[2:]) if not reads_after(a, b, rtl)
                 and not (into_column and b["control"] == kinds["panel"][0])]
    assert not backwards, "Tab goes back against the reading order:\n" + "\n".join(map(str, backwards))


@pytest.mark.parametrize("lang", LANGUAGES_OF_EACH_KIND)
def test_on_a_phone_enter_unfolds_the_languages_and_tab_goes_through_them(open_page, lang):
    page = open_page("phone")
    page.goto(page_types(lang)["home"])
    summary = page.locator(".language-picker summary")
    links = page.locator(".language-picker a")
    assert not links.first.is_visible(), "the languages are not folded on a phone"
    page.keyboard.press("Tab")
    summary.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    first = links.first
    assert first.evaluate("link => link === document.activeElement"), "Tab after the summary does not reach the first language"
    assert [link.is_visible() for link in links.all()] == [True] * len(kiosk_state(kiosk_app()).languages)
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # folds them again
    assert not first.is_visible()


@pytest.mark.parametrize("lang", LANGUAGES_OF_EACH_KIND)
def test_focus_is_never_trapped_in_either_direction(open_page, lang):
    """Forwards, Tab reaching every control is proved above; here Tab goes on from the last control, and
    Shift+Tab walks the whole way back and round again."""
    page = open_page("tablet")
    page.goto(page_types(lang)["home"])
    last = len(page.evaluate(NUMBER_CONTROLS, CONTROLS)) - 1
    page.keyboard.press("Tab")
    page.locator(f'[data-control="{last}"]').focus()
    # After the last control focus leaves the page for the browser, then comes round to the first again.
    assert [step and step["control"] for step in walk(page, "Tab", 2)] == [None, 0]
    # From the first control, Shift+Tab comes round to the last (through the browser or not) and back to the first.
    stops = [step["control"] for step in walk(page, "Shift+Tab", last + 2) if step]
    assert stops[:last + 1] == list(range(last, -1, -1)), stops


@pytest.mark.parametrize("lang", LANGUAGES_OF_EACH_KIND)
def test_enter_on_a_card_tile_opens_that_card(open_page, lang):
    page = open_page("landscape-kiosk")
    page.goto(page_types(lang)["home"])
    page.keyboard.press("Tab")  # a keyboard is in use; Tab reaching the tiles is proved above
    tile = page.locator(".card-tile a").first
    tile.focus()
    href, title = tile.get_attribute("href"), tile.locator(".card-tile-title").inner_text()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{href}")
    assert page.locator("h1").inner_text() == title


@pytest.mark.parametrize("lang", LANGUAGES_OF_EACH_KIND)
def test_every_kind_of_control_draws_a_focus_ring_with_contrast(open_page, lang):
    """Measured in pixels, as WCAG 2.4.13 puts it: one control of each kind, across every page type."""
    page = open_page("tablet")
    thin, measured = [], set()
    for path in page_types(lang).values():
        page.goto(path)
        thin += [f"{path}: {problem}" for problem in thin_focus_rings(page, CONTROLS, measured)]
    assert not thin, "\n".join(thin)
