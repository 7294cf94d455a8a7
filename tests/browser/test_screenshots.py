"""Screenshots of each page type at the four sizes, for a person to review the look.

Written to test-output/screenshots/<lang>/<page>-<size>.png (what the screen shows, panel included) and
<page>-<size>-full.png (the whole page). Languages: English, the first right-to-left language, and the
first other left-to-right language, of those the app offers.
"""

import io

import pytest
from PIL import Image

from kiosk.settings import PROJECT_DIR
from tests.browser.conftest import LANGUAGES, SIZES, kiosk_app, page_types

SCREENSHOTS = PROJECT_DIR / "test-output" / "screenshots"


def screenshot_languages() -> list[str]:
    languages = kiosk_app().config["KIOSK_LANGUAGES"]
    source = LANGUAGES[0]
    rtl = [code for code, language in languages.items() if language.direction == "rtl"]
    ltr = [code for code, language in languages.items() if language.direction == "ltr" and code != source]
    return [source] + rtl[:1] + ltr[:1]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", screenshot_languages())
def test_screenshots_of_each_page_type_are_written_for_review(open_page, lang, size):
    page = open_page(size)
    folder = SCREENSHOTS / lang
    folder.mkdir(parents=True, exist_ok=True)
    for name, path in page_types(lang).items():
        page.goto(path)
        page.evaluate("document.fonts.ready.then(() => true)")
        stem = folder / f"{name.replace(' ', '-')}-{size}"
        shot = Image.open(io.BytesIO(page.screenshot(path=f"{stem}.png")))
        assert shot.size == SIZES[size], path
        assert shot.getcolors(16) is None, f"{path}: the screen is (nearly) blank"  # text alone brings more colours
        # The whole page in a window as tall as the page, so the sticky panel rests at the end of it
        # rather than floating over the middle, as it would in Playwright's full-page capture.
        width, height = SIZES[size]
        page.set_viewport_size({"width": width, "height": page.evaluate("document.documentElement.scrollHeight")})
        full = page.screenshot(path=f"{stem}-full.png")
        page.set_viewport_size({"width": width, "height": height})
        assert Image.open(io.BytesIO(full)).size[1] >= height, path
