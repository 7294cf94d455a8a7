"""Reflow (WCAG 1.4.10): at 320 CSS px wide nothing scrolls sideways. Text spacing (WCAG 1.4.12): with the
spacing a reader may set, no text is clipped and no two pieces of text overlap."""

import pytest

from tests.browser.conftest import LANGUAGES, page_paths, page_types, resize

# Whatever sticks out sideways, described, so a failure says where to look.
STICKING_OUT = """() => [...document.querySelectorAll("body *")]
  .filter(element => { const box = element.getBoundingClientRect();
                       return box.width > 0 && (box.right > innerWidth + 0.5 || box.left < -0.5); })
  .map(element => element.outerHTML.slice(0, 90))"""

# WCAG 1.4.12's spacing, as a reader's own stylesheet would set it.
TEXT_SPACING = """* {
  line-height: 1.5 !important;
  letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important;
}
p, li, h1, h2, h3 { margin-block-end: 2em !important; }"""

# Text that no longer fits: boxes that hide overflow but overflow, and lines of two different pieces of text
# drawn over each other. Boxes in page coordinates, scrolled to the end first, where the sticky report panel
# rests in its own place instead of floating over the content (which is its job, not an overlap).
CLIPPED_OR_OVERLAPPING = """() => {
  window.scrollTo(0, document.documentElement.scrollHeight);
  const describe = node => (node.outerHTML || node.parentElement.outerHTML).slice(0, 80);
  // Text for screen readers only is kept in a 1px clipped box on purpose: it is not on screen at all (the class
  // .visually-hidden, or such a box that a phone's header makes of a label it shows wider, issue 15).
  const screenReaderOnly = element => {
    for (let box = element; box; box = box.parentElement) {
      if (getComputedStyle(box).clipPath === "inset(50%)" && box.offsetWidth <= 1 && box.offsetHeight <= 1) return true;
    }
    return false;
  };
  const problems = [];
  for (const element of document.querySelectorAll("body *")) {
    const style = getComputedStyle(element);
    const clips = [style.overflowX, style.overflowY].some(value => value !== "visible");
    if (clips && !screenReaderOnly(element) && (element.scrollWidth > element.clientWidth + 1 ||
                                                element.scrollHeight > element.clientHeight + 1)) {
      problems.push(`clipped: ${describe(element)}`);
    }
  }
  const lines = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(), index = 0; node; node = walker.nextNode(), index++) {
    if (!node.textContent.trim() || !node.parentElement.checkVisibility() || screenReaderOnly(node.parentElement)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const box of range.getClientRects()) {
      if (box.width > 0 && box.height > 0) lines.push({index, node, box});
    }
  }
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      const [a, b] = [lines[i], lines[j]];
      if (a.index === b.index) continue;
      const across = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
      const down = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
      if (across > 2 && down > 2) problems.push(`overlap: ${describe(a.node)} / ${describe(b.node)}`);
    }
  }
  return problems;
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_nothing_scrolls_sideways_at_320_css_px(open_page, live_url, lang):
    page = open_page((320, 640))
    problems = []
    # Every page at the normal text size; one of each type at the largest.
    for text_size, paths in (("1", page_paths(lang)), ("3", page_types(lang))):
        page.context.add_cookies([{"name": "text-size", "value": text_size, "url": live_url}])
        for path in paths.values():
            page.goto(path)
            if page.evaluate("document.documentElement.scrollWidth > innerWidth"):
                problems.append(f"{path} at text size {text_size}: {page.evaluate(STICKING_OUT)}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_text_spacing_clips_or_overlaps_no_text(open_page, lang):
    # The reader's stylesheet is added the way a browser extension would add it, past the page's
    # Content-Security-Policy (which rightly refuses inline styles from the page itself).
    page = open_page("portrait-kiosk", bypass_csp=True)
    problems = []
    for path in page_types(lang).values():
        page.goto(path)
        page.add_style_tag(content=TEXT_SPACING)
        for size in ("portrait-kiosk", "phone"):
            resize(page, size)
            problems += [f"{path} at {size} size: {problem}" for problem in page.evaluate(CLIPPED_OR_OVERLAPPING)]
    assert not problems, "\n".join(problems)


# The distances from each line of a key point's text (its source tags left out) to the next, for every point of more
# than one line.
POINT_LINE_STEPS = """() => [...document.querySelectorAll('.key-points > li')].map(point => {
  const tops = new Set();
  const walker = document.createTreeWalker(point, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim() || node.parentElement.closest('.source-ref')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const line of range.getClientRects()) tops.add(Math.round(line.top * 10) / 10);
  }
  const sorted = [...tops].sort((a, b) => a - b);
  return sorted.slice(1).map((top, i) => top - sorted[i]);
}).filter(steps => steps.length)"""


@pytest.mark.parametrize("lang, text_size", [("en", "1"), ("ar", "3"), ("bn", "2")])
def test_source_tags_leave_the_lines_of_each_point_evenly_spaced(open_page, lang, text_size):
    page = open_page("phone", text_size=text_size)
    page.goto(page_types(lang)["card"])
    for size in ("phone", "portrait-kiosk"):
        resize(page, size)
        points = page.evaluate(POINT_LINE_STEPS)
        assert points, f"{lang} at {size}: no key point of more than one line to measure"
        uneven = [steps for steps in points if max(steps) - min(steps) > 0.5]
        assert not uneven, f"{lang} at {size}, text size {text_size}: line steps {uneven}"
