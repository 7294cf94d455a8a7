"""`kiosk export OUTDIR`: the whole site as plain files that any web server or static host can serve, installable
and working offline.

Frozen-Flask renders exactly the precache list of kiosk/offline.py (every page of every offered language, the
shared files, the offline pages) plus the service worker, so what a device keeps offline and what the export
holds cannot drift apart. Links carry the site's address path (``--base-url``), so the site works under a
sub-path such as https://example.org/safeguarding/. The site is written to a folder beside OUTDIR and swapped in
at the end: bad content or catalogues, or any failure, leave OUTDIR as it was.
"""

from __future__ import annotations

import dataclasses
import os
import secrets
import shutil
import time
import warnings
from pathlib import Path
from urllib.parse import urlsplit

from flask import g
from flask_frozen import Freezer, MissingURLGeneratorWarning

from . import create_app, offline, precompress
from .i18n import checks, languages
from .content import ContentError
from .settings import load_settings

BUDGET_ONE_LANGUAGE = 400_000  # bytes: the offline pack of one language (its pages and the shared files) as stored
BUDGET_ALL_LANGUAGES = 5_000_000  # bytes: the whole export (4 MB until search, who-to-call-now and feedback added ~0.2 MB)
BUDGET_SECONDS = 10.0  # exporting every language, on the development machine
MARKER = ".kiosk-export"  # marks a folder as an export, which the next export may replace


class ExportStopped(Exception):
    """The export did not happen; ``lines`` say why, and OUTDIR is as it was."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        super().__init__("\n".join(lines))


@dataclasses.dataclass(frozen=True)
class Summary:
    outdir: Path
    base_url: str
    pages: int  # HTML pages
    files: int
    total_bytes: int
    language_bytes: dict[str, int]  # each language's own pages
    pack_bytes: dict[str, int]  # what a device keeps for one language: its pages, the shared files, the worker,
    #                             as the service worker stores them (text compressed: offline.stored_size)
    pack_file_bytes: dict[str, int]  # the same files as they lie in the export
    seconds: float
    all_languages: bool  # devices keep every language offline (--all-languages), not only the ones they read

    def over_budget(self) -> list[str]:
        """One line per budget this export breaks."""
        over = [f"offline pack for {code}: {size:,} bytes, budget {BUDGET_ONE_LANGUAGE:,}"
                for code, size in self.pack_bytes.items() if size >= BUDGET_ONE_LANGUAGE]
        if self.total_bytes >= BUDGET_ALL_LANGUAGES:
            over.append(f"all languages: {self.total_bytes:,} bytes, budget {BUDGET_ALL_LANGUAGES:,}")
        if self.seconds >= BUDGET_SECONDS:
            over.append(f"export time: {self.seconds:.1f} s, budget {BUDGET_SECONDS:.0f} s")
        return over


def site_path(base_url: str) -> str:
    """'/safeguarding/' from '/safeguarding', 'safeguarding/' or 'https://example.org/safeguarding/'."""
    path = urlsplit(base_url).path.strip("/")
    return f"/{path}/" if path else "/"


def catalogue_problems(app) -> list[str]:
    """The errors `kiosk check` finds in the catalogues: a broken one would export half-translated pages."""
    return [str(finding) for po_path in languages.find_catalogues(Path(app.config["TRANSLATIONS_DIR"]))
            for finding in checks.check_catalogue(po_path) if finding.severity == "error"]


def refuse_to_replace(outdir: Path) -> None:
    """OUTDIR is replaced whole, so it must be new, empty, or an earlier export: never someone's files."""
    if outdir.exists() and not outdir.is_dir():
        raise ExportStopped([f"{outdir} is a file; give a folder to export to"])
    if outdir.is_dir() and any(outdir.iterdir()) and not (outdir / MARKER).exists():
        raise ExportStopped([f"{outdir} is not empty and holds no earlier export; give an empty or new folder"])


