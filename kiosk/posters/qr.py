"""QR codes for posters: the card's public address as an inline SVG (segno, pure Python)."""

from __future__ import annotations

from markupsafe import Markup


def card_url(public_url: str, lang: str, slug: str) -> str:
    """The card's address on the published site: ``public_url`` ends with a slash (kiosk.settings sees to it)."""
    return f"{public_url}{lang}/themes/{slug}/"


def qr_svg(url: str) -> Markup:
    """An SVG QR code for ``url``, sized by the stylesheet (no width or height of its own)."""
    import segno  # the posters extra

    code = segno.make(url, error="m", micro=False)
    return Markup(code.svg_inline(border=4, omitsize=True, dark="#0b0c0c", light="#ffffff"))
