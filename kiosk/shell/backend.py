"""Which webview this system can open the kiosk window with, or in one line why it cannot.

Linux: Qt WebEngine (``pip install -e '.[kiosk]'`` brings pywebview with PyQt6 and PyQt6-WebEngine).
Windows: the Edge WebView2 runtime that Windows 10 and 11 ship; macOS: the system's WebKit (Cocoa).
Looked up without importing the toolkit, so the answer is quick and nothing is started.
"""

from __future__ import annotations

import importlib.util
import os
import sys

GUI = {"linux": "qt", "win32": "edgechromium", "darwin": "cocoa"}
NEEDS = {"qt": ["webview", "qtpy", "PyQt6.QtWebEngineWidgets"], "edgechromium": ["webview", "clr"],
         "cocoa": ["webview", "WebKit"]}


def installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def choose(environ=os.environ, platform: str = sys.platform) -> tuple[str | None, str]:
    """(pywebview's name for the backend, "") or (None, why there is no window)."""
    system = "linux" if platform.startswith("linux") else platform
    gui = GUI.get(system)
    if gui is None:
        return None, f"no webview backend is known for this system ({platform})"
    if system == "linux" and not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY")):
        return None, "no display found (DISPLAY is not set)"
    missing = [module for module in NEEDS[gui] if not installed(module)]
    if missing:
        return None, f"the webview backend is not installed (missing {', '.join(missing)}; pip install -e '.[kiosk]')"
    return gui, ""
