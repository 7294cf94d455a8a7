"""What a visitor can repeat at will is counted in the kiosk's log, not written once a time."""

import logging

from kiosk.shell.logs import Repeated


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_a_repeated_event_is_one_line_a_minute_with_its_count(caplog):
    clock = Clock()
    refused = Repeated(logging.getLogger("kiosk.test"), "refused to close the window", every=60, clock=clock)
    for _ in range(100):  # a key held down: a hundred in ten seconds
        refused()
        clock.now += 0.1
    clock.now += 60
    refused()
    assert [record.getMessage() for record in caplog.records] == [
        "refused to close the window", "refused to close the window (100 times since the last such line)"]
