"""Every script renders with the bundled fonts: no glyph falls back to whatever the machine happens to have,
so no missing-glyph boxes. Screenshots are kept for a person to look at."""

import pytest

from kiosk.settings import PROJECT_DIR

BUNDLED = {"Noto Sans", "Noto Sans Arabic", "Noto Sans Bengali"}
SCREENSHOTS = PROJECT_DIR / "test-output" / "screenshots"


def fonts_used(page) -> dict[str, int]:
    """Glyph counts per font actually used to draw the page, as Chromium reports them."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    used: dict[str, int] = {}
    for node in cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": "body *"})["nodeIds"]:
        for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]:
            name = font["familyName"] + ("" if font["isCustomFont"] else " (system)")
            used[name] = used.get(name, 0) + font["glyphCount"]
    cdp.detach()
    return used


@pytest.mark.parametrize("lang", ["ar", "bn", "bg", "ro", "en"])
def test_every_glyph_comes_from_a_bundled_font(browser, live_url, lang):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1080, "height": 1920})
    try:
        for name, path in (("home", f"/{lang}/"), ("card", f"/{lang}/themes/lost-in-translation/"),
                           ("report", f"/{lang}/report/")):
            response = page.goto(live_url + path)
            assert response.status == 200, path
            page.evaluate("document.fonts.ready")
            used = fonts_used(page)
            assert used and set(used) <= BUNDLED, (path, used)
            page.screenshot(path=str(SCREENSHOTS / f"fonts-{lang}-{name}.png"))
    finally:
        page.close()
