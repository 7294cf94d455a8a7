"""Draw the app icons in static/icons/ (192 and 512 px, and a maskable 512 px) with Pillow.

    pip install -e '.[icons]' && python scripts/make_icons.py

The drawing echoes the kiosk: a white card above the red band of the report-a-concern panel, on the page's
dark text colour. No words, so one icon suits every language. The maskable icon keeps the card inside the
central safe circle (radius 40%) that launchers never crop. The PNGs are committed; run this only to change them.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ICONS_DIR = Path(__file__).resolve().parent.parent / "static" / "icons"
DARK, WHITE, RED, GREY = "#0b0c0c", "#ffffff", "#8e0b16", "#505a5f"
DRAW_AT = 1024  # drawn large, then scaled down, for smooth edges


def draw(maskable: bool) -> Image.Image:
    size = DRAW_AT
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    band = int(size * 0.2)
    if maskable:  # full bleed: the launcher cuts its own shape
        pen.rectangle((0, 0, size, size), fill=DARK)
        pen.rectangle((0, size - band, size, size), fill=RED)
    else:
        radius = int(size * 0.18)
        pen.rounded_rectangle((0, 0, size - 1, size - 1), radius, fill=RED)
        pen.rounded_rectangle((0, 0, size - 1, size - band), radius, fill=DARK, corners=(True, True, False, False))
    scale = 0.62 if maskable else 0.8  # the card's corners stay inside the safe circle on the maskable icon
    width, height = size * 0.62 * scale, size * 0.56 * scale
    left, top = (size - width) / 2, (size - band - height) / 2 + (size * 0.04 if maskable else 0)
    pen.rounded_rectangle((left, top, left + width, top + height), int(size * 0.04), fill=WHITE)
    line = height / 9
    for i, share in enumerate((0.8, 0.65, 0.72, 0.45)):
        y = top + line * (1.4 + i * 1.8)
        pen.rounded_rectangle((left + line, y, left + line + (width - 2 * line) * share, y + line * 0.75),
                              int(line / 3), fill=DARK if i == 0 else GREY)
    return image


def main() -> None:
    ICONS_DIR.mkdir(parents=True, exist_ok=True)
    for name, size, maskable in (("icon-192.png", 192, False), ("icon-512.png", 512, False),
                                 ("icon-maskable-512.png", 512, True)):
        icon = draw(maskable).resize((size, size), Image.LANCZOS)
        icon.save(ICONS_DIR / name, optimize=True)
        print(f"{ICONS_DIR / name}: {size}x{size}")


if __name__ == "__main__":
    main()
