"""Configuration: built-in defaults, then a YAML settings file, then KIOSK_* environment variables.

The settings file is the one named by ``--settings`` (the launcher and the ``kiosk`` command set
KIOSK_SETTINGS from it), else KIOSK_SETTINGS, else ``settings.yaml`` in the per-user config folder.
A bad value never stops the kiosk: it is reported in one line and the value below it (file, then
default) stands. The factory applies an explicit ``config`` dict last, which is how tests set things.
"""

from __future__ import annotations

import dataclasses
import difflib
import logging
import os
import re
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

import platformdirs
import yaml

from .pin import parse_hash

PROJECT_DIR = Path(__file__).resolve().parent.parent
APP_NAME = "safeguarding-kiosk"

log = logging.getLogger(__name__)


# --- how each setting is read ----------------------------------------------------------------------


def language_code(value) -> str:
    text = str(value).strip()
    if not re.fullmatch(r"[a-z]{2,3}([-_][A-Za-z0-9]{2,8})*", text):
        raise ValueError(f"expected a language code such as 'en' or 'pt-BR', got {value!r}")
    return text


def language_list(value) -> list[str] | None:
    items = value if isinstance(value, list) else str(value).split(",")
    codes = [language_code(item) for item in items if str(item).strip()]
    return codes or None


def seconds_at_least(minimum: int) -> Callable[[object], int]:
    def parse(value) -> int:
        if isinstance(value, bool) or not re.fullmatch(r"\s*\d+\s*", str(value)):
            raise ValueError(f"expected a whole number of seconds, got {value!r}")
        if int(value) < minimum:
            raise ValueError(f"expected at least {minimum} seconds, got {int(value)}")
        return int(value)
    return parse


def yes_or_no(value) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "yes", "on", "1"):
        return True
    if text in ("false", "no", "off", "0"):
        return False
    raise ValueError(f"expected true or false, got {value!r}")


def pin_hash(value) -> str:
    parse_hash(str(value))
    return str(value)


def existing_folder(value) -> str:
    path = Path(str(value)).expanduser()
    if not path.is_dir():
        raise ValueError(f"expected an existing folder, got {str(value)!r}")
    return str(path)


def host_list(value) -> list[str] | None:
    """Host names the app answers to, e.g. [kiosk.intranet.example, .partnership.example] (a leading dot: any
    subdomain); None answers any well-formed Host."""
    items = value if isinstance(value, list) else str(value).split(",")
    hosts = [str(item).strip().lower() for item in items if str(item).strip()]
    for host in hosts:
        if not re.fullmatch(r"\.?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*", host):
            raise ValueError(f"expected host names such as 'kiosk.intranet.example', got {host!r}")
    return hosts or None


def database_url(value) -> str:
    """A SQLAlchemy database URL: sqlite:////path/to/feedback.sqlite3 or postgresql://user:pass@host/db."""
    text = str(value).strip()
    if not re.fullmatch(r"(sqlite|postgresql)(\+\w+)?://.*", text):
        raise ValueError(f"expected sqlite:///FILE or postgresql://USER@HOST/DATABASE, got {text[:60]!r}")
    return text


def default_database_url() -> str:
    return f"sqlite:///{platformdirs.user_data_path(APP_NAME, appauthor=False) / 'feedback.sqlite3'}"


def web_address(value) -> str:
    text = str(value).strip()
    if not re.fullmatch(r"https?://[^\s/?#]+(/\S*)?", text):
        raise ValueError(f"expected an http:// or https:// address, got {text[:60]!r}")
    return text


def origin_list(value) -> list[str] | None:
    """Web origins allowed to send feedback here, e.g. [https://learning.partnership.example]."""
    items = value if isinstance(value, list) else str(value).split(",")
    origins = [str(item).strip().rstrip("/") for item in items if str(item).strip()]
    for origin in origins:
        if not re.fullmatch(r"https?://[^\s/?#]+", origin):
            raise ValueError(f"expected origins such as 'https://learning.example', got {origin!r}")
    return origins or None