def export_site(outdir, base_url: str = "/", config: dict | None = None, progress=None) -> Summary:
    """Write the site to OUTDIR. ``progress(done, total, path)`` is called after each file."""
    started = time.perf_counter()
    outdir = Path(outdir).absolute()
    refuse_to_replace(outdir)
    root = site_path(base_url)
    base = f"http://localhost{root}"  # the host is never written: links are paths
    settings = {**load_settings(), **(config or {})}
    try:
        app = create_app({**settings, "KIOSK_STATIC_EXPORT": True, "FREEZER_BASE_URL": base,
                          "FREEZER_REDIRECT_POLICY": "error", "FREEZER_IGNORE_MIMETYPE_WARNINGS": True})
    except ContentError as err:
        raise ExportStopped(err.report(settings["CONTENT_DIR"])) from err
    problems = catalogue_problems(app)
    if problems:
        raise ExportStopped(problems)
    app.url_value_preprocessors.setdefault(None, []).insert(0, forget_previous_page)  # before the language is read

    outdir.parent.mkdir(parents=True, exist_ok=True)
    staging = outdir.with_name(f".{outdir.name}.export-{secrets.token_hex(4)}")
    staging.mkdir()
    try:
        app.config["FREEZER_DESTINATION"] = str(staging)
        freezer = Freezer(app, with_static_files=False, with_no_argument_rules=False)
        freezer.register_generator(site_urls)
        with app.test_request_context(base_url=base):
            total = len(list(site_urls())) + 1  # and 404.html, written after them
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", MissingURLGeneratorWarning)  # healthz and text-size stay live-only
            for done, page in enumerate(freezer.freeze_yield(), 1):
                if progress:
                    progress(done, total, page.path.as_posix())
        not_found = app.test_client().get("/-/not-found/", base_url=base)
        if not_found.status_code != 404:
            raise RuntimeError(f"the not-found page answered {not_found.status}")
        (staging / "404.html").write_bytes(not_found.get_data())  # static hosts show it for unknown addresses
        if progress:
            progress(total, total, "404.html")
        precompress.precompress(staging)  # .gz and .br beside every text file, for the host to send as they are
        (staging / MARKER).write_text("Written by `kiosk export`; the next export replaces this whole folder.\n")
        with app.test_request_context(base_url=base):
            precache = offline.precache_manifest()
        swap_in(staging, outdir)
    except Exception as err:
        shutil.rmtree(staging, ignore_errors=True)
        raise ExportStopped([f"export failed: {err}", f"{outdir} is unchanged"]) from err
    except BaseException:  # Ctrl+C
        shutil.rmtree(staging, ignore_errors=True)
        raise
    all_languages = offline.is_on(app.config.get("OFFLINE_ALL_LANGUAGES", False))
    return measure(outdir, root, precache, time.perf_counter() - started, all_languages)


def forget_previous_page(endpoint, values) -> None:
    """Frozen-Flask renders every page inside one app context, so ``g`` would carry one page's language into
    the next page that has none in its address (the site root). Each page starts afresh, as on a server."""
    for name in list(g):
        g.pop(name)


def site_urls():
    """Frozen-Flask's list: the precache list, the files written but not kept, then the service worker (which must sit at the site root)."""
    shared, pages = offline.precache_endpoints()
    entries = [*shared, *(entry for entries in pages.values() for entry in entries),
               *offline.export_only_endpoints(),  # icons and the fonts' licence: written, not kept by devices
               ("offline.service_worker", {})]
    seen = set()
    for endpoint, values in entries:  # once each: languages may share a font file
        if (endpoint, tuple(sorted(values.items()))) not in seen:
            seen.add((endpoint, tuple(sorted(values.items()))))
            yield endpoint, values


def swap_in(staging: Path, outdir: Path) -> None:
    """Put the finished site in OUTDIR's place; the earlier export goes only once the new one is there."""
    old = outdir.with_name(f".{outdir.name}.old-{secrets.token_hex(4)}") if outdir.exists() else None
    if old:
        os.rename(outdir, old)
    try:
        os.rename(staging, outdir)
    except OSError:
        if old:
            os.rename(old, outdir)
        raise
    if old:
        shutil.rmtree(old)


def measure(outdir: Path, root: str, precache: dict, seconds: float, all_languages: bool) -> Summary:
    def read(url: str) -> bytes:
        path = url[len(root):]
        return (outdir / (path + "index.html" if path.endswith("/") or not path else path)).read_bytes()

    def sizes(urls) -> tuple[int, int]:  # (in the export, as stored)
        data = [(url, read(url)) for url in urls]
        return sum(len(d) for _, d in data), sum(offline.stored_size(url, d) for url, d in data)

    files = [p for p in outdir.rglob("*")  # the site's own files: the precompressed copies are the host's business
             if p.is_file() and p.name != MARKER and not p.name.endswith(precompress.SUFFIXES)]
    worker = (outdir / "service-worker.js").read_bytes()  # stored by the browser as a script, as it is
    shared = [a + b for a, b in zip(sizes(precache["shared"]), (len(worker), len(worker)))]
    own = {code: sizes(set(entries) - set(precache["shared"]))  # a device keeps a file once
           for code, entries in precache["languages"].items()}
    return Summary(outdir=outdir, base_url=root, pages=sum(p.suffix == ".html" for p in files), files=len(files),
                   total_bytes=sum(p.stat().st_size for p in files),
                   language_bytes={code: in_files for code, (in_files, _) in own.items()},
                   pack_bytes={code: shared[1] + stored for code, (_, stored) in own.items()},
                   pack_file_bytes={code: shared[0] + in_files for code, (in_files, _) in own.items()},
                   seconds=seconds, all_languages=all_languages)
