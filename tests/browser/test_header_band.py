"""The phone header as one short band (issue 15, part 2): the short site name, search, text size and language
(each folded behind one button whose list opens over the page) and quick exit fit one row of 44 px targets, in
every script and direction, with quick exit off (the live app) and on (the export)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import page_types

BAND = 72  # px at normal text size: one row of 44 px targets with its padding and border
BAND_CONTROLS = (".site-name", ".site-header .search-box button", ".text-size summary", ".language-picker summary")


def boxes(page, selectors) -> list[dict]:
    return [page.locator(selector).first.bounding_box() for selector in selectors]


@pytest.mark.parametrize("lang", ["en", "ar", "bn", "bg"])  # Latin, right to left, Bengali, Cyrillic
@pytest.mark.parametrize("quick_exit", [False, True])
def test_on_a_phone_the_header_is_one_short_band(open_page, live_url, quick_exit_url, lang, quick_exit):
    base_url = quick_exit_url if quick_exit else live_url
    for size in ("phone", "small-phone"):
        page = open_page(size, base_url=base_url)
        page.goto(page_types(lang)["card"])
        where = f"{lang} at {size}, quick exit {'on' if quick_exit else 'off'}"
        header = page.locator(".site-header").bounding_box()
        assert header["height"] <= BAND, f"{where}: the header is {header['height']:.0f}px"
        controls = boxes(page, BAND_CONTROLS[1:])
        assert all(box["width"] >= 44 and box["height"] >= 44 for box in controls), f"{where}: {controls}"
        row = boxes(page, BAND_CONTROLS) + (boxes(page, [".quick-exit-button"]) if quick_exit else [])
        assert len({round(box["y"]) for box in row}) == 1, f"{where}: not one row: {row}"
        xs = [box["x"] for box in row]
        assert xs == sorted(xs, reverse=page.evaluate("document.dir") == "rtl"), f"{where}: not in reading order"
        page.close()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_on_a_phone_the_text_size_and_languages_open_over_the_page_from_the_keyboard(open_page, lang):
    page = open_page("phone")
    page.goto(page_types(lang)["card"])
    main_top = page.locator("main").bounding_box()["y"]
    page.locator(".text-size summary").focus()
    page.keyboard.press("Enter")
    largest = page.locator("a[data-text-size='3']")
    assert largest.is_visible()
    assert page.locator("main").bounding_box()["y"] == main_top, "the open list pushed the page down"
    largest.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.documentElement.classList.contains('text-size-3')")
    assert not largest.is_visible(), "the list stays open over the page after choosing"
    page.locator(".language-picker summary").focus()
    page.keyboard.press("Enter")
    links = page.locator(".language-picker a")
    assert all(link.is_visible() for link in links.all())
    assert page.locator(".language-picker ul").bounding_box()["y"] >= page.locator(".site-header").bounding_box()["height"] - 1
