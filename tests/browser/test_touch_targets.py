"""Every link, button and control is at least 44x44 CSS px, with room between neighbours, so a finger on a
kiosk or phone hits what it aims at."""

import itertools

import pytest

from tests.browser.conftest import CONTROLS, LANGUAGES, page_types, resize, show_keep_this_language_offline

MIN_SIZE = 44  # CSS px: WCAG 2.5.5 (AAA), which the kiosk needs
MIN_GAP = 8  # CSS px of clear space between two targets

# Every control on the page, with its boxes in page coordinates. The page is scrolled to the end first,
# where the sticky panel rests in its own place instead of floating over the content it would hide.
TARGETS = """controls => {
  window.scrollTo(0, document.documentElement.scrollHeight);
  return [...document.querySelectorAll(controls)].filter(element => element.checkVisibility()).map(element => ({
    name: `${element.outerHTML.slice(0, 90)}…`,
    boxes: [...element.getClientRects()].map(box => ({
      left: box.left + scrollX, top: box.top + scrollY, right: box.right + scrollX, bottom: box.bottom + scrollY})),
  }));
}"""


def gap(a, b) -> float:
    """Clear space between two boxes: 0 when they touch or overlap."""
    return max(b["left"] - a["right"], a["left"] - b["right"], b["top"] - a["bottom"], a["top"] - b["bottom"], 0)


def size_problems(targets) -> list[str]:
    return [f"{target['name']} is {box['right'] - box['left']:.0f}x{box['bottom'] - box['top']:.0f}"
            for target in targets for box in target["boxes"]
            if box["right"] - box["left"] < MIN_SIZE or box["bottom"] - box["top"] < MIN_SIZE]


def spacing_problems(targets) -> list[str]:
    return [f"{a['name']} and {b['name']} are {gap(box_a, box_b):.1f}px apart"
            for a, b in itertools.combinations(targets, 2)
            for box_a in a["boxes"] for box_b in b["boxes"] if gap(box_a, box_b) < MIN_GAP]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_control_is_big_enough_to_touch_with_room_around_it(open_page, lang):
    page = open_page("portrait-kiosk")
    problems = []
    for path in page_types(lang).values():
        page.goto(path)
        for size in ("portrait-kiosk", "phone"):
            resize(page, size)
            where = f"{path} at {size} size"
            # The skip link waits above the page until a keyboard user reaches it; it is measured as they see it.
            page.keyboard.press("Tab")
            skip_link = page.evaluate("document.activeElement.getBoundingClientRect().toJSON()")
            if skip_link["width"] < MIN_SIZE or skip_link["height"] < MIN_SIZE:
                problems.append(f"{where}: the focused skip link is {skip_link['width']:.0f}x{skip_link['height']:.0f}")
            page.evaluate("document.activeElement.blur()")
            # Unfocused, it is above the top of the page again, out of a finger's way: the rest are measured without it.
            targets = [target for target in page.evaluate(TARGETS, CONTROLS)
                       if all(box["bottom"] > 0 for box in target["boxes"])]
            problems += [f"{where}: {problem}" for problem in size_problems(targets) + spacing_problems(targets)]
    assert not problems, "\n".join(problems)


def test_keep_this_language_offline_is_big_enough_to_touch_with_room_around_it(open_page):
    """It appears only once the service worker is ready, for a language not kept yet (the first one read is
    kept by itself), so the test above never sees it."""
    page = open_page("phone", service_workers="allow")
    show_keep_this_language_offline(page)
    button = page.locator(".keep-offline button").evaluate("button => button.outerHTML.slice(0, 90)")
    problems = []
    for size in ("phone", "portrait-kiosk"):
        resize(page, size)
        # every control on the page, as above, now with the button among them
        targets = [target for target in page.evaluate(TARGETS, CONTROLS)
                   if all(box["bottom"] > 0 for box in target["boxes"])]
        assert any(target["name"].startswith(button) for target in targets)
        problems += [f"at {size}: {problem}" for problem in size_problems(targets) + spacing_problems(targets)]
    assert not problems, "\n".join(problems)
