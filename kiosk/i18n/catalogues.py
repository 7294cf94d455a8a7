"""Gettext catalogues: reading, compiling and checking them, and the `kiosk i18n` commands for translators.

Built on Babel's own API and file layout (babel.cfg, translations/messages.pot,
translations/<lang>/LC_MESSAGES/messages.po), so pybabel and every gettext editor work unchanged.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import os
import logging
import re
import struct
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po, write_po

from ..problems import Problem, ProblemError, display
from ..settings import PROJECT_DIR
from .languages import language_of

PROJECT = "Safeguarding Learning Kiosk"
REVIEW_HEADER = "X-Review-Status"
REVIEW_STATES = ("draft", "reviewed", "approved")
_REVIEW_LINE = re.compile(rf'^"{REVIEW_HEADER}: *([^\\"]*)\\n"$', re.M)


log = logging.getLogger(__name__)


class CatalogueError(ProblemError):
    """A catalogue that cannot be used; ``problem`` names the file and line."""

    def __init__(self, path: Path, line: int | None, message: str):
        self.problem = Problem(path, line, "", message)
        super().__init__([self.problem])


@dataclass(frozen=True)
class Stats:
    translated: int
    fuzzy: int
    untranslated: int
    last_updated: str  # YYYY-MM-DD, or "" if never

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> int:
        return round(100 * self.translated / self.total) if self.total else 100


# --- reading and compiling -----------------------------------------------------------------------------


def read(po_path: Path) -> Catalog:
    """Parse a .po strictly; any syntax or encoding problem is a CatalogueError naming file and line."""
    try:
        _check_text(po_path)
        with open(po_path, "rb") as handle:
            return read_po(handle, locale=language_of(po_path).replace("-", "_"), abort_invalid=True)
    except PoFileError as err:
        what = str(err).rsplit(" on ", 1)[0]
        kind = "wrong number of plural forms for this language" if "num_plurals" in what else "syntax error"
        raise CatalogueError(po_path, err.lineno + 1, f"{kind}: {what}") from None
    except (OSError, ValueError) as err:  # text that is not in its charset never gets here: _check_text names its line
        raise CatalogueError(po_path, None, f"cannot be read: {err}") from None


_STRING_LINE = re.compile(r'^\s*(msgctxt|msgid|msgid_plural|msgstr(\[\d+\])?)?\s*"')
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"\s*')


def _check_text(po_path: Path) -> None:
    """What Babel's reader lets through: bytes that are not text in the catalogue's charset (Babel decodes a line
    at a time, so it cannot say which line), a charset Python does not know, and a string whose closing quote is
    missing (Babel cuts off its last character and reads on)."""
    data = Path(po_path).read_bytes()
    declared = re.search(rb"charset=([A-Za-z0-9_-]+)", data[:4096])
    try:
        text = data.decode(declared.group(1).decode() if declared else "utf-8")
    except LookupError:  # Babel's reader would stop with Python's LookupError, and take the whole app with it
        line = data[: declared.start()].count(b"\n") + 1
        raise CatalogueError(po_path, line, f"unknown charset {declared.group(1).decode()!r}: save the file as "
                                            "UTF-8 and declare charset=UTF-8") from None
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise CatalogueError(po_path, line, f"not valid {err.encoding} text ({err.reason})") from None
    for number, line in enumerate(text.splitlines(), 1):
        start = _STRING_LINE.match(line)
        if start and not _QUOTED.fullmatch(line, start.end() - 1):
            raise CatalogueError(po_path, number, "syntax error: a string must be one piece of text "
                                 f"between double quotes, with any \" inside written as \\\"") from None


def _entries(data: bytes) -> dict | None:
    """The translations a compiled catalogue holds, or None if it cannot be read at all."""
    try:
        return gettext.GNUTranslations(io.BytesIO(data))._catalog
    except (OSError, UnicodeDecodeError, ValueError, IndexError, struct.error):
        return None


def compile_if_stale(po_path: Path, catalog: Catalog | None = None) -> set[str]:
    """Compile the .mo when it is missing or does not hold exactly what the .po says (older, damaged, or from
    another tool with other entries); return the keys it translates. What is served always matches the .po.
    ``catalog``: the .po already read, if it has been."""
    mo_path = po_path.with_suffix(".mo")
    buffer = io.BytesIO()
    write_mo(buffer, read(po_path) if catalog is None else catalog)
    wanted = _entries(buffer.getvalue())
    found = _entries(mo_path.read_bytes()) if mo_path.exists() else None
    if found != wanted:
        if mo_path.exists():
            log.warning("%s did not match %s (%s of %d entries); rebuilt from the .po", display(mo_path),
                        po_path.name, "unreadable" if found is None else len(found), len(wanted))
        try:
            # written aside, then renamed into place: another process starting at the same moment (the server
            # and the fail-safe page, or two test workers) never reads half a file
            partial = mo_path.with_name(f".{mo_path.name}.{os.getpid()}")
            partial.write_bytes(buffer.getvalue())
            os.replace(partial, mo_path)
        except OSError as err:
            raise CatalogueError(mo_path, None, f"does not match {po_path.name} and cannot be rebuilt "
                                 f"({err.strerror})") from None
    return {key for key, text in wanted.items() if key and text}


def mo_mismatch(po_path: Path, catalog: Catalog) -> str:
    """Why the compiled catalogue beside ``po_path`` differs from it although it is newer (damaged, or written
    by something else), or "" (no .mo, a matching one, or one merely older than the .po)."""
    mo_path = po_path.with_suffix(".mo")
    if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
        return ""  # none yet, or older than the .po just edited: it is rebuilt at start, as expected
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    wanted, found = _entries(buffer.getvalue()), _entries(mo_path.read_bytes())
    if found == wanted:
        return ""
    held = "cannot be read" if found is None else f"holds {len(found)} entries, the .po {len(wanted)}"
    return (f"{mo_path.name} does not match {po_path.name} ({held}); the kiosk rebuilds it when it starts, "
            "or run `kiosk i18n compile`")


def review_status(po_path: Path) -> str:
    match = _REVIEW_LINE.search(Path(po_path).read_text(encoding="utf-8", errors="replace"))
    return match.group(1).strip() if match else "draft"


def stats(po_path: Path) -> Stats:
    catalog = read(po_path)
    messages = [m for m in catalog if m.id]
    fuzzy = sum(1 for m in messages if m.fuzzy)
    translated = sum(1 for m in messages if not m.fuzzy and is_translated(m))
    revision = catalog.revision_date
    last = revision.strftime("%Y-%m-%d") if isinstance(revision, dt.datetime) else ""
    return Stats(translated, fuzzy, len(messages) - translated - fuzzy, last)


def keys_with_context(pot_path: Path, prefix: str) -> set[str]:
    """Keys (context + EOT + msgid) of the template's messages whose context starts with ``prefix``."""
    if not Path(pot_path).exists():
        return set()
    with open(pot_path, "rb") as handle:
        catalog = read_po(handle)
    return {f"{m.context}\x04{m.id}" for m in catalog if m.id and m.context and m.context.startswith(prefix)}


