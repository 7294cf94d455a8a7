"""The server behind the kiosk window is a supervised child process: killed, it comes back on the same address."""

import os
import signal
import time

from kiosk.shell.supervisor import Supervisor, free_port


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
