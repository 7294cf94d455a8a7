"""Languages: which are offered, how each is named and written, and how content is translated.

English is the source language. Other languages are gettext catalogues under the translations folder
(``<lang>/LC_MESSAGES/messages.po``); Flask-Babel serves them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.dates import format_skeleton, format_time, get_day_names
from babel.lists import format_list
from flask import current_app, g
from flask_babel import Babel, gettext, pgettext
from markupsafe import Markup, escape

from .content import DAYS, Hours, Msg

SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Language:
    code: str  # as in the URL, e.g. "pt-BR" would be "pt_BR" in the catalogue folder
    name: str  # in the language itself: "Türkçe", "العربية"
    direction: str  # "ltr" or "rtl"

    @classmethod
    def of(cls, code: str) -> Language:
        locale = Locale.parse(code.replace("-", "_"))
        name = locale.get_display_name(locale) or code
        return cls(code, name[:1].upper() + name[1:], locale.text_direction)


def find_languages(translations_dir: Path) -> dict[str, Language]:
    """English plus every language with a catalogue, in a stable order."""
    codes = [SOURCE_LANGUAGE]
    if translations_dir.is_dir():
        codes += sorted(p.parent.parent.name for p in translations_dir.glob("*/LC_MESSAGES/messages.po"))
    return {code: Language.of(code) for code in codes}


def offered_languages(found: dict[str, Language], wanted: list[str] | None, logger) -> dict[str, Language]:
    """The languages the settings ask for, among those that have a catalogue (all of them when none are asked)."""
    if not wanted:
        return found
    for code in wanted:
        if code not in found:
            logger.warning("language %r is in the settings but has no catalogue; not offered", code)
    return {code: language for code, language in found.items() if code in wanted} or found


def current_language() -> Language:
    return current_app.config["KIOSK_LANGUAGES"][g.get("lang", current_app.config["DEFAULT_LANGUAGE"])]


def select_locale() -> str:
    return g.get("lang") or current_app.config["DEFAULT_LANGUAGE"]


def translate(msg: Msg) -> Markup:
    """A content string in the page's language; English where no translation exists yet, marked so."""
    text = pgettext(msg.context, str(msg)) if msg.context else gettext(str(msg))
    return mark_untranslated(text, str(msg))


def mark_untranslated(text: str, source: str) -> Markup:
    if text == source and current_language().code != SOURCE_LANGUAGE:
        return Markup('<span lang="en">%s</span>') % source
    return escape(text)


# --- hours, formatted for the page's language ------------------------------------------------------


def format_clock(value: str) -> str:
    """'17:00' as the locale writes a time of day: 5 PM in English, 17:00 in Turkish."""
    locale = Locale.parse(select_locale())
    hour, minute = (int(part) for part in value.split(":"))
    time = dt.time(hour % 24, minute)
    twelve_hour = "h" in locale.time_formats["short"].pattern
    if twelve_hour and minute == 0:
        return format_skeleton("h a", time, locale=locale).lower().replace(" ", "") if locale.language == "en" \
            else format_skeleton("h a", time, locale=locale)
    return format_time(time, "short", locale=locale)


def format_days(days: list[str], width: str = "wide") -> str:
    locale = Locale.parse(select_locale())
    names = get_day_names(width, locale=locale)
    indexes = sorted(DAYS.index(d) for d in days)
    if len(indexes) > 2 and indexes == list(range(indexes[0], indexes[-1] + 1)):
        return gettext("%(first)s to %(last)s", first=names[indexes[0]], last=names[indexes[-1]])
    return format_list([names[i] for i in indexes], locale=locale)


def format_hours(hours: list[Hours], short: bool = False) -> list[str]:
    """One line per span of hours: 'Monday to Friday, 5pm to 9am', or 'Mon to Fri, 5pm to 9am' when short."""
    lines = []
    for span in hours:
        if span.start == "00:00" and span.end == "24:00":
            times = gettext("any time")
        else:
            times = gettext("%(start)s to %(end)s", start=format_clock(span.start), end=format_clock(span.end))
        days = format_days(list(span.days), "abbreviated" if short else "wide")
        lines.append(gettext("%(days)s, %(times)s", days=days, times=times))
    return lines


def init_app(app) -> None:
    translations_dir = Path(app.config["TRANSLATIONS_DIR"])
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(translations_dir)
    app.config["BABEL_DEFAULT_LOCALE"] = SOURCE_LANGUAGE
    languages = offered_languages(find_languages(translations_dir), app.config.get("LANGUAGES"), app.logger)
    app.config["KIOSK_LANGUAGES"] = languages
    if app.config["DEFAULT_LANGUAGE"] not in languages:
        app.logger.warning("default language %r has no catalogue; using English", app.config["DEFAULT_LANGUAGE"])
        app.config["DEFAULT_LANGUAGE"] = SOURCE_LANGUAGE
    Babel(app, locale_selector=select_locale)
    app.jinja_env.filters["t"] = translate
    app.jinja_env.globals.update(pgettext=pgettext, current_language=current_language, format_hours=format_hours)