def whole_number(minimum: int) -> Callable[[object], int]:
    def parse(value) -> int:
        if isinstance(value, bool) or not re.fullmatch(r"\s*\d+\s*", str(value)) or int(value) < minimum:
            raise ValueError(f"expected a whole number of at least {minimum}, got {value!r}")
        return int(value)
    return parse


def short_name(value) -> str:
    text = str(value).strip()
    if not re.fullmatch(r"[\w .-]{1,60}", text):
        raise ValueError(f"expected a short name (letters, digits, spaces, . - _), got {text[:60]!r}")
    return text


def public_url(value) -> str:
    """Where the static export is published, e.g. https://example.org/safeguarding/ (posters' QR codes lead there)."""
    text = str(value).strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment \
            or any(ch.isspace() for ch in text):
        raise ValueError(f"expected a web address such as 'https://example.org/safeguarding/', got {value!r}")
    return text if text.endswith("/") else text + "/"


def exit_address(value) -> str:
    """Where quick exit leads: a path on this site ('/news/') or a neutral web address ('https://www.bbc.co.uk/weather')."""
    text = str(value).strip()
    parts = urlsplit(text)
    on_this_site = text.startswith("/") and not text.startswith("//") and not parts.scheme
    elsewhere = parts.scheme in ("http", "https") and bool(parts.netloc)
    if not (on_this_site or elsewhere) or any(ch.isspace() or ord(ch) < 0x20 or ch == "\\" for ch in text):
        raise ValueError(f"expected a path on this site such as '/welcome/' or a web address, got {value!r}")
    return text


def folder(value) -> str:
    return str(Path(str(value)).expanduser())


@dataclasses.dataclass(frozen=True)
class Spec:
    name: str  # as written in the settings file; the Flask config key is NAME, the variable KIOSK_NAME
    default: object
    parse: Callable[[object], object]  # raises ValueError with a plain message
    is_path: bool = False


SPECS = [
    Spec("default_language", "en", language_code),
    Spec("languages", None, language_list),  # None: every language that has a catalogue
    Spec("idle_seconds", 120, seconds_at_least(5)),
    Spec("idle_warning_seconds", 30, seconds_at_least(20)),  # WCAG 2.2.1: at least 20 s to answer
    Spec("fullscreen", True, yes_or_no),
    Spec("pin_hash", None, pin_hash),
    Spec("content_dir", str(PROJECT_DIR / "content"), existing_folder, is_path=True),
    Spec("translations_dir", str(PROJECT_DIR / "translations"), folder, is_path=True),
    Spec("pseudo_locale", False, yes_or_no),  # offer the pseudo-locale /en-XA/ for layout review
    Spec("offline_all_languages", False, yes_or_no),  # a device keeps every language offline, not only its own
    Spec("trusted_hosts", None, host_list),  # hosted use: the Host names to answer (None: any well-formed one)
    # feedback ("Was this useful?"): where answers are kept, where a device sends them, who may send them here
    Spec("database_url", default_database_url(), database_url),
    Spec("feedback_url", None, web_address),  # a collector: kiosks and the static export send answers there
    Spec("feedback_origins", None, origin_list),  # other sites whose pages may post answers here (CORS)
    Spec("feedback_comments", True, yes_or_no),  # the comment box (off on touch-only kiosks without typing)
    Spec("feedback_posts_per_minute", 20, whole_number(1)),  # form posts per client per minute
    Spec("feedback_batches_per_minute", 120, whole_number(1)),  # collector posts per client per minute
    Spec("kiosk_name", None, short_name),  # this kiosk's name in the feedback (else "kiosk", or "web")
    Spec("public_url", None, public_url),  # where the static export is published; posters' QR codes lead there
    # quick exit (issue 15): None is off on the kiosk and the live app, on in the static export (README)
    Spec("quick_exit", None, yes_or_no),
    Spec("quick_exit_url", None, exit_address),  # None: the site's own neutral page, kept offline
]
BY_NAME = {spec.name: spec for spec in SPECS}
DEFAULTS = {spec.name.upper(): spec.default for spec in SPECS}


