"""Languages: which are offered, how each is named and written, and how every string is translated.

English is the source. Other languages are gettext catalogues, ``translations/<lang>/LC_MESSAGES/messages.po``,
compiled to ``.mo`` here at start-up when missing or not matching the ``.po``. A catalogue that cannot be read
disables that one language, with a warning; a language is offered only when its report-a-concern strings are
all translated and `kiosk i18n check` finds no error in it (a broken placeholder would fail or mislead every page). The pseudo-locale (``en-XA``) is generated on the fly from the English, for layout review and
for the test that proves no string escapes gettext.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

import flask_babel
from babel import Locale
from babel.dates import format_skeleton, format_time, get_day_names
from babel.lists import format_list
from flask import g
from markupsafe import Markup, escape

from ..content import DAYS, Hours, Msg
from ..state import kiosk_state
from . import catalogues, checks, pseudo, survey_cache
from .languages import SOURCE_LANGUAGE, Language, find_catalogues, language_of

PANEL_CONTEXT = "report panel"  # context of the panel's interface strings (written out in calls, for the extractor)

log = logging.getLogger(__name__)


@dataclass
class LanguageStatus:
    """Whether a language is offered, and if not, why (shown on the translators' page)."""

    language: Language
    offered: bool
    problem: str = ""
    po_path: Path | None = None
    review: str = ""  # the catalogue's X-Review-Status: draft, reviewed or approved

    @property
    def is_draft(self) -> bool:
        return self.po_path is not None and self.review not in ("reviewed", "approved")


def survey_catalogue(po_path: Path, language: Language) -> dict:
    """Read the catalogue once, compile it if stale, check it; the answer is remembered (survey_cache), with how
    the language is named and written (Babel's locale data for it takes a while to load: issue 16)."""
    catalog = catalogues.read(po_path)  # once: compiling and checking both use it
    translated = catalogues.compile_if_stale(po_path, catalog)
    survey = {"language": [language.name, language.direction, language.babel_locale],
              "translated": sorted(key for key in translated if isinstance(key, str)),  # plural keys are pairs
              "review": catalogues.review_status(po_path),
              # the same errors as `kiosk i18n check`: a renamed or lost placeholder, a changed number ...
              "errors": [str(finding) for finding in checks.check_catalogue(po_path, catalog)
                         if finding.severity == "error"]}
    survey_cache.remember(po_path, survey)
    return survey


def survey_languages(translations_dir: Path, report_keys: set[str], want_pseudo: bool) -> dict[str, LanguageStatus]:
    """English, every catalogue found (compiled if stale), and the pseudo-locale when asked for."""
    statuses = {SOURCE_LANGUAGE: LanguageStatus(Language.of(SOURCE_LANGUAGE), offered=True)}
    for po_path in find_catalogues(translations_dir):
        code = language_of(po_path)
        survey = survey_cache.recall(po_path)
        try:
            language = Language(code, *survey["language"]) if survey else Language.of(code)
        except Exception:
            log.warning("translations/%s: not a known language code; ignored", code)
            continue
        status = LanguageStatus(language, offered=False, po_path=po_path)
        statuses[code] = status
        try:
            survey = survey or survey_catalogue(po_path, language)
        except catalogues.CatalogueError as err:
            status.problem = str(err)
            log.warning("language %s disabled: %s", code, err)
            continue
        status.review = survey["review"]
        missing = sorted(report_keys - set(survey["translated"]))
        if missing:
            context, _, msgid = missing[0].partition("\x04")
            status.problem = f"{len(missing)} report-a-concern string(s) not translated, e.g. {msgid!r} ({context})"
            log.warning("language %s not offered: %s", code, status.problem)
            continue
        errors = survey["errors"]
        if errors:  # the same errors as `kiosk i18n check`: a renamed or lost placeholder, a changed number ...
            status.problem = f"{len(errors)} error(s) found by `kiosk i18n check`, the first: {errors[0]}"
            log.warning("language %s not offered: %s", code, status.problem)
            continue
        status.offered = True
    if want_pseudo:
        statuses[pseudo.CODE] = LanguageStatus(Language.of(pseudo.CODE), offered=True)
    return statuses


# --- translating ----------------------------------------------------------------------------------


def current_status() -> LanguageStatus:
    return kiosk_state().language_status[current_language().code]


def offered_languages(found: dict[str, Language], wanted: list[str] | None, logger) -> dict[str, Language]:
    """The languages the settings ask for, among those that have a catalogue (all of them when none are asked)."""
    if not wanted:
        return found
    for code in wanted:
        if code not in found:
            logger.warning("language %r is in the settings but has no catalogue; not offered", code)
    return {code: language for code, language in found.items() if code in wanted} or found


def current_language() -> Language:
    state = kiosk_state()
    return state.languages.get(g.get("lang"), state.languages[state.default_language])


def select_locale() -> str:
    """Flask-Babel's locale: the page's language (the pseudo-locale formats as English)."""
    return current_language().babel_locale


def lookup(msgid: str, context: str | None = None) -> tuple[str, bool]:
    """The translation of one msgid in the page's language, and whether a translation exists."""
    code = current_language().code
    if code == SOURCE_LANGUAGE:
        return msgid, True
    if code == pseudo.CODE:
        return pseudo.localise(msgid), True
    key = f"{context}\x04{msgid}" if context else msgid
    text = page_catalog(code).get(key)
    return (text, True) if text else (msgid, False)


def page_catalog(code: str) -> dict:
    """The compiled strings of the page's language, fetched once per request: a page looks up hundreds of strings,
    and asking Flask-Babel each time was a fifth of the time a page took to render."""
    cached = g.get("kiosk_catalog")
    if cached is None or cached[0] != code:
        cached = g.kiosk_catalog = (code, getattr(flask_babel.get_translations(), "_catalog", {}))
    return cached[1]


def gettext(msgid: str, context: str | None = None, **variables) -> str:
    """Plain text, for Python code and attributes; English where a translation is missing."""
    text, _ = lookup(msgid, context)
    return text % variables if variables else text


def pgettext(context: str, msgid: str, **variables) -> str:
    return gettext(msgid, context, **variables)


def plural_lookup(singular: str, plural: str, num: int) -> str:
    """The right plural form by the language's own rules (Arabic has six), not yet formatted."""
    code = current_language().code
    english = singular if num == 1 else plural
    if code == SOURCE_LANGUAGE:
        return english
    if code == pseudo.CODE:
        return pseudo.localise(english)
    translations = flask_babel.get_translations()
    found = (singular, 0) in getattr(translations, "_catalog", {})
    return translations.ngettext(singular, plural, num) if found else english


def ngettext(singular: str, plural: str, num: int, **variables) -> str:
    return plural_lookup(singular, plural, num) % {"num": num, **variables}


def marked(msgid: str, context: str | None = None, **variables) -> Markup:
    """For page text: a missing translation shows the English, marked lang="en" so screen readers switch voice,
    and dir="ltr" so on a right-to-left page its punctuation stays where English puts it."""
    text, found = lookup(msgid, context)
    text = escape(text) % {k: escape(v) for k, v in variables.items()} if variables else escape(text)
    return text if found else Markup('<span lang="en" dir="ltr">%s</span>') % text


def translate(msg: Msg) -> Markup:
    """Jinja filter for content strings (cards, contacts, report page)."""
    return marked(str(msg), msg.context or None)


# --- hours, formatted for the page's language ------------------------------------------------------


def _locale() -> Locale:
    return Locale.parse(select_locale())


def _localised_data(text: str) -> str:
    """Dates and times come from Babel's locale data, not gettext; the pseudo-locale still marks them."""
    return pseudo.localise(text) if current_language().code == pseudo.CODE else text


def format_clock(value: str) -> str:
    """'17:00' as the locale writes a time of day: 5pm in English, 17:00 in Turkish."""
    locale = _locale()
    hour, minute = (int(part) for part in value.split(":"))
    time = dt.time(hour % 24, minute)
    if locale.language == "en" and minute == 0:
        return format_skeleton("ha", time, locale=locale).replace(" ", "").replace("\u202f", "").lower()
    return format_time(time, "short", locale=locale)


def format_days(days: list[str], width: str) -> str:
    locale = _locale()
    names = get_day_names(width, locale=locale)
    indexes = sorted(DAYS.index(d) for d in days)
    if len(indexes) > 2 and indexes == list(range(indexes[0], indexes[-1] + 1)):
        return pgettext("report panel", "%(first)s to %(last)s", first=_localised_data(names[indexes[0]]),
                        last=_localised_data(names[indexes[-1]]))
    return _localised_data(format_list([names[i] for i in indexes], locale=locale))


def format_hours(hours: list[Hours], short: bool = False) -> list[str]:
    """One line per span of hours: 'Monday to Friday, 5pm to 9am', or 'Mon to Fri, 5pm to 9am' when short."""
    lines = []
    for span in hours:
        if span.start == "00:00" and span.end == "24:00":
            times = pgettext("report panel", "any time")
        else:
            times = pgettext("report panel", "%(start)s to %(end)s", start=_localised_data(format_clock(span.start)),
                             end=_localised_data(format_clock(span.end)))
        days = format_days(list(span.days), "abbreviated" if short else "wide")
        lines.append(pgettext("report panel", "%(days)s, %(times)s", days=days, times=times))
    return lines


# --- wiring ------------------------------------------------------------------------------------------


def report_keys(translations_dir: Path, library) -> set[str]:
    """Catalogue keys of every string the report-a-concern panel and page need."""
    keys = {f"{m.context}\x04{m}" for m in library.contacts.messages() + library.report.messages()}
    return keys | catalogues.keys_with_context(translations_dir / "messages.pot", PANEL_CONTEXT)


def init_app(app) -> None:
    translations_dir = Path(app.config["TRANSLATIONS_DIR"])
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(translations_dir)
    app.config["BABEL_DEFAULT_LOCALE"] = SOURCE_LANGUAGE
    state = kiosk_state(app)
    statuses = survey_languages(translations_dir, report_keys(translations_dir, state.library),
                                bool(app.config.get("PSEUDO_LOCALE")))
    state.language_status = statuses
    ready = {code: s.language for code, s in statuses.items() if s.offered}
    state.languages = offered_languages(ready, app.config.get("LANGUAGES"), log)
    state.default_language = app.config["DEFAULT_LANGUAGE"]
    if state.default_language not in state.languages:
        # English if it is offered; a kiosk set to offer only, say, Arabic starts in Arabic
        fallback = SOURCE_LANGUAGE if SOURCE_LANGUAGE in state.languages else next(iter(state.languages))
        log.warning("default language %r is not offered; using %s", state.default_language, fallback)
        state.default_language = fallback
    flask_babel.Babel(app, locale_selector=select_locale)
    app.jinja_env.install_gettext_callables(
        gettext=marked, newstyle=True, pgettext=lambda context, msgid, **v: marked(msgid, context, **v),
        ngettext=lambda singular, plural, num: escape(plural_lookup(singular, plural, num)))
    app.jinja_env.filters["t"] = translate
    app.jinja_env.globals.update(current_language=current_language, current_status=current_status,
                                 format_hours=format_hours)
