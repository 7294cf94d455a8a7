"""Real-window fixtures: one virtual screen for the session, and launchers on it (see harness.py)."""

from __future__ import annotations

import pytest

from tests.window.harness import Kiosk, virtual_screen


@pytest.fixture(scope="session")
def display():
    with virtual_screen() as name:
        yield name


@pytest.fixture(scope="module")
def start_kiosk(display, tmp_path_factory):
    """Start a launcher with the given settings and, unless told not to, wait for its home page;
    every one started is stopped when the module ends."""
    started = []

    def start(wait_for_home: bool = True, **settings) -> Kiosk:
        kiosk = Kiosk(display, tmp_path_factory.mktemp("kiosk"), settings)
        started.append(kiosk)
        if wait_for_home:
            kiosk.wait_for_path("/en/", timeout=60)
        return kiosk

    yield start
    for kiosk in started:
        kiosk.stop()
