"""Configuration: built-in defaults, then a YAML settings file, then KIOSK_* environment variables.

The factory applies an explicit ``config`` dict last, which is how tests set things.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

PROJECT_DIR = Path(__file__).resolve().parent.parent

DEFAULTS = {
    "CONTENT_DIR": str(PROJECT_DIR / "content"),
    "TRANSLATIONS_DIR": str(PROJECT_DIR / "translations"),
    "DEFAULT_LANGUAGE": "en",
    "PSEUDO_LOCALE": False,  # offer the pseudo-locale /en-XA/ for layout review
    "OFFLINE_ALL_LANGUAGES": False,  # a device keeps every language offline, not just the ones it reads
}


def load_settings(environ=os.environ) -> dict:
    """Defaults, overlaid by the settings file named in KIOSK_SETTINGS, overlaid by KIOSK_<NAME> variables."""
    settings = dict(DEFAULTS)
    path = environ.get("KIOSK_SETTINGS")
    if path:
        with open(path, encoding="utf-8") as handle:
            from_file = yaml.safe_load(handle) or {}
        settings.update({key.upper(): value for key, value in from_file.items()})
    for name, default in DEFAULTS.items():
        if f"KIOSK_{name}" in environ:
            value = environ[f"KIOSK_{name}"]
            settings[name] = value.strip().lower() in ("1", "true", "yes", "on") if isinstance(default, bool) else value
    return settings
