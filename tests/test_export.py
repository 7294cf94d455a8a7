"""`kiosk export`: every page of every language as plain files, links that work under a sub-path, a summary
with the budget, and no half-written site when the content or a catalogue is broken."""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from kiosk import cli, create_app
from kiosk.cli.export import print_summary
from kiosk.export import MARKER, export_site
from kiosk.security import CONTENT_SECURITY_POLICY
from kiosk.state import kiosk_state

LINK = re.compile(r"""(?:href|src|data-service-worker)="([^"]+)"|url=([^"]+)""")


def precache_of(folder: Path) -> dict:
    source = (folder / "service-worker.js").read_text(encoding="utf-8")
    return json.loads(re.match(r"self\.PRECACHE = (.*);\n", source).group(1))


def file_for(folder: Path, root: str, url: str) -> Path:
    """The exported file a static host serves for a same-site address path."""
    assert url.startswith(root), f"{url} is outside the site's address path {root}"
    path = url[len(root):]
    return folder / (path + "index.html" if path.endswith("/") or not path else path)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def site_files(folder: Path) -> list[Path]:
    """The site's own files: not the marker, nor the precompressed copies beside them."""
    return [p for p in sorted(folder.rglob("*")) if p.is_file() and p.name != MARKER and p.suffix not in (".gz", ".br")]


def exported_static(folder: Path, name: str) -> Path:
    """The exported copy of a static file, whose name carries the hash of its bytes (css/kiosk.css -> css/kiosk.<hash>.css)."""
    stem, _, suffix = name.rpartition(".")
    (found,) = folder.glob(f"static/{stem}.*.{suffix}")
    return found


@pytest.fixture(scope="module")
def two_languages(tmp_path_factory, other_language) -> tuple[Path, str, object]:
    translations, code = other_language
    folder = tmp_path_factory.mktemp("export") / "site"
    summary = export_site(folder, "/safeguarding/", {"TRANSLATIONS_DIR": str(translations)})
    return folder, code, summary


def test_export_writes_every_page_of_every_language_and_the_shared_files(two_languages):
    folder, code, summary = two_languages
    slugs = list(kiosk_state(create_app()).library.cards)
    for lang in ("en", code):
        for path in [f"{lang}/", f"{lang}/report/", f"{lang}/search/", f"{lang}/offline/",
                     *(f"{lang}/themes/{s}/" for s in slugs)]:
            page = (folder / path / "index.html").read_text(encoding="utf-8")
            assert f'<html lang="{lang}"' in page, path
        assert json.loads((folder / lang / "manifest.webmanifest").read_text())["lang"] == lang
        assert json.loads((folder / lang / "search" / "index.json").read_text())["lang"] == lang
    for name in ("index.html", "404.html", "service-worker.js"):
        assert (folder / name).is_file(), name
    for name in ("css/kiosk.css", "js/kiosk.js", "js/offline.js", "icons/icon-512.png"):
        assert exported_static(folder, name).is_file(), name
    assert not list(folder.glob("static/js/service-worker*"))  # only the worker at the root, with its list
    # home, cards, report, search, offline, quick exit's neutral page; the root and 404.html
    assert summary.pages == 2 * (len(slugs) + 5) + 2
    assert summary.files == len(site_files(folder))
    assert summary.total_bytes == sum(p.stat().st_size for p in site_files(folder))
    assert set(summary.language_bytes) == {"en", code} and all(summary.language_bytes.values())


def test_the_export_has_quick_exit_on_and_its_neutral_page_kept_offline(two_languages):
    """Issue 15: on by default in the export (README, "Quick exit"), leading to each language's own neutral page,
    which is written and kept by the service worker."""
    folder, code, _ = two_languages
    precache = precache_of(folder)
    for lang in ("en", code):
        page = (folder / lang / "report" / "index.html").read_text(encoding="utf-8")
        assert f'class="quick-exit-button" href="/safeguarding/{lang}/welcome/"' in page
        assert (folder / lang / "welcome" / "index.html").is_file()
        assert f"/safeguarding/{lang}/welcome/" in precache["languages"][lang]


