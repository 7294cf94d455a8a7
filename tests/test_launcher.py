"""The launcher serves with waitress on loopback, says where, and refuses broken content plainly."""

import os
import queue
import subprocess
import sys
import threading
import time
import urllib.request

from kiosk.settings import PROJECT_DIR
from kiosk.shell.supervisor import free_port


def start(*args, env=None):
    return subprocess.Popen([sys.executable, str(PROJECT_DIR / "launcher.py"), *args], cwd=PROJECT_DIR,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})})


def read_lines_until(proc, stream, marker, timeout=20.0) -> list[str]:
    """Lines the launcher printed, up to the first one containing ``marker``."""
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line.rstrip("\n")) for line in stream] + [lines.put(None)],
                     daemon=True).start()
    seen, deadline = [], time.monotonic() + timeout
    while (line := lines.get(timeout=max(0.0, deadline - time.monotonic()))) is not None:
        seen.append(line)
        if marker in line:
            return seen
    raise AssertionError(f"launcher never printed {marker!r}; got {seen}")


def test_no_window_serves_with_waitress_on_loopback_and_prints_the_url():
    proc = start("--no-window", "--host", "127.0.0.1", "--port", "0")
    try:
        line = read_lines_until(proc, proc.stdout, "http://")[-1]
        url = line[line.index("http://"):].split()[0]
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(url + "healthz", timeout=10) as response:
            assert response.headers["Server"] == "waitress"
            assert b'"status":"ok"' in response.read().replace(b" ", b"")
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.url.endswith("/en/") and b"tel:999" in response.read()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_without_a_window_it_says_why_and_serves():
    proc = start("--port", "0", env={"DISPLAY": "", "WAYLAND_DISPLAY": ""})
    try:
        lines = read_lines_until(proc, proc.stdout, "http://")
        assert lines[:-1] == ["No kiosk window: no display found (DISPLAY is not set); serving instead."], lines
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_broken_content_stops_the_launcher_with_clear_lines(content_copy):
    card = content_copy / "cards" / "child-neglect.yaml"
    card.write_text(card.read_text().replace("title:", "titel:", 1))
    proc = start("--no-window", "--port", "0", env={"KIOSK_CONTENT_DIR": str(content_copy)})
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 1
    assert "child-neglect.yaml" in err and "did you mean 'title'?" in err
    assert "Traceback" not in err and "http://" not in out


def test_the_window_s_server_process_answers_before_it_imports_what_only_other_pages_need(tmp_path):
    # issue 16: the server process starts beside the window on two cores; what it imports before its first answer
    # is time the window waits. The feedback database (SQLAlchemy, Alembic) opens a moment after it serves.
    command = [sys.executable, "-X", "importtime", "-m", "kiosk.cli.serve", "--port", str(free_port())]
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    proc = subprocess.Popen(command, cwd=PROJECT_DIR, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env=env)
    try:
        proc.stdin.write("serve\n")
        proc.stdin.flush()
        before = read_lines_until(proc, proc.stdout, "Safeguarding Learning Kiosk: open http://")
    finally:
        proc.kill()
        proc.wait()
    imported = {line.split("|")[-1].strip() for line in before if line.startswith("import time:")}
    assert {"flask", "kiosk.content", "waitress"} <= imported  # what serving needs; the listing is read right
    too_soon = {"sqlalchemy", "alembic", "flask_frozen", "brotli", "weasyprint", "segno"} & imported
    assert not too_soon, f"imported before the server's first answer: {sorted(too_soon)}"