# --- where the values come from ------------------------------------------------------------------


def default_settings_path() -> Path:
    return platformdirs.user_config_path(APP_NAME, appauthor=False) / "settings.yaml"


def settings_path(environ=os.environ) -> Path:
    return Path(environ["KIOSK_SETTINGS"]).expanduser() if environ.get("KIOSK_SETTINGS") else default_settings_path()


@dataclasses.dataclass(frozen=True)
class Value:
    value: object
    origin: str  # "default", "settings file <path>", "environment KIOSK_<NAME>"


@dataclasses.dataclass(frozen=True)
class Resolved:
    path: Path
    values: dict[str, Value]  # by setting name, in SPECS order
    problems: list[str]  # one line each

    def as_config(self) -> dict:
        return {name.upper(): entry.value for name, entry in self.values.items()}


def read_file(path: Path, explicit: bool) -> tuple[dict, list[str]]:
    """The settings file as a dict; a missing default file is simply no settings."""
    if not path.exists():
        return {}, [f"{path}: settings file not found; using the defaults"] if explicit else []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        where = getattr(err, "problem_mark", None)
        line = f":{where.line + 1}" if where else ""
        reason = getattr(err, "problem", None) or err.__class__.__name__
        return {}, [f"{path}{line}: cannot read the settings file ({reason}); using the defaults"]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, [f"{path}: expected 'name: value' lines; using the defaults"]
    return data, []


def resolve(environ=os.environ) -> Resolved:
    """Every setting's effective value and where it came from, and a line for each bad or unknown entry."""
    path = settings_path(environ)
    from_file, problems = read_file(path, explicit=bool(environ.get("KIOSK_SETTINGS")))
    for key in from_file:
        if str(key).lower() not in BY_NAME:
            guess = difflib.get_close_matches(str(key).lower(), BY_NAME, n=1)
            hint = f"; did you mean '{guess[0]}'?" if guess else f"; known settings: {', '.join(BY_NAME)}"
            problems.append(f"{path}: '{key}' is not a known setting{hint}")
    file_values = {str(key).lower(): value for key, value in from_file.items()}

    values = {}
    for spec in SPECS:
        current = Value(spec.default, "default")
        layers = [(file_values, spec.name, str(path), f"settings file {path}", path.parent),
                  (environ, f"KIOSK_{spec.name.upper()}", f"KIOSK_{spec.name.upper()}",
                   f"environment KIOSK_{spec.name.upper()}", Path.cwd())]
        for source, key, where, origin, base in layers:
            raw = source.get(key)
            if raw is None or raw == "":
                continue
            if spec.is_path:
                raw = str(base / Path(str(raw)).expanduser())
            try:
                current = Value(spec.parse(raw), origin)
            except ValueError as err:
                problems.append(f"{where}: {spec.name}: {err}; using {current.value!r} ({current.origin})")
        values[spec.name] = current
    return Resolved(path, values, problems)


def load_settings(environ=os.environ) -> dict:
    """The effective settings as Flask config keys (upper case); bad entries are logged, one line each."""
    resolved = resolve(environ)
    for problem in resolved.problems:
        log.warning("%s", problem)
    return resolved.as_config()


def write_value(path: Path, name: str, value: str) -> None:
    """Set one ``name: value`` line in the settings file, keeping every other line and comment as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    entry = f"{name}: {yaml.safe_dump(value, default_style=None).splitlines()[0]}"
    for i, line in enumerate(lines):
        if re.match(rf"{re.escape(name)}\s*:", line):
            lines[i] = entry
            break
    else:
        lines.append(entry)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
