"""Static files carry the hash of their bytes in their names and are cached for good under them; each language
loads only the fonts its pages need, cut to the characters they use, and the picker's names their own tiny face."""

from __future__ import annotations

import hashlib
import re
from html import unescape

import pytest

from kiosk import create_app
from kiosk.settings import PROJECT_DIR
from kiosk.state import kiosk_state
from kiosk.static_files import IMMUTABLE
from tests.helpers import static_url


def test_a_hashed_name_is_cached_for_good_and_the_plain_name_is_revalidated(app, client):
    url = static_url(app, "css/kiosk.css")
    data = (PROJECT_DIR / "static" / "css" / "kiosk.css").read_bytes()
    assert url == f"/static/css/kiosk.{hashlib.sha256(data).hexdigest()[:10]}.css"
    hashed = client.get(url)
    assert hashed.status_code == 200 and hashed.data == data and hashed.headers["Cache-Control"] == IMMUTABLE
    assert hashed.headers["Content-Security-Policy"]  # the security headers too
    plain = client.get("/static/css/kiosk.css")
    assert plain.data == data and plain.headers["Cache-Control"] == "no-cache"
    stale = client.get("/static/css/kiosk.0123456789.css")  # an old page's address: today's bytes, revalidated
    assert stale.data == data and stale.headers["Cache-Control"] == "no-cache"
    assert client.get("/static/css/nothing.0123456789.css").status_code == 404


def test_pages_name_static_files_only_by_their_hashed_names(site_pages):
    for path, page in site_pages.items():
        for url in re.findall(r'(?:href|src)="(/static/[^"]+)"', page):
            assert re.search(r"\.[0-9a-f]{10}\.[a-z0-9]+$", url), (path, url)


def stylesheet_of(client, page: str) -> str:
    (url,) = re.findall(r'<link rel="stylesheet" href="(/static/fonts/[^"]+\.css)">', page)
    response = client.get(url)
    assert response.headers["Cache-Control"] == IMMUTABLE and response.mimetype == "text/css"
    return response.get_data(as_text=True)


def faces(stylesheet: str) -> list[tuple[str, str, set[int]]]:
    """(family, url, code points) of each @font-face rule."""
    found = []
    for family, url, ranges in re.findall(r"font-family: '([^']+)';.*?url\(\"([^\"]+)\"\).*?unicode-range: ([^;]+);",
                                          stylesheet):
        points = set()
        for part in ranges.split(","):
            start, _, end = part.strip()[2:].partition("-")
            points.update(range(int(start, 16), int(end or start, 16) + 1))
        found.append((family, url, points))
    return found


def page_characters(page: str) -> set[int]:
    """Every character a page shows or may show (its text and attribute values), spaces apart."""
    body = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S)
    text = unescape(re.sub(r"<[^>]+>", " ", body)) + unescape(" ".join(re.findall(r'="([^"]*)"', body)))
    return {ord(ch) for ch in text if not ch.isspace()}


# one language per script and direction: Latin (with and without Latin-ext), Cyrillic, Arabic (right to left), Bengali
@pytest.mark.parametrize("lang, script", [("en", "latin"), ("tr", "latin-ext"), ("bg", "cyrillic"),
                                          ("ar", "arabic"), ("bn", "bengali")])
def test_every_character_of_a_languages_pages_is_in_its_own_fonts(app, client, lang, script):
    slugs = list(kiosk_state(app).library.cards)
    stylesheet = None
    covered: set[int] = set()
    for path in [f"/{lang}/", f"/{lang}/report/", f"/{lang}/offline/", *(f"/{lang}/themes/{s}/" for s in slugs)]:
        page = client.get(path).get_data(as_text=True)
        stylesheet = stylesheet or stylesheet_of(client, page)
        own = [(family, url, points) for family, url, points in faces(stylesheet) if family != "Language Names"]
        covered = set().union(*(points for *_, points in own))
        picker = re.search(r'<nav class="language-picker".*?</nav>', page, re.S).group(0)
        missing = page_characters(page.replace(picker, "")) - covered
        assert not missing, (path, "".join(map(chr, sorted(missing))))
    urls = [url for family, url, _ in faces(stylesheet) if family != "Language Names"]
    assert any(script in url for url in urls)
    others = {"latin-ext", "cyrillic", "arabic", "bengali"} - {script}
    assert not any(other in url for url in urls for other in others), urls  # no other script's font
    for url in urls:
        font = client.get(re.sub(r"[^/]+$", "", re.findall(r'/static/fonts/[^"]+\.css', page)[0]) + url)
        assert font.status_code == 200 and font.data[:4] == b"wOF2"


def test_the_picker_names_have_a_tiny_preloaded_face_that_draws_every_name_and_the_page_preloads_its_own(app, client):
    page = client.get("/en/").get_data(as_text=True)
    stylesheet = stylesheet_of(client, page)
    names = [(url, points) for family, url, points in faces(stylesheet) if family == "Language Names"]
    preloaded = re.findall(r'<link rel="preload" href="/static/fonts/([^"]+)" as="font" type="font/woff2" crossorigin>',
                           page)
    own = {url for family, url, _ in faces(stylesheet) if family != "Language Names"}  # the page's own faces
    assert own and set(preloaded) == own | {url for url, _ in names}  # all there at first paint: nothing jumps
    assert "font-display: block" in stylesheet.split("Language Names", 1)[1]  # a name is never drawn in boxes
    drawn = set().union(*(points for _, points in names))
    for language in kiosk_state(app).languages.values():
        assert {ord(ch) for ch in language.name if not ch.isspace()} <= drawn, language.name
    sizes = [len(client.get("/static/fonts/" + url).data) for url, _ in names]
    assert sum(sizes) < 12_000, sizes  # all of them together: a fraction of one whole script font


def test_what_a_font_draws_is_kept_by_its_hash_and_read_again_when_the_kept_copy_is_damaged(tmp_path):
    from fontTools.ttLib import TTFont

    from kiosk import fonts

    source = PROJECT_DIR / "static" / "fonts" / "noto-sans-cyrillic-400-normal.woff2"
    truth = frozenset(TTFont(source).getBestCmap())
    fonts._read_source.cache_clear()
    digest, cmap = fonts.source_info(source, tmp_path)
    assert cmap == truth and digest == hashlib.sha256(source.read_bytes()).hexdigest()
    (kept,) = tmp_path.glob("*.cmap.json")
    assert kept.name == f"{digest}.cmap.json"
    kept.write_text("[1, 2,")  # damaged
    fonts._read_source.cache_clear()
    assert fonts.source_info(source, tmp_path) == (digest, truth)
    kept.write_text("[65]")  # what a start would read back
    fonts._read_source.cache_clear()
    assert fonts.source_info(source, tmp_path) == (digest, frozenset({65}))
    fonts._read_source.cache_clear()


def test_the_first_page_plans_its_own_languages_fonts_only():
    # issue 16: planning every language (Babel's data for each, every font read) held up the kiosk's first page
    app = create_app()
    client = app.test_client()
    client.get("/tr/")
    assert set(kiosk_state(app).fonts.by_language) == {"tr"}
    client.get("/ar/")
    assert set(kiosk_state(app).fonts.by_language) == {"tr", "ar"}


def test_a_font_stylesheet_asked_for_before_its_language_was_shown_is_found(app):
    # a page a browser kept from an earlier start names another language's stylesheet by its hashed name
    address = static_url(app, "fonts/bn.css")
    fresh = create_app()
    response = fresh.test_client().get(address)
    assert response.status_code == 200 and b"@font-face" in response.data
