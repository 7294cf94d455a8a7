"""The kiosk shell: the app's server in a child process, and a fullscreen webview window over it that
stays on the app's own pages, resets itself when left alone, closes only with the staff PIN, and shows a
fail-safe page with the report-a-concern numbers whenever the app cannot answer.

Only ``window`` and ``qt_guard`` need the webview library; the rest imports without it.
"""
