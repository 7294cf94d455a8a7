"""One card in one language, typeset as a one-page A4 PDF by WeasyPrint.

The HTML comes from the app's own templates (kiosk/templates/posters/poster.html), rendered in the card's
language with the app's translations and hours formatting; poster.css beside this module lays it out with the
bundled fonts in static/fonts/. If the card does not fit one page, the type of its text shrinks a step at a
time down to ``SIZES_PT[-1]``; if it still does not fit, ``DoesNotFit`` says how many pages it needs. Nothing
is ever cut. WeasyPrint reads files only through ``local_fonts``: the fonts folder, never the network.
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path
from urllib.parse import unquote, urlsplit

from flask import Flask, g, render_template

from ..settings import PROJECT_DIR
from ..state import kiosk_state
from .qr import card_url, qr_svg

FONTS_DIR = PROJECT_DIR / "static" / "fonts"  # the original files, whatever the app serves under other names
STYLESHEET = Path(__file__).with_name("poster.css")
# the card's body text, largest first; 9 pt is the smallest allowed
SIZES_PT = (16.0, 15.0, 14.0, 13.0, 12.0, 11.0, 10.0, 9.0)


class DoesNotFit(Exception):
    """The card needs more than one page even at the smallest type."""

    def __init__(self, slug: str, lang: str, pages: int):
        self.slug, self.lang, self.pages = slug, lang, pages
        super().__init__(slug, lang, pages)  # as given, so it pickles on its way back from a worker process

    def __str__(self) -> str:
        return (f"{self.lang}/{self.slug}: needs {self.pages} pages even with its text at {SIZES_PT[-1]:g} pt, "
                f"the smallest allowed; nothing was cut: shorten the card or its {self.lang} translation")


@dataclasses.dataclass(frozen=True)
class Poster:
    lang: str
    slug: str
    pdf: bytes
    size_pt: float  # the size the card's text was set in
    url: str | None  # where the QR code leads, if there is one


def local_fonts():
    """WeasyPrint's URL fetcher: files in the fonts folder and nothing else (no network, no other file); a font
    that cannot be read stops the poster rather than letting a system font stand in."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFonts(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            path = Path(unquote(parts.path)).resolve() if parts.scheme == "file" else None
            if path is None or path.parent != FONTS_DIR.resolve() or not path.is_file():
                raise ValueError(f"posters read only the bundled fonts, not {url}")
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": "font/woff2"})

    return LocalFonts(fail_on_errors=True)


@functools.lru_cache(maxsize=1)
def typesetter():
    """The stylesheet and its fonts, loaded once per process and shared by every poster it typesets."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts, fetcher = FontConfiguration(), local_fonts()
    css = CSS(string=STYLESHEET.read_text(encoding="utf-8"), base_url=FONTS_DIR.as_uri() + "/",
              url_fetcher=fetcher, font_config=fonts)
    sizes = {size: CSS(string=f"html {{ font-size: {size:g}pt; }}", url_fetcher=fetcher) for size in SIZES_PT}
    return fonts, fetcher, css, sizes


def poster_html(app: Flask, lang: str, slug: str) -> tuple[str, str | None]:
    """The poster's HTML in ``lang``, and the address its QR code leads to (None without ``public_url``)."""
    public_url = app.config.get("PUBLIC_URL")
    url = card_url(public_url, lang, slug) if public_url else None
    with app.test_request_context(f"/{lang}/themes/{slug}/"):
        g.lang = lang
        card = kiosk_state(app).library.cards[slug]
        html = render_template("posters/poster.html", card=card, card_url=url, qr_svg=qr_svg(url) if url else None)
    return html, url


GROWTH = 1.6  # the card's height grows about as its type size to this power (longer lines wrap too); measured
GAP = 5 / 25.4 * 96  # CSS px (5 mm) kept between the card and the foot, which poster.css pins to the page's foot


def heights(document) -> tuple[float, float, float]:
    """The card's height, the foot's height (over all pages) and the height of one page's content area."""
    card = foot = 0.0
    for page in document.pages:
        for box in page._page_box.children[0].children[0].children:  # html > body > article, footer
            if box.element_tag == "article":
                card += box.margin_height()
            elif box.element_tag == "footer":
                foot += box.margin_height()
    return card, foot, document.pages[0]._page_box.height


def typeset(html: str, slug: str, lang: str) -> tuple[bytes, float]:
    """The PDF at a type size in SIZES_PT that fits one page, and that size. Each layout measures the card, which
    predicts the largest size that fits; a size that fits is kept once the prediction from it asks for no larger
    one (at most a step below the largest, and usually two layouts instead of four)."""
    from weasyprint import HTML

    fonts, fetcher, css, sizes = typesetter()
    page = HTML(string=html, base_url=FONTS_DIR.as_uri() + "/", url_fetcher=fetcher)
    # indexes into SIZES_PT (largest first): ``fits`` fits one page, ``fails`` and every larger size do not
    fails, fits, best, pages_at_smallest = -1, len(SIZES_PT), None, 0
    index = SIZES_PT.index(12.0)
    while fails < index < fits:
        document = page.render(stylesheets=[css, sizes[SIZES_PT[index]]], font_config=fonts)
        card, foot, room = heights(document)
        wanted = SIZES_PT[index] * (max(room - foot - GAP, 1.0) / card) ** (1 / GROWTH)
        predicted = next((i for i, size in enumerate(SIZES_PT) if size <= wanted), len(SIZES_PT) - 1)
        if len(document.pages) == 1 and card + GAP + foot <= room:  # the foot is drawn over whatever reaches it
            fits, best = index, document
            index = predicted if predicted < index else fits  # a larger size, or done
        else:
            fails, pages_at_smallest = index, max(len(document.pages), 2)
            index = min(max(predicted, fails + 1), fits - 1)
    if best is None:
        raise DoesNotFit(slug, lang, pages_at_smallest)
    return best.write_pdf(), SIZES_PT[fits]


def make_poster(app: Flask, lang: str, slug: str) -> Poster:
    html, url = poster_html(app, lang, slug)
    pdf, size = typeset(html, slug, lang)
    return Poster(lang=lang, slug=slug, pdf=pdf, size_pt=size, url=url)
