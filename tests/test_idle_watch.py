"""The launcher's own idle deadline (kiosk/shell/idle.py), on a clock the test moves by hand: it never resets
the window while the page's warning may still be counting down (idle time plus warning time), and it resets
it soon after (a few seconds' grace, as the page reports activity at most every 2 s)."""

from kiosk.shell.idle import IdleWatch

IDLE, WARNING = 60, 20  # the page warns after 60 s untouched and counts down 20 s


class FakeClock:
    """A monotonic clock that moves only when told."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def watch_and_clock():
    clock = FakeClock()
    return IdleWatch(IDLE, WARNING, clock=clock), clock


def test_a_fresh_watch_has_not_expired():
    watch, _ = watch_and_clock()
    assert watch.expired() is False


def test_the_launcher_waits_out_the_idle_time_and_the_whole_warning():
    watch, clock = watch_and_clock()
    clock.now += IDLE + WARNING  # the moment the page itself resets: it must be left to do so
    assert watch.expired() is False
    clock.now += 2  # the page's last activity report may come up to 2 s late
    assert watch.expired() is False


def test_the_launcher_resets_within_five_seconds_of_the_page_s_own_reset():
    watch, clock = watch_and_clock()
    clock.now += IDLE + WARNING + 5
    assert watch.expired() is False
    clock.now += 0.01
    assert watch.expired() is True


def test_activity_starts_the_wait_afresh():
    watch, clock = watch_and_clock()
    clock.now += IDLE + WARNING
    watch.touch()
    clock.now += IDLE + WARNING + 5
    assert watch.expired() is False
    clock.now += 0.01
    assert watch.expired() is True


def test_the_warning_time_counts_whatever_it_is_set_to():
    clock = FakeClock()
    watch = IdleWatch(30, 45, clock=clock)
    clock.now += 30 + 45 + 2
    assert watch.expired() is False
    clock.now += 4
    assert watch.expired() is True
