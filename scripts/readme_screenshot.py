"""Draw docs/screenshot.png for the README: the home page on a portrait kiosk beside a card on a phone.

    .venv/bin/python scripts/readme_screenshot.py

The app as shipped (no pseudo-locale), served by waitress on loopback, photographed by Debian's Chromium through
Playwright; Pillow puts the two side by side. Rerun it when the header or the report panel changes.
"""

from __future__ import annotations

import io
import shutil
import threading
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright
from waitress.server import create_server

from kiosk import create_app
from kiosk.state import kiosk_state

PROJECT_DIR = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
HEIGHT = 960  # of the finished picture
GAP, MARGIN, BACKGROUND = 20, 10, (80, 86, 94)


def shoot(browser, url: str, width: int, height: int, scale: float) -> Image.Image:
    page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=scale,
                            service_workers="block")
    page.goto(url)
    page.evaluate("() => document.fonts.ready")
    picture = Image.open(io.BytesIO(page.screenshot()))
    page.close()
    return picture


def main() -> None:
    app = create_app({"PSEUDO_LOCALE": False})
    card = max(kiosk_state(app).library.cards.values(), key=lambda c: len(c.title)).slug
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    base = f"http://127.0.0.1:{server.effective_port}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        kiosk = shoot(browser, f"{base}/en/", 1080, 1920, 1)
        phone = shoot(browser, f"{base}/en/themes/{card}/", 390, 844, 2)
        browser.close()
    server.close()
    kiosk = kiosk.resize((round(kiosk.width * HEIGHT / kiosk.height), HEIGHT), Image.LANCZOS)
    phone = phone.resize((round(phone.width * HEIGHT / phone.height), HEIGHT), Image.LANCZOS)
    sheet = Image.new("RGB", (kiosk.width + phone.width + GAP + 2 * MARGIN, HEIGHT + 2 * MARGIN), BACKGROUND)
    sheet.paste(kiosk, (MARGIN, MARGIN))
    sheet.paste(phone, (MARGIN + kiosk.width + GAP, MARGIN))
    target = PROJECT_DIR / "docs" / "screenshot.png"
    sheet.save(target, optimize=True)
    print(f"wrote {target.relative_to(PROJECT_DIR)} ({sheet.width}x{sheet.height})")


if __name__ == "__main__":
    main()
