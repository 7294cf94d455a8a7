"""The kiosk window: pywebview, fullscreen, on the app's own pages only.

One thread (``watch``) decides what the window shows: the fail-safe page while the server is not
answering, the home page again once it answers, and the home page, fresh, when nobody has touched the
screen for the idle time.

The page talks to the launcher through pywebview's shared state only (``window.pywebview.state``), because
pywebview's ``js_api`` builds its functions with ``new Function``, which the app's CSP rightly refuses:
the page sets its activity key when someone touches it, and its PIN key when staff type a PIN; the
launcher answers in the PIN-result key and forgets the PIN at once (the keys: kiosk/window_state.py).

Only the staff PIN and a stop signal from the system close the window. The window manager's close (Alt+F4,
a close key or button) is refused; a window lost any other way ends the launcher with WINDOW_LOST, a
failure status, so the service that started it starts it again.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from pathlib import Path
from urllib.parse import urlsplit

import webview

from .. import pin, window_state
from .idle import IdleWatch
from .logs import Repeated
from .supervisor import Supervisor

log = logging.getLogger(__name__)

WINDOW_LOST = 3  # exit status when the window is gone without the staff PIN or a stop signal
TITLE = "Safeguarding Learning Kiosk"
USER_AGENT = "Mozilla/5.0 (compatible; SafeguardingKiosk/0.1; pywebview)"
# Pinch zoom and swipe-to-go-back off; the page's own text-size control is the way to enlarge text.
CHROMIUM_FLAGS = ["--disable-pinch", "--overscroll-history-navigation=0"]


class KioskWindow:
    def __init__(self, gui: str, config: dict, supervisor: Supervisor, failsafe_url: str,
                 pin_state: Path | None = None):
        self.gui = gui
        self.config = config
        self.supervisor = supervisor
        self.failsafe_url = failsafe_url
        self.origin = supervisor.origin
        self.default_home = f"/{config['DEFAULT_LANGUAGE']}/"  # until the app has said its own (see home)
        self.idle = IdleWatch(config["IDLE_SECONDS"], config["IDLE_WARNING_SECONDS"])
        self.gate = pin.PinGate(config["PIN_HASH"], pin_state)
        self.wake = threading.Event()
        self.closed = threading.Event()
        self.close_reason: str | None = None  # set by the staff PIN or a stop signal, the only closes allowed
        self.refuse_close = Repeated(log, "refused to close the window (the window manager's close, such as Alt+F4): "
                                          "only the staff PIN closes the kiosk")
        self.crashed = threading.Event()
        self.failing = threading.Event()  # a page failed to load: is the server still there?
        self.showing_failsafe = False
        self.shown_app = False  # none of the app's pages shown yet: the fail-safe page since the window opened
        self.window = None
        supervisor.on_change = lambda healthy: self.wake.set()

    # --- what the page tells the launcher ---------------------------------------------------------------

    def on_state(self, kind, key, value) -> None:
        if kind != "change":
            return
        if key == window_state.ACTIVITY:
            self.idle.touch()
        elif key == window_state.PIN and isinstance(value, dict):
            del self.window.state[window_state.PIN]
            self.try_pin(str(value.get("pin", "")), value.get("id"))

    def try_pin(self, typed: str, request_id) -> None:
        attempt = self.gate.attempt(typed)
        if attempt.ok:
            self.close("closed with the staff PIN")
            return
        self.window.state[window_state.PIN_RESULT] = {"id": request_id, "ok": False, "wait": attempt.wait,
                                               "pinSet": self.gate.stored is not None}

    # --- what may be shown ----------------------------------------------------------------------------

    def allowed(self, url: str) -> bool:
        if url == self.failsafe_url:
            return True
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}" == self.origin

    def refused(self, url: str) -> None:
        log.warning("refused to open %s: the kiosk stays on its own pages", url)

    def load_failed(self, url: str) -> None:
        log.warning("%s did not load", url)
        self.failing.set()
        self.wake.set()

    def renderer_crashed(self, reason: str) -> None:
        log.warning("the page's renderer stopped (%s)", reason)
        self.crashed.set()
        self.wake.set()

    def on_loaded(self) -> None:
        """Every page load counts as activity; any backend without a navigation guard is brought back here."""
        self.idle.touch()
        url = self.window.get_current_url() or ""
        if url and not self.allowed(url):
            self.refused(url)
            self.window.load_url(self.home)

    # --- changing what is shown -------------------------------------------------------------------------

    def show_failsafe(self) -> None:
        if not self.showing_failsafe:
            log.warning("showing the fail-safe page")
            self.showing_failsafe = True
            self.window.load_url(self.failsafe_url)

    @property
    def home(self) -> str:
        """The home page in the default language the app offers (it falls back to English when the settings
        name a language it has no catalogue for), as the app says in /healthz."""
        return self.supervisor.address("home", self.default_home)

    @property
    def fresh_home(self) -> str:
        """The app's own text-size route puts the size back to normal, then shows the home page."""
        return self.supervisor.address("reset", f"{self.default_home}text-size/?size=1&next={self.default_home}")

    def go_home(self, why: str) -> None:
        log.info("back to the home page: %s", why)
        self.showing_failsafe = False
        # The first time, straight there: a window that has shown no page of the app has no text size to put
        # back (private mode keeps no cookie from an earlier start), and the reset's redirect costs a round trip
        # while the kiosk starts. (pywebview's clear_cookies crashes Qt from this thread.)
        self.window.load_url(self.fresh_home if self.shown_app else self.home)
        self.shown_app = True
        self.idle.touch()

    def on_closing(self) -> bool:
        """Asked before the window closes; False keeps it open."""
        if self.close_reason:
            return True
        self.refuse_close()
        return False

    def close(self, why: str) -> None:
        log.info("kiosk %s", why)
        self.close_reason = why
        self.closed.set()
        self.wake.set()
        self.window.destroy()

    def stop(self, signum, _frame) -> None:
        """A stop signal from the system (SIGTERM at shutdown) or a terminal (Ctrl+C) closes the kiosk cleanly."""
        self.close(f"stopped ({signal.Signals(signum).name})")

    def watch(self) -> None:
        while not self.closed.is_set():
            self.wake.wait(1.0)
            self.wake.clear()
            if self.closed.is_set():
                return
            if self.failing.is_set():
                self.failing.clear()
                if not self.supervisor.answers():
                    self.show_failsafe()
                    continue
            if not self.supervisor.healthy:
                self.show_failsafe()
            elif self.showing_failsafe:
                self.go_home("the server answers again")
            elif self.crashed.is_set():
                self.crashed.clear()
                self.go_home("the page stopped")
            elif self.idle.expired():
                self.go_home("nobody has used the kiosk for a while")

    # --- running ----------------------------------------------------------------------------------------

    def run(self, first_url: str) -> int:
        flags = list(CHROMIUM_FLAGS)
        if hasattr(os, "geteuid") and os.geteuid() == 0:  # Chromium refuses to start its sandbox as root
            log.warning("running as root, so the web view runs without its sandbox; run the kiosk as an ordinary user")
            flags.append("--no-sandbox")
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join(
            [os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", ""), *flags]).strip()
        webview.settings["OPEN_EXTERNAL_LINKS_IN_BROWSER"] = False
        webview.settings["ALLOW_DOWNLOADS"] = False
        if self.gui == "qt":
            from . import qt_guard

            qt_guard.install(self.allowed, self.refused, self.load_failed, self.renderer_crashed)
        self.showing_failsafe = first_url == self.failsafe_url
        self.shown_app = not self.showing_failsafe
        self.window = webview.create_window(
            TITLE, first_url, fullscreen=self.config["FULLSCREEN"], width=1280, height=800,
            # text_select=True only stops pywebview injecting an inline style (the CSP refuses it);
            # static/css/kiosk-shell.css turns selection off instead.
            text_select=True, zoomable=False, draggable=False, background_color="#FFFFFF")
        self.window.events.loaded += self.on_loaded
        self.window.state += self.on_state
        self.window.events.closing += self.on_closing
        self.window.events.closed += lambda: (self.closed.set(), self.wake.set())
        if self.gate.stored is None:
            log.warning("no staff PIN is set, so the kiosk cannot be closed from the screen; run `kiosk set-pin`")
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        if self.gui == "qt":  # pywebview puts in its own Ctrl+C handler as the window opens; ours closes it properly
            from webview.platforms import qt as qt_backend

            qt_backend._sigint_handler = self.stop
        webview.start(self.watch, gui=self.gui, private_mode=True, user_agent=USER_AGENT)
        self.closed.set()  # the window may be gone without a closed event: the watch thread ends too
        self.wake.set()
        if self.close_reason:
            return 0
        log.error("the kiosk window was lost without the staff PIN; ending with status %d so that it is started "
                  "again (Restart=always)", WINDOW_LOST)
        return WINDOW_LOST

