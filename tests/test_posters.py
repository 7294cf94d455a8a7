"""`kiosk posters`: one A4 page per card per language, read back from the PDFs (pypdf for pages, text, metadata
and fonts; pypdfium2 to draw the page; zxing-cpp to read its QR code), in a Latin, a Cyrillic, a right-to-left
Arabic and a Bengali language. Two cards only (a long one with questions, one without), so the suite stays fast;
`python benchmarks/posters.py` typesets them all.

Text extraction cannot give back Arabic or Bengali words as typed: Noto Sans Arabic draws a letter's dots as
glyphs of their own and Bengali vowel signs sit before their consonant, so a PDF's text map is ambiguous there.
The title is therefore checked in the PDF's metadata (from the poster's <title>) in every language, and in the
page text where the script allows; the screenshots in test-output/posters/ are for a person to look at.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pypdf
import pypdfium2
import pytest
import zxingcpp

from kiosk import cli
from kiosk.i18n import catalogues
from kiosk.posters.render import SIZES_PT
from kiosk.settings import PROJECT_DIR

from tests.helpers import NUMBERS, TRANSLATIONS_DIR

CARDS = ("disabled-children", "think-the-unthinkable")  # the longest poster theme; a key message without questions
LANGUAGES = ("en", "bg", "ar", "bn")
PUBLIC_URL = "https://learning.example.org/safeguarding/"
SCREENSHOTS = PROJECT_DIR / "test-output" / "posters"
A4 = (595.28, 841.89)  # points
DRAFT = "This translation is a draft and has not yet been checked by a qualified translator."


def run_cli(capsys, *args) -> tuple[int, list[str], list[str]]:
    status = cli.main(list(args))
    out, err = capsys.readouterr()
    return status, out.splitlines(), err.splitlines()


def few_cards(content: Path, keep=CARDS) -> Path:
    for card in (content / "cards").glob("*.yaml"):
        if card.stem not in keep:
            card.unlink()
    return content


def translated(lang: str, msgid: str, context: str | None = None) -> str:
    if lang == "en":
        return msgid
    message = catalogues.read(TRANSLATIONS_DIR / lang / "LC_MESSAGES" / "messages.po").get(msgid, context=context)
    return message.string


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def posters(tmp_path_factory) -> tuple[Path, list[str]]:
    """The posters of two cards in four languages, written by the command itself, and what it printed."""
    base = tmp_path_factory.mktemp("posters")
    content = few_cards(Path(shutil.copytree(PROJECT_DIR / "content", base / "content")))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KIOSK_CONTENT_DIR", str(content))
        patch.setenv("KIOSK_PUBLIC_URL", PUBLIC_URL.removesuffix("/"))  # the setting adds the slash
        status = cli.main(["posters", str(base / "out"), *(arg for lang in LANGUAGES for arg in ("--lang", lang))])
    assert status == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        for slug in CARDS:
            page = pypdfium2.PdfDocument(base / "out" / lang / f"{slug}.pdf")[0]
            page.render(scale=1.5).to_pil().save(SCREENSHOTS / f"{lang}-{slug}.png")
    return base / "out"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("slug", CARDS)
def test_each_poster_is_one_a4_page_titled_in_its_language_with_the_three_numbers(posters, lang, slug):
    reader = pypdf.PdfReader(posters / lang / f"{slug}.pdf")
    assert len(reader.pages) == 1
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width, 1), round(height, 1)) == (round(A4[0], 1), round(A4[1], 1))
    title = translated(lang, {"disabled-children": "Disabled Children",
                              "think-the-unthinkable": "Think the Unthinkable"}[slug], f"{slug}|title")
    assert reader.metadata.title == title
    text = reader.pages[0].extract_text()
    for number in NUMBERS:  # whole and in order: left to right inside Arabic too
        assert number in text
    if lang in ("en", "bg"):  # scripts whose text comes back from a PDF as typed
        assert words(title) in words(text)


def test_a_draft_translation_says_so_and_the_source_language_does_not(posters):
    english = words(pypdf.PdfReader(posters / "en" / f"{CARDS[0]}.pdf").pages[0].extract_text())
    bulgarian = words(pypdf.PdfReader(posters / "bg" / f"{CARDS[0]}.pdf").pages[0].extract_text())
    assert DRAFT not in english
    assert words(translated("bg", DRAFT)) in bulgarian


def test_questions_are_on_the_poster_when_the_card_has_them(posters):
    with_questions = words(pypdf.PdfReader(posters / "en" / "disabled-children.pdf").pages[0].extract_text())
    without = words(pypdf.PdfReader(posters / "en" / "think-the-unthinkable.pdf").pages[0].extract_text())
    assert "Questions to consider" in with_questions
    assert "Is my sympathy for an exhausted carer stopping me from naming a risk?" in with_questions
    assert "Questions to consider" not in without


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_font_is_embedded_and_is_a_bundled_font(posters, lang):
    for slug in CARDS:
        fonts = pypdf.PdfReader(posters / lang / f"{slug}.pdf").pages[0]["/Resources"]["/Font"]
        assert fonts
        for font in (ref.get_object() for ref in fonts.values()):
            described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = described["/FontDescriptor"].get_object()
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]
            assert "+Poster-" in font["/BaseFont"], f"{font['/BaseFont']}: not one of static/fonts/"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_qr_code_leads_to_the_card_at_the_public_address(posters, lang):
    for slug in CARDS:
        image = pypdfium2.PdfDocument(posters / lang / f"{slug}.pdf")[0].render(scale=3).to_pil()
        assert [code.text for code in zxingcpp.read_barcodes(image)] == [f"{PUBLIC_URL}{lang}/themes/{slug}/"]


def test_without_public_url_there_is_no_qr_code_and_a_second_run_replaces_the_first(tmp_path, content_copy, capsys,
                                                                         monkeypatch):
    monkeypatch.setenv("KIOSK_CONTENT_DIR", str(few_cards(content_copy, keep=CARDS[1:])))
    monkeypatch.delenv("KIOSK_PUBLIC_URL", raising=False)
    monkeypatch.setenv("KIOSK_SETTINGS", str(tmp_path / "none.yaml"))
    status, out, err = run_cli(capsys, "posters", str(tmp_path / "out"), "--lang", "en")
    assert status == 0
    assert err == ["[1/1] en/think-the-unthinkable.pdf"]  # progress, one line per poster
    assert re.fullmatch(r"Wrote 1 posters, 1 pages, [\d,]+ bytes to .+ in [\d.]+ s \(1 worker\(s\)\)", out[0])
    assert out[1:] == ["  languages: en", "  no QR codes: the public_url setting is not set (kiosk settings)"]
    image = pypdfium2.PdfDocument(tmp_path / "out" / "en" / f"{CARDS[1]}.pdf")[0].render(scale=3).to_pil()
    assert zxingcpp.read_barcodes(image) == []
    (tmp_path / "out" / "en" / "old-card.pdf").write_bytes(b"%PDF- from an earlier run")
    assert run_cli(capsys, "posters", str(tmp_path / "out"), "--lang", "en")[0] == 0
    assert sorted(p.name for p in (tmp_path / "out" / "en").iterdir()) == [".kiosk-posters", f"{CARDS[1]}.pdf"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "out"]  # no staging folder left beside it


def test_a_card_too_long_for_one_page_is_named_and_nothing_is_written(tmp_path, content_copy, capsys, monkeypatch):
    card = content_copy / "cards" / "think-the-unthinkable.yaml"
    long_points = "".join(f"  - text: Point {i} of a card far too long for one page, written out at length "
                          f"so that it wraps onto a second and a third line of the poster.\n    sources: [HSCB]\n"
                          for i in range(30))
    card.write_text(card.read_text(encoding="utf-8").replace("points:\n", "points:\n" + long_points, 1),
                    encoding="utf-8")
    monkeypatch.setenv("KIOSK_CONTENT_DIR", str(few_cards(content_copy, keep=["think-the-unthinkable"])))
    outdir = tmp_path / "out"
    status, out, err = run_cli(capsys, "posters", str(outdir), "--lang", "en")
    assert status == 1 and out == []
    assert re.fullmatch(rf"en/think-the-unthinkable: needs \d pages even with its text at {SIZES_PT[-1]:g} pt, "
                        r"the smallest allowed; nothing was cut: shorten the card or its en translation", err[0])
    assert err[1:] == [f"1 poster(s) would not fit one page; {outdir} is unchanged"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]  # no OUTDIR, no staging folder


def test_content_error_stops_the_posters_with_the_lines_of_kiosk_check(tmp_path, content_copy, capsys, monkeypatch):
    card = content_copy / "cards" / "child-neglect.yaml"
    card.write_text(card.read_text().replace("title:", "titel:", 1))
    status, _, check_lines = run_cli(capsys, "check", "--content", str(content_copy))
    assert status == 1
    monkeypatch.setenv("KIOSK_CONTENT_DIR", str(content_copy))
    status, out, err = run_cli(capsys, "posters", str(tmp_path / "out"))
    assert status == 1 and out == [] and err == check_lines
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]


def test_posters_refuse_a_language_folder_holding_other_files_and_name_an_unknown_language(tmp_path, capsys):
    (tmp_path / "out" / "en").mkdir(parents=True)
    (tmp_path / "out" / "en" / "notes.txt").write_text("mine")
    status, _, err = run_cli(capsys, "posters", str(tmp_path / "out"), "--lang", "en")
    assert status == 1
    assert err == [f"{tmp_path / 'out' / 'en'} holds files that are not earlier posters; move them or give "
                   "another folder"]
    assert [p.name for p in (tmp_path / "out" / "en").iterdir()] == ["notes.txt"]
    status, _, err = run_cli(capsys, "posters", str(tmp_path / "out"), "--lang", "xx")
    assert status == 1 and err[0].startswith("language 'xx' is not offered (offered: en, ")


def test_the_typesetter_reads_only_the_bundled_fonts_never_the_network(tmp_path):
    from kiosk.posters.render import FONTS_DIR, local_fonts

    fetcher = local_fonts()
    font = next(FONTS_DIR.glob("*.woff2"))
    assert fetcher.fetch(font.as_uri()).read() == font.read_bytes()
    (tmp_path / "elsewhere.woff2").write_bytes(b"wOF2")
    for url in ("https://fonts.example.org/noto.woff2", (tmp_path / "elsewhere.woff2").as_uri(),
                (FONTS_DIR / ".." / "css" / "kiosk.css").as_uri()):
        with pytest.raises(ValueError, match="posters read only the bundled fonts"):
            fetcher.fetch(url)
