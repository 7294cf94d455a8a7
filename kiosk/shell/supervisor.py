"""Keeps the kiosk's server alive.

The server runs in a child process on one loopback port that stays the same for the whole session, so the
window's address never changes. A background thread asks ``/healthz`` every second; when the child dies or
stops answering, it is stopped and started again: at once if it had been running well for ten seconds,
otherwise after a pause that doubles each time (1 s up to 30 s), so a crash loop does not spin. A hung server
(alive but not answering) is replaced within 10 s: two missed checks, then it is killed. A child process, not a
thread: a crashed or stuck app cannot take the window down with it, and it can always be stopped and started again.
"""

from __future__ import annotations

import json
import logging
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from typing import Callable

log = logging.getLogger(__name__)

POLL_SECONDS = 1.0
START_SECONDS = 20.0  # time a new server has to answer before it counts as failed
HEALTH_TIMEOUT = 2.0  # seconds /healthz has to answer
MISSES_ALLOWED = 1  # unanswered checks in a row, beyond the first, before a running server is restarted
STOP_SECONDS = 1.0  # grace to exit on SIGTERM before it is killed
LONGEST_PAUSE = 30.0
STABLE_SECONDS = 10.0  # healthy this long: the next failure is not part of a crash loop
STANDBY_DELAY = 3.0  # seconds after a server first answers before the standby is built: the window's first page
#                      (and its fonts and scripts) comes first, not a second app being built on the same two cores


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Supervisor:
    def __init__(self, port: int, on_change: Callable[[bool], None] = lambda healthy: None, env: dict | None = None):
        self.port = port
        self.env = env  # the server process's environment (the settings file to read is in it)
        self.addresses: dict[str, str] = {}  # the app's home and reset addresses, from /healthz
        self.origin = f"http://127.0.0.1:{port}"
        self.on_change = on_change
        self.healthy = False
        self.process: subprocess.Popen | None = None
        self.standby: subprocess.Popen | None = None
        self.started_at = 0.0
        self.healthy_since = 0.0
        self.pause = 1.0
        self.stopping = threading.Event()
        self.checked = threading.Condition()
        self.standby_lock = threading.Lock()

    # --- the child process ------------------------------------------------------------------------

    def launch(self) -> subprocess.Popen:
        """A server process that builds the app, then waits for a line on its standard input to serve."""
        process = subprocess.Popen(
            [sys.executable, "-m", "kiosk.cli.serve", "--port", str(self.port)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1,
            env=self.env)
        threading.Thread(target=self.relay, args=(process,), daemon=True).start()
        return process

    def spawn(self) -> None:
        """Serve from the standby, whose app is already built, or else from a new process."""
        with self.standby_lock:
            standby, self.standby = self.standby, None
        self.process = standby if standby is not None and standby.poll() is None else self.launch()
        try:
            self.process.stdin.write("serve\n")
            self.process.stdin.flush()
        except OSError:  # it died just now: the watch loop sees that and starts another
            pass
        self.started_at = time.monotonic()
        log.info("server started (pid %d%s) on %s", self.process.pid, ", the standby" if standby is self.process
                 else "", self.origin)

    def keep_standby(self) -> None:
        """Once the server answers, start the next one, built and waiting, so a failure costs no start-up time."""
        with self.standby_lock:  # from the watch loop and from the timer after the server first answers
            if not self.stopping.is_set() and (self.standby is None or self.standby.poll() is not None):
                self.standby = self.launch()

    @staticmethod
    def relay(process: subprocess.Popen) -> None:
        """The server's own lines (its address, content problems, errors) go to the kiosk log."""
        for line in process.stdout:
            log.info("server %d: %s", process.pid, line.rstrip())

    def halt(self, hung: bool = False) -> None:
        """Stop the server: politely, unless it is hung (alive but not answering), which no signal but KILL
        would reach."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        if not hung:
            process.terminate()
            try:
                process.wait(timeout=STOP_SECONDS)
                return
            except subprocess.TimeoutExpired:
                pass
        process.kill()
        process.wait()

    # --- health -------------------------------------------------------------------------------------

    def answers(self) -> bool:
        try:
            with urllib.request.urlopen(self.origin + "/healthz", timeout=HEALTH_TIMEOUT) as response:
                health = json.load(response)
        except (OSError, ValueError):
            return False
        if response.status != 200 or not isinstance(health, dict) or health.get("status") != "ok":
            return False
        self.addresses = {name: health[name] for name in ("home", "reset") if isinstance(health.get(name), str)}
        return True

    def address(self, name: str, fallback: str) -> str:
        """The app's own address for ``name`` ("home" or "reset"), as its last health check gave it."""
        return self.origin + self.addresses.get(name, fallback)

    def set_health(self, healthy: bool) -> None:
        with self.checked:
            changed = healthy != self.healthy
            self.healthy = healthy
            self.checked.notify_all()
        if changed:
            log.info("server %s", "is answering" if healthy else "is not answering")
            self.on_change(healthy)
        if changed and healthy:  # built a moment later even if this server hangs before its next check
            later = threading.Timer(STANDBY_DELAY, self.keep_standby)
            later.name, later.daemon = "standby", True
            later.start()

    def wait_healthy(self, timeout: float) -> bool:
        with self.checked:
            return self.checked.wait_for(lambda: self.healthy, timeout)

    # --- the loop -----------------------------------------------------------------------------------

    def start(self) -> None:
        self.spawn()
        threading.Thread(target=self.watch, name="server-supervisor", daemon=True).start()

    def stop(self) -> None:
        self.stopping.set()
        self.halt()
        with self.standby_lock:
            standby, self.standby = self.standby, None
        if standby is not None:
            standby.stdin.close()  # it exits when its input ends
            try:
                standby.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                standby.kill()
                standby.wait()

    def watch(self) -> None:
        misses = 0
        while not self.stopping.is_set():
            process = self.process
            alive = process is not None and process.poll() is None
            if alive and self.answers():
                misses = 0
                if not self.healthy:
                    self.healthy_since = time.monotonic()
                elif time.monotonic() - self.healthy_since > STABLE_SECONDS:
                    self.pause = 0.0
                self.set_health(True)
                if time.monotonic() - self.healthy_since >= STANDBY_DELAY:
                    self.keep_standby()  # a standby that stopped is replaced
                self.stopping.wait(POLL_SECONDS)
                continue
            starting = alive and not self.healthy and time.monotonic() - self.started_at < START_SECONDS
            if starting:
                self.stopping.wait(0.05)
                continue
            misses += 1
            if alive and misses <= MISSES_ALLOWED:
                self.stopping.wait(POLL_SECONDS / 2)
                continue
            self.restart(process)
            misses = 0

    def restart(self, process: subprocess.Popen | None) -> None:
        code = process.poll() if process is not None else None
        log.warning("server %s; starting it again in %.0f s",
                    f"stopped (exit status {code})" if code is not None else "stopped answering", self.pause)
        self.set_health(False)
        self.halt(hung=code is None)
        if self.stopping.wait(self.pause):
            return
        self.pause = min(max(self.pause * 2, 1.0), LONGEST_PAUSE)
        self.spawn()
