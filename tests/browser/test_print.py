"""Printing a card from a browser gives a clean page: the card, then the report-a-concern numbers at its foot; no
header, language picker, text size or sticky panel. Checked in Chromium's print media, and in the PDF Chromium
prints (read back with pypdf; its first page kept in test-output/posters/ for a person to look at)."""

import io

import pypdf
import pypdfium2
import pytest

from kiosk.settings import PROJECT_DIR

from tests.helpers import NUMBERS

SCREENSHOTS = PROJECT_DIR / "test-output" / "posters"
CARD = "disabled-children"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_printed_card_has_no_controls_and_the_numbers_at_its_foot(browser, live_url, lang):
    page = browser.new_page(viewport={"width": 1080, "height": 1920})
    try:
        assert page.goto(f"{live_url}/{lang}/themes/{CARD}/").status == 200
        page.emulate_media(media="print")
        page.evaluate("document.fonts.ready")
        for hidden in (".site-header", ".language-picker", ".text-size", ".skip-link", ".card-nav", ".back-link"):
            assert page.locator(hidden).first.is_hidden(), hidden
        panel = page.locator(".report-panel")
        assert panel.evaluate("element => getComputedStyle(element).position") == "static"
        article = page.locator("article.card").bounding_box()
        assert panel.bounding_box()["y"] >= article["y"] + article["height"]  # after the card, not over it
        assert panel.evaluate("element => getComputedStyle(element).backgroundColor") == "rgba(0, 0, 0, 0)"

        pdf = page.pdf(format="A4", print_background=True)
        reader = pypdf.PdfReader(io.BytesIO(pdf))
        text = "\n".join(p.extract_text() for p in reader.pages)
        for number in NUMBERS:
            assert number in reader.pages[-1].extract_text()  # at the foot: on the last page
        assert "Skip to main content" not in text and "Türkçe" not in text and "Polski" not in text
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for index in range(len(pypdfium2.PdfDocument(pdf))):
            pypdfium2.PdfDocument(pdf)[index].render(scale=1.5).to_pil().save(
                SCREENSHOTS / f"print-{lang}-{CARD}-{index + 1}.png")
    finally:
        page.close()
