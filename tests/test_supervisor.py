"""The server behind the kiosk window is a supervised child process: killed, it comes back on the same address."""

import os
import signal
import time

from kiosk.shell.supervisor import Supervisor, free_port
from tests.helpers import Served


def wait_for(condition, timeout):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_killed_server_is_started_again_on_the_same_port():
    changes = []
    supervisor = Supervisor(free_port(), on_change=changes.append)
    supervisor.start()
    try:
        assert supervisor.wait_healthy(30)
        first = supervisor.process.pid
        os.kill(first, signal.SIGKILL)
        wait_for(lambda: changes[-1:] == [False], 10)
        wait_for(lambda: changes[-1:] == [True] and supervisor.answers(), 30)
        assert supervisor.process.pid != first
        assert changes == [True, False, True]
    finally:
        supervisor.stop()
    assert supervisor.process is None


def test_a_hung_server_is_replaced_within_ten_seconds():
    supervisor = Supervisor(free_port())
    supervisor.start()
    try:
        assert supervisor.wait_healthy(30)
        hung = supervisor.process
        os.kill(hung.pid, signal.SIGSTOP)  # alive, holding its port, answering nothing
        stopped_at = time.monotonic()
        wait_for(lambda: supervisor.process is not None and supervisor.process.pid != hung.pid
                 and supervisor.healthy and supervisor.answers(), 10)
        assert time.monotonic() - stopped_at < 10
        assert hung.poll() is not None  # the hung one is gone, not left stopped
    finally:
        supervisor.stop()


def test_the_window_takes_its_home_and_reset_addresses_from_the_app():
    """Settings name French, which has no catalogue: the app falls back to English, and so must the window's
    home and reset (built from the settings they were /fr/, a 404)."""
    server = Served(env={"KIOSK_DEFAULT_LANGUAGE": "fr"})
    try:
        supervisor = Supervisor(server.port)
        assert supervisor.address("home", "/fr/") == f"http://127.0.0.1:{server.port}/fr/"  # not asked yet
        assert supervisor.answers()
        assert supervisor.address("home", "/fr/") == f"http://127.0.0.1:{server.port}/en/"
        reset = supervisor.address("reset", "/fr/text-size/?size=1&next=/fr/")
        assert reset == f"http://127.0.0.1:{server.port}/en/text-size/?size=1&next=/en/"
        assert server.get(reset[len(supervisor.origin):])[0] == 302
    finally:
        server.stop()
