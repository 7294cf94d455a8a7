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
import sys
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po, write_po

from .settings import PROJECT_DIR, load_settings

PROJECT = "Safeguarding Learning Kiosk"
REVIEW_HEADER = "X-Review-Status"
REVIEW_STATES = ("draft", "reviewed", "approved")
_REVIEW_LINE = re.compile(rf'^"{REVIEW_HEADER}: *([^\\"]*)\\n"$', re.M)
_DIGITS = re.compile(r"\d+")  # any script's digits: a translation must carry exactly the source's numbers
_PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]")


log = logging.getLogger(__name__)


class CatalogueError(Exception):
    """A catalogue that cannot be used; the message names the file and line."""


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


def find_catalogues(translations_dir: Path) -> list[Path]:
    return sorted(Path(translations_dir).glob("*/LC_MESSAGES/messages.po"))


def language_of(po_path: Path) -> str:
    return po_path.parent.parent.name


def display(path: Path) -> str:
    """A path as a translator would type it: relative to the project where possible."""
    try:
        return str(Path(path).resolve().relative_to(PROJECT_DIR))
    except ValueError:
        return str(path)


def read(po_path: Path) -> Catalog:
    """Parse a .po strictly; any syntax or encoding problem is a CatalogueError naming file and line."""
    try:
        _check_text(po_path)
        with open(po_path, "rb") as handle:
            return read_po(handle, locale=language_of(po_path).replace("-", "_"), abort_invalid=True)
    except PoFileError as err:
        what = str(err).rsplit(" on ", 1)[0]
        kind = "wrong number of plural forms for this language" if "num_plurals" in what else "syntax error"
        raise CatalogueError(f"{display(po_path)}:{err.lineno + 1}: {kind}: {what}") from None
    except UnicodeDecodeError as err:
        line = Path(po_path).read_bytes()[: err.start].count(b"\n") + 1
        raise CatalogueError(f"{display(po_path)}:{line}: not valid {err.encoding} text ({err.reason})") from None
    except (OSError, ValueError) as err:
        raise CatalogueError(f"{display(po_path)}: cannot be read: {err}") from None


_STRING_LINE = re.compile(r'^\s*(msgctxt|msgid|msgid_plural|msgstr(\[\d+\])?)?\s*"')
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"\s*')


def _check_text(po_path: Path) -> None:
    """What Babel's reader lets through: bytes that are not text in the catalogue's charset (Babel decodes a line
    at a time, so it cannot say which line), and a string whose closing quote is missing (Babel cuts off its last
    character and reads on)."""
    data = Path(po_path).read_bytes()
    declared = re.search(rb"charset=([A-Za-z0-9_-]+)", data[:4096])
    try:
        text = data.decode(declared.group(1).decode() if declared else "utf-8")
    except LookupError:
        return  # an unknown charset: Babel's reader says so
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise CatalogueError(f"{display(po_path)}:{line}: not valid {err.encoding} text ({err.reason})") from None
    for number, line in enumerate(text.splitlines(), 1):
        start = _STRING_LINE.match(line)
        if start and not _QUOTED.fullmatch(line, start.end() - 1):
            raise CatalogueError(f"{display(po_path)}:{number}: syntax error: a string must be one piece of text "
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
            raise CatalogueError(f"{display(mo_path)}: does not match {po_path.name} and cannot be rebuilt "
                                 f"({err.strerror})") from None
    return {key for key, text in wanted.items() if key and text}


def mo_mismatch(po_path: Path, catalog: Catalog) -> str:
    """Why the compiled catalogue beside ``po_path`` differs from it, or "" (no .mo, or a matching one)."""
    mo_path = po_path.with_suffix(".mo")
    if not mo_path.exists():
        return ""
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
    translated = sum(1 for m in messages if not m.fuzzy and _is_translated(m))
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


def _is_translated(message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings)


def is_content(message) -> bool:
    """Strings from the YAML content (context 'card-slug|field'). They are shown as they are, never
    %-formatted, so a '%' in them ("60% of reviews") is text, not a placeholder."""
    return "|" in (message.context or "")


def _not_a_format_string(message) -> None:
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
        _not_a_format_string(message)
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
        _not_a_format_string(catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context))
    return catalog


