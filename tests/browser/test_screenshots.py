"""Screenshots of each page type at the four sizes, for a person to review the look.

Written to test-output/screenshots/<lang>/<page>-<size>.png (what the screen shows, panel included) and
<page>-<size>-full.png (the whole page). Languages: English, the first right-to-left language, and the
first other left-to-right language, of those the app offers.
"""

import io

import pytest
from PIL import Image

from kiosk.settings import PROJECT_DIR
from tests.browser.conftest import LANGUAGES, SIZES, kiosk_app, page_types, resize
from kiosk.state import kiosk_state

SCREENSHOTS = PROJECT_DIR / "test-output" / "screenshots"


def screenshot_languages() -> list[str]:
    languages = kiosk_state(kiosk_app()).languages
    source = LANGUAGES[0]
    rtl = [code for code, language in languages.items() if language.direction == "rtl"]
    ltr = [code for code, language in languages.items() if language.direction == "ltr" and code != source]
    return [source] + rtl[:1] + ltr[:1]


def drawn(page) -> None:
    """Waits for two frames drawn at the page's new size: asked at once after a resize, Chromium sometimes answers
    "Unable to capture screenshot" (seen on CI's loaded machine)."""
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))")


@pytest.mark.parametrize("lang", screenshot_languages())
def test_screenshots_of_each_page_type_are_written_for_review(open_page, lang):
    page = open_page("portrait-kiosk")
    folder = SCREENSHOTS / lang
    folder.mkdir(parents=True, exist_ok=True)
    for name, path in page_types(lang).items():
        resize(page, "portrait-kiosk")
        page.goto(path)
        page.evaluate("document.fonts.ready.then(() => true)")
        for size, (width, height) in SIZES.items():  # each page loaded once, then seen at each size
            resize(page, size)
            stem = folder / f"{name.replace(' ', '-')}-{size}"
            drawn(page)
            shot = Image.open(io.BytesIO(page.screenshot(path=f"{stem}.png")))
            assert shot.size == (width, height), path
            assert shot.getcolors(16) is None, f"{path}: the screen is (nearly) blank"  # text alone brings more colours
            # The whole page in a window as tall as the page, so the sticky panel rests at the end of it
            # rather than floating over the middle, as it would in Playwright's full-page capture.
            page.set_viewport_size({"width": width, "height": page.evaluate("document.documentElement.scrollHeight")})
            drawn(page)
            full = page.screenshot(path=f"{stem}-full.png")
            assert Image.open(io.BytesIO(full)).size[1] >= height, path
