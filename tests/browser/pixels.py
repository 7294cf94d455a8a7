"""What a person would see on screen, measured from screenshots: contrast between pixels, and focus rings."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

# One control of each kind not measured yet (same element, classes, state and container), numbered in page order.
# Controls of one kind share their styles, so their focus rings are drawn alike.
KINDS_OF_CONTROL = """([controls, measured]) => {
  const kinds = new Map();
  [...document.querySelectorAll(controls)].filter(element => element.checkVisibility()).forEach(element => {
    const container = element.parentElement.closest("[class]");
    const kind = [element.tagName, element.className, element.getAttribute("aria-current"),
                  container && container.className].join("|");
    if (!kinds.has(kind) && !measured.includes(kind)) {
      element.dataset.kind = kinds.size;
      kinds.set(kind, element.outerHTML.slice(0, 90));
    }
  });
  return [...kinds.entries()];
}"""

# Brings one control into view and says where it is when focused (the skip link only comes into view then),
# leaving nothing focused.
PLACE = """element => {
  element.focus();
  element.scrollIntoView({block: "center", inline: "center"});
  const box = element.getBoundingClientRect().toJSON();
  element.blur();
  return box;
}"""


def relative_luminance(image: Image.Image) -> np.ndarray:
    """WCAG relative luminance of every pixel (0 black to 1 white)."""
    rgb = np.asarray(image.convert("RGB"), dtype=float) / 255
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return linear @ np.array([0.2126, 0.7152, 0.0722])


def pixels_changed_with_contrast(before: Image.Image, after: Image.Image, ratio: float = 3.0) -> int:
    """How many pixels changed between two pictures of the same area by at least `ratio` contrast."""
    a, b = relative_luminance(before), relative_luminance(after)
    assert a.shape == b.shape, "the two pictures must cover the same area"
    contrast = (np.maximum(a, b) + 0.05) / (np.minimum(a, b) + 0.05)
    return int((contrast >= ratio).sum())


def screenshot(page, **options) -> Image.Image:
    return Image.open(io.BytesIO(page.screenshot(**options)))


def thin_focus_rings(page, controls_selector: str, measured: set[str]) -> list[str]:
    """Controls whose focus indicator is less than WCAG 2.4.13 asks: focusing must change, by at least 3:1
    contrast, at least as many pixels as a 2 CSS px line around the control. One control of each kind not
    in `measured`, which gains the kinds measured here."""
    kinds = page.evaluate(KINDS_OF_CONTROL, [controls_selector, sorted(measured)])
    page.keyboard.press("Tab")  # the page now knows a keyboard is in use, as it would be
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    thin = []
    for index, (kind, name) in enumerate(kinds):
        control = page.locator(f'[data-kind="{index}"]')
        box = control.evaluate(PLACE)
        area = {"x": max(round(box["left"]) - 12, 0), "y": max(round(box["top"]) - 12, 0)}
        area["width"] = min(round(box["right"]) + 12, width) - area["x"]
        area["height"] = min(round(box["bottom"]) + 12, height) - area["y"]
        unfocused = screenshot(page, clip=area)
        control.evaluate("element => element.focus({preventScroll: true})")
        focused = screenshot(page, clip=area)
        changed = pixels_changed_with_contrast(unfocused, focused)
        needed = 2 * 2 * (box["width"] + box["height"])
        if changed < needed:
            thin.append(f"{name}: {changed} pixels change by 3:1, {needed:.0f} needed")
        measured.add(kind)
    return thin