def template_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=79, include_lineno=False)
    return buffer.getvalue()


def fresh_template(pot_path: Path, project_dir: Path = PROJECT_DIR) -> tuple[Catalog, bool]:
    """Extract afresh; also say whether ``pot_path`` already holds exactly that (creation date aside)."""
    catalog = extract_template(project_dir)
    if not pot_path.exists():
        return catalog, False
    with open(pot_path, "rb") as handle:
        catalog.creation_date = read_po(handle).creation_date
    return catalog, template_bytes(catalog) == pot_path.read_bytes()


# --- checking ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int
    severity: str  # "error" or "warning"
    what: str
    msgid: str = ""

    def __str__(self) -> str:
        msgid = f" [msgid {self.msgid[:60]!r}]" if self.msgid else ""
        return f"{display(self.path)}:{self.line}: {self.severity}: {self.what}{msgid}"


def check_catalogue(po_path: Path, catalog: Catalog | None = None) -> list[Finding]:
    """Everything a translator must fix (errors) or should look at (warnings), one finding per problem.
    ``catalog``: the .po already read, if it has been."""
    try:
        catalog = read(po_path) if catalog is None else catalog
    except CatalogueError as err:
        where, _, what = str(err).partition(": ")
        path, _, line = where.rpartition(":")
        return [Finding(po_path, int(line) if line.isdigit() else 1, "error", what)]
    findings = []
    for message in catalog:
        if not message.id:
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        line = message.lineno or 1
        if message.fuzzy:
            findings.append(Finding(po_path, line, "error", "fuzzy entry: check the translation, then remove the fuzzy flag", msgid))
            continue
        if not _is_translated(message):
            if is_report_string(message):
                findings.append(Finding(po_path, line, "error", "report-a-concern string not translated", msgid))
            else:
                findings.append(Finding(po_path, line, "warning", "not translated yet (English will show)", msgid))
            continue
        _not_a_format_string(message)
        for error in message.check(catalog=catalog):
            findings.append(Finding(po_path, line, "error", _explain(str(error)), msgid))
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = sorted(set(_PLACEHOLDER.findall(" ".join(sources))))
        for string in strings:
            if not is_content(message) and sorted(set(_PLACEHOLDER.findall(string))) != wanted:
                findings.append(Finding(po_path, line, "error", f"placeholders must match the English exactly: "
                                        f"{sorted(set(_PLACEHOLDER.findall(string)))} vs {wanted}", msgid))
                break
        expected = sorted(_DIGITS.findall(" ".join(sources)))
        for string in strings:
            if sorted(_DIGITS.findall(string)) != expected:
                findings.append(Finding(po_path, line, "error",
                                        f"numbers differ from the English: {_DIGITS.findall(string)} vs {expected}", msgid))
    if review_status(po_path) not in REVIEW_STATES:
        findings.append(Finding(po_path, 1, "error", f"{REVIEW_HEADER} must be one of {', '.join(REVIEW_STATES)}"))
    if mismatch := mo_mismatch(po_path, catalog):
        findings.append(Finding(po_path, 1, "error", mismatch))
    return findings


def _explain(babel_error: str) -> str:
    """Babel's checker messages, in a translator's words."""
    if "placeholders" in babel_error or "format" in babel_error or "%" in babel_error:
        return f"placeholders must match the English exactly ({babel_error})"
    if "plural" in babel_error:
        return f"wrong number of plural forms for this language ({babel_error})"
    return babel_error


# --- commands ----------------------------------------------------------------------------------------


def _translations_dir(args) -> Path:
    return Path(getattr(args, "translations", None) or load_settings()["TRANSLATIONS_DIR"])


def _selected(args) -> list[Path]:
    found = find_catalogues(_translations_dir(args))
    wanted = set(getattr(args, "languages", None) or [])
    return [p for p in found if not wanted or language_of(p) in wanted]


