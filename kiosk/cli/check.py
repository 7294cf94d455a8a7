"""`kiosk check`: the content and the catalogues, one line per problem."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from .. import contacts_now, content
from ..i18n import checks, languages
from ..settings import load_settings


def check(args) -> int:
    """Validate the content and the catalogues; one line per problem, exit status 1 if there are any."""
    settings = load_settings()
    content_dir = Path(args.content or settings["CONTENT_DIR"])
    try:
        library = content.load(content_dir)
    except content.ContentError as err:
        print(*err.report(content_dir), sep="\n", file=sys.stderr)
        return 1
    groups = {name: len(library.group(name)) for name in (content.KEY_MESSAGE, content.POSTER_THEME)}
    print(f"content OK: {groups[content.KEY_MESSAGE]} key messages, {groups[content.POSTER_THEME]} poster themes, "
          f"{len(library.contacts.contacts)} contacts ({content_dir})")
    for warning in contacts_now.plan_warnings(library.contacts, dt.date.today()):
        print(f"warning: {content.display(content_dir / 'contacts.yaml')}: {warning}", file=sys.stderr)
    po_paths = languages.find_catalogues(Path(settings["TRANSLATIONS_DIR"]))
    errors = [f for po in po_paths for f in checks.check_catalogue(po) if f.severity == "error"]
    for finding in errors:
        print(finding, file=sys.stderr)
    print(f"catalogues: {len(po_paths)} checked, {len(errors)} error(s)" + (" (details: kiosk i18n check)" if errors else ""))
    return 1 if errors else 0


def add_commands(commands) -> None:
    check_parser = commands.add_parser("check", help="validate the content files")
    check_parser.add_argument("--content", help="content folder (default: from settings)")
    check_parser.set_defaults(run=check)