@pytest.mark.parametrize("base_url", ["/", "/safeguarding/"])
def test_every_link_in_the_export_leads_to_an_exported_file(tmp_path, base_url):
    folder = tmp_path / "site"
    export_site(folder, base_url)
    site = f"http://tablet.example{base_url}"
    for page in folder.rglob("*.html"):
        checked = 0
        page_url = site + page.relative_to(folder).as_posix().removesuffix("index.html")
        for match in LINK.finditer(page.read_text(encoding="utf-8")):
            link = urljoin(page_url, match.group(1) or match.group(2))
            parts = urlsplit(link)
            if parts.scheme == "tel" or (parts.path == urlsplit(page_url).path and parts.fragment):
                continue
            assert parts.netloc == "tablet.example", f"{page}: {link} leaves the site"
            assert file_for(folder, base_url, parts.path).is_file(), f"{page}: {link} is not in the export"
            checked += 1
        # stylesheet, scripts, manifest, icons, home...; quick exit's neutral page has its stylesheets only
        assert checked >= (2 if page.parent.name == "welcome" else 7), f"{page}: only {checked} links found"
    manifest = json.loads((folder / "en" / "manifest.webmanifest").read_text())
    for url in [manifest["start_url"], manifest["scope"], *(icon["src"] for icon in manifest["icons"])]:
        assert file_for(folder, base_url, url).is_file(), url
    assert manifest["scope"] == base_url and manifest["id"] == base_url


def test_the_service_worker_lists_every_exported_file_with_the_hash_of_its_bytes(two_languages):
    folder, code, _ = two_languages
    precache = precache_of(folder)
    entries = {**precache["shared"], **precache["languages"]["en"], **precache["languages"][code]}
    for url, digest in entries.items():
        assert hashlib.sha256(file_for(folder, "/safeguarding/", url).read_bytes()).hexdigest()[:16] == digest, url
    listed = {file_for(folder, "/safeguarding/", url) for url in entries}
    unlisted = {p.relative_to(folder).as_posix() for p in site_files(folder) if p not in listed}
    # written for hosts and installs, not kept on devices: the worker itself, 404.html, the icons, the fonts' licence,
    # MiniSearch's licence and version note
    assert {name for name in unlisted if not name.startswith(("static/icons/", "static/fonts/OFL.",
                                                              "static/js/vendor/minisearch."))} == {
        "service-worker.js", "404.html"}
    assert len(unlisted) == 2 + 3 + 1 + 2
    assert precache["offlinePages"] == {lang: f"/safeguarding/{lang}/offline/" for lang in ("en", code)}


def test_a_changed_card_changes_only_its_own_precache_entry(tmp_path, content_copy):
    export_site(tmp_path / "before", "/", {"CONTENT_DIR": str(content_copy)})
    card = content_copy / "cards" / "think-the-unthinkable.yaml"
    card.write_text(card.read_text().replace("workers are respectful but", "workers are respectful and"))  # a key point
    export_site(tmp_path / "after", "/", {"CONTENT_DIR": str(content_copy)})
    before, after = precache_of(tmp_path / "before"), precache_of(tmp_path / "after")
    changed = [url for url, digest in after["languages"]["en"].items() if before["languages"]["en"][url] != digest]
    assert changed == ["/en/themes/think-the-unthinkable/", "/en/search/index.json"]  # the card, and what search reads
    assert before["shared"] == after["shared"] and before["version"] != after["version"]


def run_cli(capsys, *args) -> tuple[int, list[str], list[str]]:
    status = cli.main(list(args))
    out, err = capsys.readouterr()
    return status, out.splitlines(), err.splitlines()


