"""The names the kiosk page and the launcher's window share in pywebview's state (``window.pywebview.state``).

Defined once, here: the window (kiosk/shell/window.py) reads them from this module, the page's scripts
(static/js/idle-reset.js, staff-exit.js) from the data attributes the kiosk_shell component writes."""

ACTIVITY = "kioskActivity"  # page -> launcher: somebody touched the screen (a timestamp, at most every 2 s)
PIN = "kioskPin"  # page -> launcher: a PIN typed into the staff exit ({pin, id})
PIN_RESULT = "kioskPinResult"  # launcher -> page: the answer to that PIN ({id, ok, wait, pinSet})

KEYS = {"activity": ACTIVITY, "pin": PIN, "pin_result": PIN_RESULT}  # as the template passes them on
