"""Keeps the Qt WebEngine window on the kiosk's own pages.

pywebview has no allow-list, so this teaches its Qt page class, before the window is made, to ask about
every navigation (links, scripts, forms, redirects, back and forward) and refuse it unless ``allowed(url)``
says yes: a refused address never starts to load and the page stays. New windows (``target=_blank``,
``window.open``) are never made. Zoom stays at 100 %, and a page that fails to load or a crashed
renderer is reported, so the window never sits blank. A refused or stopped navigation is not a failed
load, though Qt's ``loadFinished(False)`` says so for both: only a load that failed is reported.
(pywebview's page class calls itself by name, so it is given these methods rather than replaced by a subclass.)
"""

from __future__ import annotations

from typing import Callable


def install(allowed: Callable[[str], bool], refused: Callable[[str], None], load_failed: Callable[[str], None],
            crashed: Callable[[str], None]) -> None:
    """``refused(url)`` hears of each refused navigation, ``load_failed(url)`` of a page that did not load,
    ``crashed(reason)`` of a renderer that stopped."""
    from qtpy.QtWebEngineCore import QWebEngineLoadingInfo, QWebEnginePage
    from webview.platforms import qt as backend

    page = backend.BrowserView.WebPage
    back_forward = QWebEnginePage.NavigationType.NavigationTypeBackForward
    failed = QWebEngineLoadingInfo.LoadStatus.LoadFailedStatus
    pywebview_init = getattr(page, "pywebview_init", page.__init__)

    def __init__(self, *args, **kwargs):
        pywebview_init(self, *args, **kwargs)
        self.zoomFactorChanged.connect(lambda factor: abs(factor - 1.0) > 0.001 and self.setZoomFactor(1.0))
        self.loadingChanged.connect(lambda info: info.status() == failed and load_failed(info.url().toString()))
        self.renderProcessTerminated.connect(lambda status, code: crashed(f"{status.name}, exit code {code}"))

    def acceptNavigationRequest(self, url, kind, is_main_frame):  # noqa: N802 (Qt's name)
        address = url.toString()
        if kind == back_forward or not allowed(address):
            refused(address)
            return False
        return True

    def createWindow(self, kind):  # noqa: N802 (Qt's name)
        refused("a new window")

    page.pywebview_init = pywebview_init
    page.__init__ = __init__
    page.acceptNavigationRequest = acceptNavigationRequest
    page.createWindow = createWindow