def test_content_error_stops_the_export_with_the_lines_of_kiosk_check(tmp_path, content_copy, capsys, monkeypatch):
    outdir = tmp_path / "site"
    export_site(outdir, "/")
    before = snapshot(outdir)
    card = content_copy / "cards" / "child-neglect.yaml"
    card.write_text(card.read_text().replace("title:", "titel:", 1))
    status, _, check_lines = run_cli(capsys, "check", "--content", str(content_copy))
    assert status == 1

    monkeypatch.setenv("KIOSK_CONTENT_DIR", str(content_copy))
    status, out, err = run_cli(capsys, "export", str(outdir))
    assert status == 1 and out == []
    assert err == check_lines
    assert snapshot(outdir) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site"]  # nothing half-written beside it


def test_broken_catalogue_stops_the_export_naming_file_and_line(tmp_path, other_language, capsys, monkeypatch):
    translations = tmp_path / "translations"
    shutil.copytree(other_language[0], translations)
    po = next(translations.glob("*/LC_MESSAGES/messages.po"))
    text = po.read_text(encoding="utf-8").rstrip("\n") + '\n\nmsgid "Broken"\nmsgstrr "a misspelt keyword"\n'
    po.write_text(text, encoding="utf-8")
    monkeypatch.setenv("KIOSK_TRANSLATIONS_DIR", str(translations))
    status, out, err = run_cli(capsys, "export", str(tmp_path / "site"))
    assert status == 1 and out == []
    (line,) = err  # after our words, Babel's own (which change between its releases)
    assert line.startswith(f"{po}:{len(text.splitlines())}: error: syntax error: ")
    assert not (tmp_path / "site").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["translations"]


def test_export_refuses_to_replace_a_folder_that_is_not_an_export(tmp_path, capsys):
    outdir = tmp_path / "documents"
    outdir.mkdir()
    (outdir / "notes.txt").write_text("mine")
    status, _, err = run_cli(capsys, "export", str(outdir))
    assert status == 1
    assert err == [f"{outdir} is not empty and holds no earlier export; give an empty or new folder"]
    assert snapshot(outdir) == {"notes.txt": b"mine"}


def test_export_replaces_an_earlier_export_whole(tmp_path, capsys):
    outdir = tmp_path / "site"
    export_site(outdir, "/")
    (outdir / "en" / "stale.html").write_text("from an older export")
    assert run_cli(capsys, "export", str(outdir))[0] == 0
    assert not (outdir / "en" / "stale.html").exists() and (outdir / "en" / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_export_shows_progress_and_ends_with_a_summary_and_the_budget(tmp_path, capsys):
    status, out, err = run_cli(capsys, "export", str(tmp_path / "site"), "--base-url", "/safeguarding/",
                               "--all-languages")
    assert status == 0
    files = len(site_files(tmp_path / "site"))
    # progress counts the files the summary counts, 404.html (written last) included
    assert [line.split("]")[0] for line in err] == [f"[{done:>{len(str(files))}}/{files}" for done in range(1, files + 1)]
    assert err[-1].endswith("] 404.html")
    total = sum(p.stat().st_size for p in site_files(tmp_path / "site"))
    app = create_app()
    pages = len(kiosk_state(app).languages) * (len(kiosk_state(app).library.cards) + 5) + 2  # + quick exit's page
    assert re.match(rf"Exported {pages} pages, {files} files, {total:,} bytes to .*site for /safeguarding/ in ", out[0])
    assert out[1] == "  Devices keep every language offline (--all-languages)"
    assert re.match(r"  en +\d[\d,.]* kB +\d[\d,.]* kB +\d[\d,.]* kB$", out[3]), out  # own, pack in files, as stored
    languages = len(kiosk_state(app).languages)
    total_line = out[3 + languages]  # after the summary, keeping, header and a line per language
    assert total_line.startswith("  all languages ") and "budget 5 MB" in total_line and "budget 10 s" in total_line
    # sizes are within budget; the time depends on the machine's load and is benchmarks/export.py's to measure
    assert [line for line in out[4 + languages:] if "export time" not in line] == []


def test_summary_says_devices_keep_only_their_languages_without_the_flag(two_languages, capsys):
    *_, summary = two_languages
    print_summary(summary)
    assert capsys.readouterr().out.splitlines()[1] == (
        "  Devices keep offline the languages they read (--all-languages for every one)")


def test_every_exported_page_carries_the_security_policy_itself(two_languages):
    """A static host may send no headers: each page's own <meta> policy is then all that stands."""
    folder, *_ = two_languages
    pages = sorted(folder.rglob("*.html"))
    wanted = [part for part in CONTENT_SECURITY_POLICY.split("; ") if not part.startswith("frame-ancestors")]
    assert len(pages) > 10
    for page in pages:
        meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page.read_text("utf-8"))
        assert meta, f"{page.relative_to(folder)} has no Content-Security-Policy of its own"
        assert html.unescape(meta.group(1)).split("; ") == wanted, page.relative_to(folder)


