"""`kiosk i18n extract | init | update | compile | check | stats`: the translators' commands."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from ..i18n import catalogues, checks, languages
from ..settings import load_settings


def _translations_dir(args) -> Path:
    return Path(getattr(args, "translations", None) or load_settings()["TRANSLATIONS_DIR"])


def _selected(args) -> list[Path]:
    found = languages.find_catalogues(_translations_dir(args))
    wanted = set(getattr(args, "languages", None) or [])
    return [p for p in found if not wanted or languages.language_of(p) in wanted]


def cmd_extract(args) -> int:
    pot_path = _translations_dir(args) / "messages.pot"
    catalog, current = catalogues.fresh_template(pot_path)
    if current:
        print(f"{catalogues.display(pot_path)} is up to date ({len([m for m in catalog if m.id])} strings)")
        return 0
    if args.check:
        print(f"{catalogues.display(pot_path)} is stale: run `kiosk i18n extract` and then `kiosk i18n update`", file=sys.stderr)
        return 1
    catalog.creation_date = dt.datetime.now(dt.timezone.utc)
    pot_path.parent.mkdir(parents=True, exist_ok=True)
    pot_path.write_bytes(catalogues.template_bytes(catalog))
    print(f"wrote {catalogues.display(pot_path)} ({len([m for m in catalog if m.id])} strings)")
    return 0


def cmd_init(args) -> int:
    pot_path = _translations_dir(args) / "messages.pot"
    po_path = _translations_dir(args) / args.language / "LC_MESSAGES" / "messages.po"
    if po_path.exists():
        print(f"{catalogues.display(po_path)} already exists; use `kiosk i18n update`", file=sys.stderr)
        return 1
    catalogues.write_catalogue(po_path, catalogues.new_catalogue(pot_path, args.language), "draft")
    print(f"created {catalogues.display(po_path)}: open it in Poedit (or any gettext editor) and translate")
    return 0


def cmd_update(args) -> int:
    pot_path = _translations_dir(args) / "messages.pot"
    with open(pot_path, "rb") as handle:
        template = read_po(handle)
    status = 0
    for po_path in _selected(args):
        try:
            catalog = catalogues.read(po_path)
        except catalogues.CatalogueError as err:
            print(err, file=sys.stderr)
            status = 1
            continue
        before = _translations_of(catalog)
        catalog.update(template, update_header_comment=False)
        if _translations_of(catalog) != before:  # the merge changed what a reader sees: the header says when
            catalog.revision_date = dt.datetime.now(dt.timezone.utc)
        catalogues.write_catalogue(po_path, catalog, catalogues.review_status(po_path))
        print(f"updated {catalogues.display(po_path)}")
    return status


def _translations_of(catalog: Catalog) -> dict:
    return {(m.context, m.id): (m.string, m.fuzzy) for m in catalog if m.id}


def cmd_compile(args) -> int:
    status = 0
    for po_path in _selected(args):
        po_path.with_suffix(".mo").unlink(missing_ok=True)
        try:
            catalogues.compile_if_stale(po_path)
            print(f"compiled {catalogues.display(po_path.with_suffix('.mo'))}")
        except catalogues.CatalogueError as err:
            print(err, file=sys.stderr)
            status = 1
    return status


def cmd_check(args) -> int:
    errors = warnings = 0
    for po_path in _selected(args):
        for finding in checks.check_catalogue(po_path):
            if finding.severity == "error":
                errors += 1
                print(finding)
            else:
                warnings += 1
                if args.warnings:
                    print(finding)
    print(f"{errors} error(s), {warnings} warning(s)" + ("" if args.warnings or not warnings else
                                                          " (show warnings with --warnings)"))
    return 1 if errors else 0


def cmd_stats(args) -> int:
    rows = [("language", "translated", "fuzzy", "untranslated", "done", "review", "last updated")]
    for po_path in _selected(args):
        try:
            s = catalogues.stats(po_path)
            rows.append((languages.language_of(po_path), str(s.translated), str(s.fuzzy), str(s.untranslated),
                         f"{s.percent}%", catalogues.review_status(po_path), s.last_updated or "never"))
        except catalogues.CatalogueError as err:
            rows.append((languages.language_of(po_path), "-", "-", "-", "-", "broken", err.problem.message[:40]))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    print()
    print(STATS_LEGEND)
    return 0


STATS_LEGEND = """\
translated    strings with a translation; fuzzy: guesses by `kiosk i18n update`, to check; untranslated: the
              English shows instead
review        the X-Review-Status header: draft (not yet checked by a qualified translator; pages say so and
              link to the English), reviewed, or approved
last updated  the PO-Revision-Date header: when the translations last changed (a gettext editor sets it on
              save, `kiosk i18n update` when merging changes them); never: no date has been set"""


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
