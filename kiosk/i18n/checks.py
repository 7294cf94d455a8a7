"""`kiosk i18n check`'s findings: what a translator must fix (errors) or should look at (warnings).

The running app applies the same checks: a language with an error is not offered.
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog, TranslationError
from babel.messages.checkers import python_format

from ..problems import Problem
from .catalogues import (REVIEW_HEADER, REVIEW_STATES, CatalogueError, is_translated, not_a_format_string,
                         is_content, is_report_string, mo_mismatch, read, review_status)

_DIGITS = re.compile(r"\d+")  # any script's digits: a translation must carry exactly the source's numbers
_PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]")


def check_catalogue(po_path: Path, catalog: Catalog | None = None) -> list[Problem]:
    """Everything a translator must fix (errors) or should look at (warnings), one finding per problem.
    ``catalog``: the .po already read, if it has been."""
    try:
        catalog = read(po_path) if catalog is None else catalog
    except CatalogueError as err:
        return [err.problem]
    findings = []
    for message in catalog:
        if not message.id:
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        line = message.lineno or 1
        if message.fuzzy:
            findings.append(_problem(po_path, line, "error", "fuzzy entry: check the translation, then remove the fuzzy flag", msgid))
            continue
        plural_problem = _plural_problem(message, catalog.num_plurals)
        if plural_problem:
            findings.append(_problem(po_path, line, "error", plural_problem, msgid))
            continue
        if not is_translated(message):
            if is_report_string(message):
                findings.append(_problem(po_path, line, "error", "report-a-concern string not translated", msgid))
            else:
                findings.append(_problem(po_path, line, "warning", "not translated yet (English will show)", msgid))
            continue
        not_a_format_string(message)
        try:  # Babel's placeholder checker (its plural count is _plural_problem's, above)
            python_format(catalog, message)
        except TranslationError as error:
            findings.append(_problem(po_path, line, "error", f"placeholders must match the English exactly ({error})",
                                     msgid))
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = sorted(set(_PLACEHOLDER.findall(" ".join(sources))))
        for string in strings:
            if not is_content(message) and sorted(set(_PLACEHOLDER.findall(string))) != wanted:
                findings.append(_problem(po_path, line, "error", f"placeholders must match the English exactly: "
                                        f"{sorted(set(_PLACEHOLDER.findall(string)))} vs {wanted}", msgid))
                break
        expected = sorted(_DIGITS.findall(" ".join(sources)))
        for string in strings:
            if sorted(_DIGITS.findall(string)) != expected:
                findings.append(_problem(po_path, line, "error",
                                        f"numbers differ from the English: {_DIGITS.findall(string)} vs {expected}", msgid))
    if review_status(po_path) not in REVIEW_STATES:
        findings.append(_problem(po_path, 1, "error", f"{REVIEW_HEADER} must be one of {', '.join(REVIEW_STATES)}"))
    if mismatch := mo_mismatch(po_path, catalog):
        findings.append(_problem(po_path, 1, "error", mismatch))
    return findings


def _problem(po_path: Path, line: int, severity: str, message: str, msgid: str = "") -> Problem:
    return Problem(po_path, line, msgid, message, severity=severity)


def _plural_problem(message, forms: int) -> str:
    """Our own count, whatever Babel's reader does with extra or missing forms (it pads missing ones with "")."""
    if not message.pluralizable:
        return ""
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    if len(strings) != forms:
        return f"wrong number of plural forms for this language: {len(strings)} given, {forms} expected"
    empty = [i for i, string in enumerate(strings) if not string]
    if empty and len(empty) < forms:
        return (f"wrong number of plural forms for this language: msgstr[{empty[0]}] is missing or empty "
                f"({forms} expected)")
    return ""
