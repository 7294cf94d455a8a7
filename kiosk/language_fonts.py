"""Each language's fonts: only the glyphs its pages can show, and a tiny face for the language picker's names.

What a language's pages can show is known without rendering them: its catalogue (translations, and the English
it falls back to), the content files, the templates' own characters, and the Babel data the hours are written
with. kiosk/fonts cuts the bundled Noto files down to those characters (a file is served whole when a cut would
save little: small files, or a language using most of a file). The picker's names (English, Türkçe, العربية,
বাংলা ...) get their own family, "Language Names", cut to just those characters, preloaded on every page and
shown with ``font-display: block``, so a name is never drawn in a fallback font (boxes) at first paint.

Everything is served as static files with hashed names (kiosk/static_files.py): per language one stylesheet,
``fonts/<code>.css``, holding the @font-face rules of the language and of the names. Cuts are kept on disk
(the per-user cache folder) by a key of what goes in, so only the first start after a change pays for them.
"""

from __future__ import annotations

import string
import threading
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from babel import Locale

from . import fonts
from .i18n import pseudo
from .i18n.languages import SOURCE_LANGUAGE
from .settings import APP_NAME
from .state import kiosk_state
from .static_files import static_files

NAMES_FAMILY = "Language Names"
FONT_DIR = "fonts"  # under static/
WHOLE_BELOW = 10_000  # bytes: bundled files this small are served whole (a cut would save little)
WHOLE_ABOVE = 0.5  # a language using this share of a file's characters gets it whole
# Characters any page may show besides its words: ASCII (numbers, addresses), no-break spaces, punctuation.
ALWAYS = string.printable + "\u00a0\u00b7\u2009\u200c\u200d\u200e\u200f\u2010\u2011\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u202f\u2212"
PLANNING = threading.RLock()  # one plan per app; planning may ask for static names, which may ask for the plan
PICKER_RULE = f'.language-picker [lang] {{ font-family: "{NAMES_FAMILY}", var(--font); }}\n'


@dataclass(frozen=True)
class LanguageFonts:
    stylesheet: str  # static file name of the language's font stylesheet
    files: tuple[str, ...]  # static file names a device keeps for this language (stylesheet and its own fonts)
    preload: tuple[str, ...]  # fetched with the stylesheet, so they are there at first paint (no text jumps when a
    #                           late font swaps in): the language's own faces and the picker's names faces


def cache_dir() -> Path:
    return platformdirs.user_cache_path(APP_NAME, appauthor=False) / "font-subsets"


def babel_text(locale_code: str) -> str:
    """What Babel writes hours, days and lists with in this locale."""
    locale = Locale.parse(locale_code)
    data = [locale.days, locale.day_periods, locale.list_patterns, locale.time_formats, locale.number_symbols,
            locale._data.get("datetime_skeletons", {})]
    return "".join(str(part) for part in data)


def shared_text(app) -> str:
    """What every language's pages may show whatever the language: the content files and the templates."""
    content = Path(app.config["CONTENT_DIR"])
    templates = Path(app.root_path) / "templates"
    return "".join(p.read_text(encoding="utf-8") for folder in (content, templates)
                   for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix in (".yaml", ".yml", ".html"))


def language_text(app, code: str, shared: str) -> str:
    state = kiosk_state(app)
    language = state.languages[code]
    translations = Path(app.config["TRANSLATIONS_DIR"])
    status = state.language_status.get(code)
    if status is not None and status.po_path is not None:
        words = status.po_path.read_text(encoding="utf-8")
    else:
        words = (translations / "messages.pot").read_text(encoding="utf-8") if (translations / "messages.pot").is_file() else ""
    text = words + shared + ALWAYS + babel_text(language.babel_locale)
    if code == pseudo.CODE:
        text += pseudo.localise(text)
    return text


def _register_face(app, face: fonts.Face, folder: str) -> str:
    """The static name the face is served under: the bundled file itself, or a registered cut."""
    whole = fonts.source_path(Path(app.static_folder) / FONT_DIR, face.stem.rsplit("-", 1)[0], face.weight)
    _, cmap = fonts.source_info(whole, cache_dir())
    if folder != "names" and (whole.stat().st_size < WHOLE_BELOW or len(face.codepoints) >= WHOLE_ABOVE * len(cmap)):
        return f"{FONT_DIR}/{whole.name}"
    name = f"{FONT_DIR}/{folder}/{face.stem}.woff2"
    static_files(app).register(name, lambda: fonts.subset(face, cache_dir()), digest=face.key)
    return name


class _Plans:
    """One app's font plans: the picker's names faces and the shared text once, then each language when first
    asked for (issue 16: planning all eleven, Babel's data for each included, held up the kiosk's first page)."""

    def __init__(self, app):
        self.files = static_files(app)
        self.font_dir = Path(app.static_folder) / FONT_DIR
        names_text = "".join(language.name for language in kiosk_state(app).languages.values())
        self.names = [(face, _register_face(app, face, "names"))
                      for face in fonts.faces_for(names_text, self.font_dir, family=NAMES_FAMILY, weights=(400,),
                                                     cache_dir=cache_dir())]
        self.shared = shared_text(app)
        self.by_language: dict[str, LanguageFonts] = {}

    def plan(self, app, code: str) -> LanguageFonts:
        own = [(face, _register_face(app, face, code))
               for face in fonts.faces_for(language_text(app, code, self.shared), self.font_dir, cache_dir=cache_dir())]
        stylesheet, files, names = f"{FONT_DIR}/{code}.css", self.files, self.names

        def make() -> bytes:  # relative addresses: the stylesheet sits in fonts/ beside them
            rule = lambda face, name, display: fonts.font_face(  # noqa: E731
                face, files.hashed_name(name)[len(FONT_DIR) + 1:], display)
            return ("".join(rule(face, name, "swap") for face, name in own)
                    + "".join(rule(face, name, "block") for face, name in names) + PICKER_RULE).encode()

        files.register(stylesheet, make)
        own_files = tuple(dict.fromkeys(name for _, name in own))
        return LanguageFonts(stylesheet, (stylesheet, *own_files), own_files + tuple(name for _, name in names))


def language_fonts(app, code: str) -> LanguageFonts:
    state = kiosk_state(app)
    if code not in state.languages:
        code = SOURCE_LANGUAGE if SOURCE_LANGUAGE in state.languages else next(iter(state.languages))
    plans = state.fonts
    if plans is None or code not in plans.by_language:
        with PLANNING:
            if state.fonts is None:
                state.fonts = _Plans(app)
            plans = state.fonts
            if code not in plans.by_language:
                plans.by_language[code] = plans.plan(app, code)
    return plans.by_language[code]


def plan_all(app) -> None:
    """Every language's plan: registers every language's font files, as a static file asked for by name needs."""
    for code in kiosk_state(app).languages:
        language_fonts(app, code)


def plan_fonts(app) -> None:
    """Plan the default language's fonts ahead (the server does this in the background as it starts)."""
    try:
        language_fonts(app, kiosk_state(app).default_language)
    except Exception:  # the first page tries again, and fails with the friendly page
        app.logger.exception("the languages' fonts could not be planned ahead")


def shared_files(app) -> list[str]:
    """The names faces: every language's pages preload them (and only them: each language keeps its own)."""
    plan = language_fonts(app, kiosk_state(app).default_language)
    return [name for name in plan.preload if name not in plan.files]


def init_app(app) -> None:
    static_files(app).add_generator(lambda: plan_all(app))
