"""The real server (waitress, as launcher.py runs it) keeps answering: idle and half-sent connections cannot lock
it out, the service worker's precache list never holds up the health check, and a busy spell is one log line."""

from __future__ import annotations

import socket
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.helpers import Served

HEALTH_TIMEOUT = 2.0  # the supervisor's: a slower /healthz counts as a miss


def wait_for(condition, timeout: float, step: float = 0.1):
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        assert time.monotonic() < deadline, "timed out"
        time.sleep(step)
    return result


@pytest.fixture()
def fresh_server():
    server = Served()
    yield server
    server.stop()


def open_sockets(port: int, count: int, send: bytes = b"") -> list[socket.socket]:
    sockets = []
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        if send:
            sock.sendall(send)
        sockets.append(sock)
    return sockets


def test_a_crowd_of_idle_and_half_sent_connections_cannot_lock_the_kiosk_out(served):
    crowd = open_sockets(served.port, 250) + open_sockets(served.port, 50, b"GET /en/ HTTP/1.1\r\nHost: x\r\n")
    try:
        status, _, body = served.get("/healthz", timeout=HEALTH_TIMEOUT)
        assert status == 200 and '"status":"ok"' in body.replace(" ", "")
        assert served.get("/en/", timeout=HEALTH_TIMEOUT)[0] == 200
    finally:
        for sock in crowd:
            sock.close()


def test_a_half_sent_request_is_dropped_after_the_channel_timeout(served):
    from kiosk.shell.server import SERVER_OPTIONS

    [sock] = open_sockets(served.port, 1, b"GET /en/ HTTP/1.1\r\nHost: x\r\n")
    sock.settimeout(SERVER_OPTIONS["channel_timeout"] + SERVER_OPTIONS["cleanup_interval"] + 5)
    try:
        started = time.monotonic()
        assert sock.recv(1) == b""  # closed by the server, not answered
        assert time.monotonic() - started <= SERVER_OPTIONS["channel_timeout"] + SERVER_OPTIONS["cleanup_interval"] + 1
    finally:
        sock.close()


def test_the_first_service_worker_requests_never_hold_up_the_health_check(fresh_server):
    # four at once, as many as the server has threads, before the list is built in the background
    with ThreadPoolExecutor(8) as pool:
        workers = [pool.submit(fresh_server.get, "/service-worker.js", None, 60) for _ in range(4)]
        health = []  # True: answered within the supervisor's timeout
        while True:  # at least once, however quickly the workers are served
            try:
                health.append(fresh_server.get("/healthz", timeout=HEALTH_TIMEOUT)[0] == 200)
            except TimeoutError:
                health.append(False)
            if all(w.done() for w in workers):
                break
        answers = [w.result() for w in workers]
    served = {body for status, _, body in answers if status == 200}
    turned_away = [(status, headers) for status, headers, _ in answers if status != 200]
    assert len(served) == 1  # built once, the same for all it was served to
    # the rest asked to come back (their browsers register again on the next page), never left without an answer
    assert all(status == 503 and headers.get("Retry-After") == "5" for status, headers in turned_away)
    assert len(turned_away) <= 2
    # the supervisor restarts a server after two missed checks in a row; a busy machine may cost one, never two
    assert health and not any(a is False and b is False for a, b in zip(health, health[1:])), health


def test_a_busy_spell_is_one_warning_with_counts_not_a_line_per_request(served):
    before = len(served.output)
    with ThreadPoolExecutor(40) as pool:
        # a query makes every request a render (pages without one are served from memory, too fast to queue)
        statuses = list(pool.map(lambda n: served.get(f"/en/report/?n={n}", timeout=30)[0], range(200)))
    assert set(statuses) == {200}
    spells = wait_for(lambda: [line for line in served.output[before:] if "server busy for" in line], 10)
    logged = served.output[before:]
    assert not [line for line in logged if "Task queue depth" in line]
    assert len(spells) == 1 and "request(s) waited for a free thread (deepest queue" in spells[0]
