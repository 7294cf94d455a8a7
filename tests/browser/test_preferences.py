"""The reader's own settings win: in forced colours (Windows High Contrast) the report panel and the focus still
show; with reduced motion nothing on the page moves by itself."""

import math

import pytest

from tests.browser.conftest import CONTROLS, LANGUAGES_OF_EACH_KIND, page_types
from tests.browser.pixels import pixels_changed_with_contrast, screenshot, thin_focus_rings

# Every element (and its ::before and ::after) that would animate or transition, and how.
MOVING = """() => {
  const moving = [];
  for (const element of document.querySelectorAll("*")) {
    for (const pseudo of [null, "::before", "::after"]) {
      const style = getComputedStyle(element, pseudo);
      const seconds = value => Math.max(...value.split(",").map(part => parseFloat(part) || 0));
      if (style.animationName !== "none" && seconds(style.animationDuration) > 0 ||
          style.transitionProperty !== "none" && seconds(style.transitionDuration) > 0) {
        moving.push(`${element.outerHTML.slice(0, 60)}${pseudo || ""}: ${style.animationName} ${style.transitionProperty}`);
      }
    }
  }
  if (getComputedStyle(document.documentElement).scrollBehavior !== "auto") moving.push("smooth scrolling");
  return moving.concat(document.getAnimations().map(animation => `running: ${animation.animationName || animation.id}`));
}"""


@pytest.mark.parametrize("lang", LANGUAGES_OF_EACH_KIND)
def test_forced_colours_keep_the_report_panel_and_focus_visible(open_page, lang):
    page = open_page("tablet", forced_colors="active")
    page.goto(page_types(lang)["home"])
    assert page.evaluate("matchMedia('(forced-colors: active)').matches")

    # The panel's top edge is drawn: scrolled to the end, the page above it is plain background, and the
    # edge differs from it by at least 3:1 across the whole width.
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    top = math.ceil(page.locator(".report-panel").bounding_box()["y"])  # the first whole row of the edge: at y 876.5,
    #                                                                       row 876 is half page, half edge
    width = page.viewport_size["width"]
    above = screenshot(page, clip={"x": 0, "y": top - 8, "width": width, "height": 3})
    edge = screenshot(page, clip={"x": 0, "y": top, "width": width, "height": 3})
    assert pixels_changed_with_contrast(above, edge) >= 0.9 * width * 3, "the panel's edge is not drawn"

    for number in page.locator(".report-panel .report-contact-number").all():
        assert number.is_visible()
    thin = thin_focus_rings(page, CONTROLS, set())
    assert not thin, "\n".join(thin)


@pytest.mark.parametrize("lang", LANGUAGES_OF_EACH_KIND)
def test_reduced_motion_means_nothing_animates(open_page, lang):
    page = open_page("tablet", reduced_motion="reduce")
    page.goto(page_types(lang)["home"])
    assert page.evaluate("matchMedia('(prefers-reduced-motion: reduce)').matches")
    # What a visitor does: point at a card, tab about, change the text size, jump to the end.
    page.locator(".card-tile a").first.hover()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.locator("a[data-text-size='3']").click()
    page.keyboard.press("End")
    assert page.evaluate(MOVING) == []
