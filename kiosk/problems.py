"""Mistakes in the files people edit (content YAML, translation catalogues), one plain line each.

Content editors and translators are not programmers: every mistake comes back as file, line, where in the file
and what was expected, never as a traceback. Content and catalogue checks share this one type, so `kiosk check`,
the log and the translators' page word them alike.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from .settings import PROJECT_DIR

CATALOGUE_SUFFIXES = (".po", ".pot", ".mo")


@dataclasses.dataclass(frozen=True)
class Problem:
    """One mistake. ``field``: the YAML field (``points[2].sources``), or a catalogue entry's msgid.
    ``excerpt``: for a syntax error, the damaged line quoted under it."""

    path: Path
    line: int | None
    field: str
    message: str
    excerpt: str = ""
    severity: str = "error"  # or "warning": worth a look, does not stop anything

    def __str__(self) -> str:
        shown = display(self.path)
        where = f"{shown}:{self.line}" if self.line else shown
        if Path(self.path).suffix in CATALOGUE_SUFFIXES:
            # as gettext's own tools word it: severity first, the entry's msgid last
            msgid = f" [msgid {self.field[:60]!r}]" if self.field else ""
            text = f"{where}: {self.severity}: {self.message}{msgid}"
        else:
            severity = " warning:" if self.severity == "warning" else ""
            field = f" field '{self.field}':" if self.field else ""
            text = f"{where}:{severity}{field} {self.message}"
        return text + (f"\n{self.excerpt}" if self.excerpt else "")


def display(path: Path) -> str:
    """A path as the editor would type it: relative to the project (``content/cards/...``) where it is inside."""
    try:
        return str(Path(path).resolve().relative_to(PROJECT_DIR))
    except ValueError:
        return str(path)


class ProblemError(Exception):
    """A file that cannot be used; ``problems`` has one entry per mistake."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
