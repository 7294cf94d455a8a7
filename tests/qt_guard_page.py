"""Run by tests/test_qt_guard.py in its own process: pywebview's Qt page class with the kiosk's guard
installed, on an offscreen screen, showing a page from a local server; it clicks, with the mouse, the links
whose ids argv names, and prints, as JSON lines, what the guard reported."""

from __future__ import annotations

import http.server
import json
import os
import sys
import threading
import types

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.geteuid() == 0:  # Chromium refuses to start its sandbox as root
    os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = "--no-sandbox"

from qtpy.QtCore import QPoint, Qt, QTimer  # noqa: E402
from qtpy.QtTest import QTest  # noqa: E402
from qtpy.QtWebEngineWidgets import QWebEngineView  # noqa: E402
from qtpy.QtWidgets import QApplication  # noqa: E402
from webview.platforms import qt as backend  # noqa: E402

from kiosk.shell import qt_guard  # noqa: E402

PAGE = b"""<!doctype html><title>links</title>
<a id="number" href="tel:+442084894470">020 8489 4470</a>
<a id="outside" href="http://example.org/">example.org</a>
<a id="gone" href="/gone/">a page whose server has stopped</a>"""


class Page(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (the standard library's name)
        if self.path == "/gone/":  # the server stops answering, as a killed one does
            self.close_connection = True
            self.connection.close()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args):
        pass


finished = threading.Event()  # set once every tap has been answered: the window's closing is not reported


def report(kind: str, detail: str) -> None:
    if not finished.is_set():
        print(json.dumps([kind, detail]), flush=True)


def main(taps: list[str]) -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_port}"
    qt_guard.install(lambda url: url.startswith(origin + "/"), lambda url: report("refused", url),
                     lambda url: report("did not load", url), lambda reason: report("crashed", reason))
    app = QApplication(sys.argv)
    view = QWebEngineView()
    page = backend.BrowserView.WebPage(types.SimpleNamespace(webview=view, transparent=False))
    view.setPage(page)
    view.resize(800, 600)
    view.show()
    steps = iter([*taps, None])

    def click(box):
        point = QPoint(int(box["x"] + box["width"] / 2), int(box["y"] + box["height"] / 2))
        QTest.mouseClick(view.focusProxy(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)

    def next_step():
        tap = next(steps)
        if tap is None:
            finished.set()
            app.quit()
        else:
            page.runJavaScript(f"document.getElementById({json.dumps(tap)}).getBoundingClientRect().toJSON()", click)

    def loaded(ok):
        if ok and page.url().toString() == origin + "/":
            page.loadFinished.disconnect(loaded)
            report("loaded", origin + "/")
            timer.start(1500)  # time for each tap to be answered

    timer = QTimer()
    timer.timeout.connect(next_step)
    page.loadFinished.connect(loaded)
    view.load(backend.QtCore.QUrl(origin + "/"))
    app.exec()


if __name__ == "__main__":
    main(sys.argv[1:])
