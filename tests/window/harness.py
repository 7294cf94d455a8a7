"""The real-window harness, shared by tests/window and benchmarks/startup.py: a virtual screen (Xvfb) with a
small window manager, and the launcher's real pywebview window (Qt WebEngine) on it, driven with real X
input (xdotool) and read through Qt WebEngine's own DevTools port (opened when QTWEBENGINE_REMOTE_DEBUGGING
is set)."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from websockets.sync.client import connect

from kiosk.settings import PROJECT_DIR

SCREEN = (1080, 1920)  # a portrait reception kiosk
OUTPUT = PROJECT_DIR / "test-output"


def wait_until(condition, timeout: float, what: str, every: float = 0.1):
    """Poll ``condition`` until it returns something truthy; fail naming ``what`` after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(every)


def stays(condition, seconds: float, what: str, every: float = 0.2) -> None:
    """Check ``condition`` all through ``seconds``; fail naming ``what`` the first time it is not so."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert condition(), f"no longer {what}"
        time.sleep(every)


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def read_bytes(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError:  # the process has just ended
        return b""


def descendants(pid: int) -> list[int]:
    """``pid`` and every process below it (each thread's children count)."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            queue += [int(child) for child in read_bytes(str(task)).split()]
    return found


@contextlib.contextmanager
def virtual_screen(window_manager: bool = True):
    """An Xvfb screen of SCREEN size with matchbox-window-manager (fullscreen needs a window manager),
    or, with ``window_manager=False``, bare, as a display manager starts it for a log-in session."""
    for program in ("Xvfb", "matchbox-window-manager", "xdotool"):
        assert shutil.which(program), f"{program} is missing: scripts/test installs it"
    read, write = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24",
                             "-nolisten", "tcp"], pass_fds=[write], stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as numbers:
        name = f":{numbers.readline().strip()}"
    manager = subprocess.Popen(["matchbox-window-manager", "-use_titlebar", "no"], env={**os.environ, "DISPLAY": name},
                               stderr=subprocess.DEVNULL) if window_manager else None
    try:
        yield name
    finally:
        for process in (manager, xvfb) if manager else (xvfb,):
            process.terminate()
            process.wait(timeout=10)


class Kiosk:
    """One launcher process with its window, and ways to look at it and touch it."""

    def __init__(self, display: str, home: Path, settings: dict, command: list[str] | None = None):
        """``command``, given the settings file's path, starts the kiosk another way than the launcher itself."""
        home.mkdir(parents=True, exist_ok=True)
        self.display = display
        self.home_dir = home
        self.settings_path = home / "settings.yaml"
        self.settings_path.write_text("".join(f"{key}: {json.dumps(value)}\n" for key, value in settings.items()))
        self.devtools = free_port()
        self.env = {**os.environ, "DISPLAY": display, "XDG_CONFIG_HOME": str(home / "config"),
                    "XDG_DATA_HOME": str(home / "data"), "QTWEBENGINE_REMOTE_DEBUGGING": f"127.0.0.1:{self.devtools}"}
        self.env.pop("WAYLAND_DISPLAY", None)
        self.log_path = home / "data" / "safeguarding-kiosk" / "logs" / "kiosk.log"
        self.started = time.time()  # wall clock, comparable with the page's performance.timeOrigin
        self.process = subprocess.Popen([*(command or [sys.executable, str(PROJECT_DIR / "launcher.py")]),
                                         "--settings", str(self.settings_path)],
                                        cwd=PROJECT_DIR, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    # --- reading the window through DevTools ---------------------------------------------------------

    def page_targets(self) -> list[dict]:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.devtools}/json", timeout=5) as response:
            return [target for target in json.load(response) if target["type"] == "page"]

    def evaluate(self, expression: str):
        """The value of a JavaScript expression in the window's page (None while the page is changing)."""
        try:
            target = self.page_targets()[0]
            with connect(target["webSocketDebuggerUrl"], max_size=None, open_timeout=5) as socket:
                socket.send(json.dumps({"id": 1, "method": "Runtime.evaluate",
                                        "params": {"expression": expression, "returnByValue": True}}))
                while (message := json.loads(socket.recv(timeout=5))).get("id") != 1:
                    pass
        except (OSError, IndexError, TimeoutError, ValueError):
            return None
        return message.get("result", {}).get("result", {}).get("value")

    def url(self) -> str | None:
        return self.evaluate("document.readyState === 'complete' ? location.href : null")

    def origin(self) -> str:
        return wait_until(lambda: (self.url() or "").startswith("http") and self.evaluate("location.origin"), 60,
                          "the window to show the app")

    def wait_for_path(self, path: str, timeout: float = 30) -> None:
        wait_until(lambda: self.url() == self.origin() + path, timeout, f"the window to show {path}")

    def go(self, path: str) -> None:
        """Open one of the app's pages, as following a link would."""
        self.evaluate(f"location.href = {json.dumps(path)}")
        self.wait_for_path(path)
        wait_until(lambda: self.evaluate("location.pathname + ' ' + document.readyState") == f"{path} complete",
                   30, f"{path} to finish loading")

    def box(self, selector: str) -> dict | None:
        return self.evaluate(f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
                             " if (!e) return null; const r = e.getBoundingClientRect();"
                             " return {x: r.x, y: r.y, width: r.width, height: r.height}; })()")

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8") if self.log_path.exists() else ""

    def screenshot(self, name: str):
        """The whole screen, once it shows more than a blank colour; kept in test-output/."""
        from PIL import ImageGrab

        def painted():
            image = ImageGrab.grab(xdisplay=self.display)
            colours = image.getcolors(maxcolors=1_000_000) or []
            return image if len(colours) > 16 else None

        image = wait_until(painted, 30, "a screen that is not blank", every=0.2)
        OUTPUT.mkdir(exist_ok=True)
        image.save(OUTPUT / name)
        return image

    # --- touching it, as a person would -----------------------------------------------------------

    def xdotool(self, *args: str) -> str:
        return subprocess.run(["xdotool", *args], env=self.env, check=True, capture_output=True, text=True).stdout

    def tap(self, selector: str) -> None:
        box = wait_until(lambda: self.box(selector), 10, f"{selector} on screen")
        self.xdotool("mousemove", str(int(box["x"] + box["width"] / 2)), str(int(box["y"] + box["height"] / 2)),
                     "click", "1")

    def window_id(self) -> str:
        """The X window this launcher shows."""
        return self.xdotool("search", "--onlyvisible", "--pid", str(self.process.pid)).split()[0]

    def keys(self, *keys: str) -> None:
        self.xdotool("key", "--delay", "50", *keys)

    def type(self, text: str) -> None:
        self.xdotool("type", "--delay", "50", text)

    # --- the processes ------------------------------------------------------------------------------

    def processes(self, marker: bytes) -> list[int]:
        """The launcher's descendants whose command line contains ``marker``."""
        return [pid for pid in descendants(self.process.pid) if marker in read_bytes(f"/proc/{pid}/cmdline")]

    def server_pid(self) -> int:
        """The app server's process, a child of the launcher: the one serving, as the log names it last (the
        other, if any, is the standby, built and waiting to take over)."""
        found = self.processes(b"kiosk.cli.serve")
        started = [int(pid) for pid in re.findall(r"server started \(pid (\d+)", self.log())]
        serving = [pid for pid in reversed(started) if pid in found]
        assert serving, "the launcher has no server process"
        return serving[0]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


