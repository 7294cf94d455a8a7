"""Languages, without Flask: the source language, how each language is named and written, and which catalogues
exist. Used by the app (kiosk.i18n) and by the fail-safe page, which is written without the app."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError

from . import pseudo

SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Language:
    code: str  # as in the URL and the catalogue folder
    name: str  # in the language itself: "Türkçe", "العربية"
    direction: str  # "ltr" or "rtl"
    babel_locale: str  # the locale whose dates, lists and plural rules apply

    @classmethod
    def of(cls, code: str) -> Language:
        """Raises ValueError (or babel's UnknownLocaleError) for a code that is not a language."""
        if code == pseudo.CODE:
            return cls(code, pseudo.NAME, "ltr", SOURCE_LANGUAGE)
        locale = Locale.parse(code.replace("-", "_"))
        name = locale.get_display_name(locale) or code
        return cls(code, name[:1].upper() + name[1:], locale.text_direction, str(locale))


def direction(code: str) -> str:
    """"ltr" or "rtl"; left to right for a code that is not a known language."""
    try:
        return Language.of(code).direction
    except (ValueError, UnknownLocaleError):
        return "ltr"


def find_catalogues(translations_dir: Path) -> list[Path]:
    return sorted(Path(translations_dir).glob("*/LC_MESSAGES/messages.po"))


def language_of(po_path: Path) -> str:
    return po_path.parent.parent.name
