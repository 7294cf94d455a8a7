"""`kiosk posters OUTDIR`: every card as a one-page A4 PDF poster, in every offered language (or those asked for),
written to OUTDIR/<lang>/<slug>.pdf.

Content and catalogues are checked first, with the same lines as `kiosk check`. Every poster is typeset into a
folder beside OUTDIR (kiosk.posters.render: the app's templates, WeasyPrint, the bundled fonts); only when all of
them fit one page is each language's folder swapped in whole (kiosk.export's swap), so a failure or a card that
does not fit leaves OUTDIR as it was. A language folder in OUTDIR that holds anything but earlier posters is
refused. Typesetting runs in worker processes, one per core (WeasyPrint is single-threaded).
"""

from __future__ import annotations

import dataclasses
import os
import secrets
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .. import create_app
from ..content import ContentError
from ..export import catalogue_problems, swap_in
from ..settings import load_settings
from ..state import kiosk_state
from .render import DoesNotFit, Poster, make_poster

MARKER = ".kiosk-posters"  # marks a language folder as written by `kiosk posters`, which the next run may replace


class PostersStopped(Exception):
    """No posters were written; ``lines`` say why, and OUTDIR is as it was."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        super().__init__("\n".join(lines))


@dataclasses.dataclass(frozen=True)
class Summary:
    outdir: Path
    languages: list[str]
    files: int
    pages: int
    total_bytes: int
    smallest_pt: dict[str, float]  # per language, the smallest type any of its cards needed
    with_qr: bool
    seconds: float
    workers: int


def missing_requirements() -> str | None:
    """Why posters cannot be typeset on this machine (WeasyPrint, segno or the system's Pango missing), or None."""
    try:
        import segno  # noqa: F401
        import weasyprint  # noqa: F401  (raises OSError when Pango cannot be loaded)
    except (ImportError, OSError) as err:
        return f"{err.__class__.__name__}: {err}"
    return None


def wanted_languages(app, asked: list[str] | None) -> list[str]:
    offered = list(kiosk_state(app).languages)
    unknown = [code for code in asked or [] if code not in offered]
    if unknown:
        raise PostersStopped([f"language {code!r} is not offered (offered: {', '.join(offered)}; a language "
                              f"missing here is explained by `kiosk i18n check`)" for code in unknown])
    return [code for code in offered if code in asked] if asked else offered


def refuse_to_replace(outdir: Path, languages: list[str]) -> None:
    """Each OUTDIR/<lang> is replaced whole, so it must be new, empty, or earlier posters: never someone's files."""
    if outdir.exists() and not outdir.is_dir():
        raise PostersStopped([f"{outdir} is a file; give a folder to write the posters to"])
    folders = [outdir / code for code in languages]
    busy = [folder for folder in folders if folder.exists() and not (folder / MARKER).exists()
            and (not folder.is_dir() or any(folder.iterdir()))]
    if busy:
        raise PostersStopped([f"{path} holds files that are not earlier posters; move them or give another folder"
                              for path in busy])


_worker_app = None


def _start_worker(config: dict) -> None:
    global _worker_app
    _worker_app = create_app(config)


def _typeset(job: tuple[str, str], app=None) -> Poster | DoesNotFit:
    try:
        return make_poster(app or _worker_app, *job)
    except DoesNotFit as err:
        return err


def typeset_all(app, settings: dict, jobs: list[tuple[str, str]], workers: int):
    """Each job's Poster (or DoesNotFit), in order: in worker processes, each with its own app, or here."""
    if workers == 1:
        yield from (_typeset(job, app) for job in jobs)
        return
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(settings,)) as pool:
        yield from pool.map(_typeset, jobs)


def make_posters(outdir, languages: list[str] | None = None, config: dict | None = None, progress=None,
                 workers: int | None = None) -> Summary:
    """Write the posters; ``progress(done, total, path)`` is called after each one is typeset."""
    started = time.perf_counter()
    outdir = Path(outdir).absolute()
    settings = {**load_settings(), **(config or {})}
    try:
        app = create_app(settings)
    except ContentError as err:
        raise PostersStopped(err.report(settings["CONTENT_DIR"])) from err
    problems = catalogue_problems(app)
    if problems:
        raise PostersStopped(problems)
    codes = wanted_languages(app, languages)
    refuse_to_replace(outdir, codes)
    jobs = [(code, slug) for code in codes for slug in kiosk_state(app).library.cards]
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))

    outdir.parent.mkdir(parents=True, exist_ok=True)
    staging = outdir.with_name(f".{outdir.name}.posters-{secrets.token_hex(4)}")
    staging.mkdir()
    try:
        too_long, smallest, pages, total_bytes = [], {}, 0, 0
        for done, result in enumerate(typeset_all(app, settings, jobs, workers), 1):
            if isinstance(result, DoesNotFit):
                too_long.append(str(result))
                continue
            path = staging / result.lang / f"{result.slug}.pdf"
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(result.pdf)
            pages, total_bytes = pages + 1, total_bytes + len(result.pdf)
            smallest[result.lang] = min(smallest.get(result.lang, result.size_pt), result.size_pt)
            if progress:
                progress(done, len(jobs), f"{result.lang}/{result.slug}.pdf")
        if too_long:
            raise PostersStopped([*too_long, f"{len(too_long)} poster(s) would not fit one page; "
                                  f"{outdir} is unchanged"])
        outdir.mkdir(exist_ok=True)
        for code in codes:
            (staging / code / MARKER).write_text("Written by `kiosk posters`; the next run replaces this folder.\n")
            swap_in(staging / code, outdir / code)
    except PostersStopped:
        raise
    except Exception as err:
        raise PostersStopped([f"posters failed: {err}", f"{outdir} is unchanged"]) from err
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Summary(outdir=outdir, languages=codes, files=len(jobs), pages=pages, total_bytes=total_bytes,
                   smallest_pt=smallest, with_qr=bool(app.config.get("PUBLIC_URL")),
                   seconds=time.perf_counter() - started, workers=workers)