def is_translated(message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings)


def is_content(message) -> bool:
    """Strings from the YAML content (context 'card-slug|field'). They are shown as they are, never
    %-formatted, so a '%' in them ("60% of reviews") is text, not a placeholder."""
    return "|" in (message.context or "")


def not_a_format_string(message) -> None:
    if is_content(message):
        message.flags.discard("python-format")


def is_report_string(message) -> bool:
    """Strings of the report-a-concern panel and page: a language is not offered until they are all done."""
    context = message.context or ""
    return context.startswith(("report panel", "contacts|", "report|"))


# --- writing -----------------------------------------------------------------------------------------


def write_catalogue(po_path: Path, catalog: Catalog, status: str) -> None:
    """Write a .po, keeping the review status header (Babel drops headers it does not know)."""
    for message in catalog:
        not_a_format_string(message)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=79, include_lineno=False)
    text = buffer.getvalue().decode("utf-8")
    text = text.replace('"Generated-By:', f'"{REVIEW_HEADER}: {status}\\n"\n"Generated-By:', 1)
    po_path.parent.mkdir(parents=True, exist_ok=True)
    po_path.write_text(text, encoding="utf-8")


def new_catalogue(pot_path: Path, language: str) -> Catalog:
    """An empty catalogue for a new language, with that language's plural rules."""
    with open(pot_path, "rb") as handle:
        template = read_po(handle)
    catalog = Catalog(locale=language.replace("-", "_"), project=PROJECT, version="1", charset="utf-8",
                      fuzzy=False, language_team=language, msgid_bugs_address="", last_translator="",
                      header_comment=f"# {language} translation of the {PROJECT}.\n"
                                     f"# {REVIEW_HEADER} (below) stays 'draft' until a qualified translator approves it.\n"
                                     "# How to translate and check: TRANSLATING.md")
    catalog.update(template)
    return catalog


def extract_template(project_dir: Path = PROJECT_DIR) -> Catalog:
    """Every translatable string in code, templates and content, as babel.cfg describes."""
    with open(project_dir / "babel.cfg", encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    catalog = Catalog(project=PROJECT, version="1", msgid_bugs_address="", charset="utf-8", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
            project_dir, method_map, options_map, keywords=DEFAULT_KEYWORDS,
            comment_tags=("Translators:",), strip_comment_tags=True):
        not_a_format_string(catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context))
    return catalog


def template_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=79, include_lineno=False)
    return buffer.getvalue()


def _messages_of(catalog: Catalog) -> list[tuple]:
    """What a template says to translators, without the header (Babel writes its own version into it) and
    however the comments were wrapped."""
    return sorted((m.context or "", str(m.id), sorted({filename for filename, _ in m.locations}),
                   " ".join(" ".join(m.auto_comments).split())) for m in catalog if m.id)


def fresh_template(pot_path: Path, project_dir: Path = PROJECT_DIR) -> tuple[Catalog, bool]:
    """Extract afresh; also say whether ``pot_path`` already holds the same messages: ids, contexts, files
    and translator comments (the header is Babel's to write, and Babel guesses format flags as it reads)."""
    catalog = extract_template(project_dir)
    if not pot_path.exists():
        return catalog, False
    with open(pot_path, "rb") as handle:
        existing = read_po(handle)
    catalog.creation_date = existing.creation_date
    return catalog, _messages_of(catalog) == _messages_of(existing)