def cmd_extract(args) -> int:
    pot_path = _translations_dir(args) / "messages.pot"
    catalog, current = fresh_template(pot_path)
    if current:
        print(f"{display(pot_path)} is up to date ({len([m for m in catalog if m.id])} strings)")
        return 0
    if args.check:
        print(f"{display(pot_path)} is stale: run `kiosk i18n extract` and then `kiosk i18n update`", file=sys.stderr)
        return 1
    catalog.creation_date = dt.datetime.now(dt.timezone.utc)
    pot_path.parent.mkdir(parents=True, exist_ok=True)
    pot_path.write_bytes(template_bytes(catalog))
    print(f"wrote {display(pot_path)} ({len([m for m in catalog if m.id])} strings)")
    return 0


def cmd_init(args) -> int:
    pot_path = _translations_dir(args) / "messages.pot"
    po_path = _translations_dir(args) / args.language / "LC_MESSAGES" / "messages.po"
    if po_path.exists():
        print(f"{display(po_path)} already exists; use `kiosk i18n update`", file=sys.stderr)
        return 1
    write_catalogue(po_path, new_catalogue(pot_path, args.language), "draft")
    print(f"created {display(po_path)}: open it in Poedit (or any gettext editor) and translate")
    return 0


def cmd_update(args) -> int:
    pot_path = _translations_dir(args) / "messages.pot"
    with open(pot_path, "rb") as handle:
        template = read_po(handle)
    status = 0
    for po_path in _selected(args):
        try:
            catalog = read(po_path)
        except CatalogueError as err:
            print(err, file=sys.stderr)
            status = 1
            continue
        catalog.update(template, update_header_comment=False)
        write_catalogue(po_path, catalog, review_status(po_path))
        print(f"updated {display(po_path)}")
    return status


def cmd_compile(args) -> int:
    status = 0
    for po_path in _selected(args):
        po_path.with_suffix(".mo").unlink(missing_ok=True)
        try:
            compile_if_stale(po_path)
            print(f"compiled {display(po_path.with_suffix('.mo'))}")
        except CatalogueError as err:
            print(err, file=sys.stderr)
            status = 1
    return status


def cmd_check(args) -> int:
    errors = warnings = 0
    for po_path in _selected(args):
        for finding in check_catalogue(po_path):
            if finding.severity == "error":
                errors += 1
                print(finding)
            else:
                warnings += 1
                if args.warnings:
                    print(finding)
    print(f"{errors} error(s), {warnings} warning(s)" + ("" if args.warnings or not warnings else
                                                          " (show warnings with --warnings)"), file=sys.stderr)
    return 1 if errors else 0


def cmd_stats(args) -> int:
    rows = [("language", "translated", "fuzzy", "untranslated", "done", "review", "last updated")]
    for po_path in _selected(args):
        try:
            s = stats(po_path)
            rows.append((language_of(po_path), str(s.translated), str(s.fuzzy), str(s.untranslated),
                         f"{s.percent}%", review_status(po_path), s.last_updated or "never"))
        except CatalogueError as err:
            rows.append((language_of(po_path), "-", "-", "-", "-", "broken", str(err).split(": ", 1)[-1][:40]))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    return 0


def add_commands(commands) -> None:
    i18n = commands.add_parser("i18n", help="translator commands: extract, init, update, compile, check, stats")
    i18n.add_argument("--translations", help="translations folder (default: from settings)")
    sub = i18n.add_subparsers(dest="i18n_command", required=True)
    extract = sub.add_parser("extract", help="collect every string into translations/messages.pot")
    extract.add_argument("--check", action="store_true", help="only report whether messages.pot is stale")
    extract.set_defaults(run=cmd_extract)
    init = sub.add_parser("init", help="start a new language from messages.pot")
    init.add_argument("language", help="language code, e.g. tr")
    init.set_defaults(run=cmd_init)
    for name, run, text in (("update", cmd_update, "merge messages.pot into each language's .po"),
                            ("compile", cmd_compile, "compile each .po to .mo"),
                            ("check", cmd_check, "find problems a translator must fix"),
                            ("stats", cmd_stats, "progress and review status per language")):
        command = sub.add_parser(name, help=text)
        command.add_argument("languages", nargs="*", help="language codes (default: all)")
        if name == "check":
            command.add_argument("--warnings", action="store_true", help="also list untranslated strings")
        command.set_defaults(run=run)