def test_each_language_loads_and_keeps_only_its_own_fonts_and_the_picker_names(two_languages):
    folder, code, _ = two_languages
    precache = precache_of(folder)
    names_faces = set()
    for lang, script in (("en", "latin"), (code, "arabic")):
        page = (folder / lang / "index.html").read_text(encoding="utf-8")
        (stylesheet,) = re.findall(r'<link rel="stylesheet" href="(/safeguarding/static/fonts/[^"]+\.css)">', page)
        fonts = [urljoin(stylesheet, url) for url in re.findall(r'url\("([^"]+)"\)',
                                                               file_for(folder, "/safeguarding/", stylesheet).read_text())]
        preloaded = re.findall(r'<link rel="preload" href="([^"]+)" as="font" type="font/woff2" crossorigin>', page)
        assert preloaded and set(preloaded) == set(fonts)  # the picker's names and its own faces, there at first paint
        names = [url for url in fonts if "/fonts/names/" in url]
        own = [url for url in fonts if url not in names]
        assert any(script in url for url in own)
        assert not any(other in url for url in own for other in {"latin-ext", "cyrillic", "arabic", "bengali"} - {script})
        for url in fonts:
            assert file_for(folder, "/safeguarding/", url).is_file(), f"{url} is not in the export"
        assert {stylesheet, *own} <= set(precache["languages"][lang])
        assert set(names) <= set(precache["shared"])
        names_faces.update(names)
    assert len(names_faces) == 2  # the scripts of the offered languages' names (Latin, Arabic), shared by both


def test_every_text_file_has_gzip_and_brotli_copies_with_the_same_bytes(two_languages):
    import brotli
    import gzip

    folder, *_ = two_languages
    text = [p for p in site_files(folder) if p.suffix in {".html", ".css", ".js", ".webmanifest"}]
    assert len(text) > 40
    for path in text:
        data = path.read_bytes()
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == data, path
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == data, path


def test_a_failed_swap_leaves_the_earlier_export_as_it_was_and_no_staging_folder(tmp_path, capsys, monkeypatch):
    """Fault injection: the one step that cannot be made to fail for real as root is the final rename."""
    outdir = tmp_path / "site"
    export_site(outdir, "/")
    before = snapshot(outdir)
    real_rename = os.rename

    def rename(source, target):
        if Path(source).name.startswith(".site.export-"):
            raise OSError(28, "No space left on device")
        real_rename(source, target)

    monkeypatch.setattr(os, "rename", rename)
    status, out, err = run_cli(capsys, "export", str(outdir))
    assert status == 1 and out == []
    assert err[-2:] == ["export failed: [Errno 28] No space left on device", f"{outdir} is unchanged"]
    assert snapshot(outdir) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no staging folder, no set-aside old export
