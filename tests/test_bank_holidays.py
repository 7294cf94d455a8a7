"""England's bank holidays come from the holidays package once, then from the per-user cache (issue 16: asking the
package imports every country it knows, on every start), with the same answer."""

import datetime as dt
import os
import subprocess
import sys

import pytest

from kiosk.content import bank_holidays as module
from kiosk.settings import PROJECT_DIR

YEARS = range(2026, 2028)


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    monkeypatch.setattr(module, "cache_dir", lambda: tmp_path / "bank-holidays")
    return tmp_path / "bank-holidays"


def test_the_kept_answer_is_the_packages_answer(cache):
    import holidays

    asked = module.bank_holidays("GB", "ENG", YEARS)
    assert asked == sorted(holidays.country_holidays("GB", subdiv="ENG", years=YEARS))
    assert dt.date(2026, 12, 28) in asked and dt.date(2027, 3, 26) in asked  # Boxing Day's substitute, Good Friday
    assert len(list(cache.glob("*.json"))) == 1
    assert module.bank_holidays("GB", "ENG", YEARS) == asked  # now from the cache


def test_each_question_is_kept_apart(cache):
    england = module.bank_holidays("GB", "ENG", YEARS)
    scotland = module.bank_holidays("GB", "SCT", YEARS)
    assert dt.date(2027, 1, 2) in scotland and dt.date(2027, 1, 2) not in england  # Scotland's 2 January
    assert module.bank_holidays("GB", "ENG", range(2026, 2027)) == [day for day in england if day.year == 2026]
    assert len(list(cache.glob("*.json"))) == 3


def test_an_unknown_subdivision_is_none_kept_or_not(cache):
    assert module.bank_holidays("GB", "XXX", YEARS) is None
    assert module.bank_holidays("GB", "XXX", YEARS) is None


@pytest.mark.parametrize("damage", ["", "{", '{"days": ["2026-02-30"]}', '{"days": 5}', '{"nodays": []}', "[1]"])
def test_a_damaged_cache_file_is_asked_afresh_and_replaced(cache, damage):
    answer = module.bank_holidays("GB", "ENG", YEARS)
    (kept,) = cache.glob("*.json")
    kept.write_text(damage)
    assert module.bank_holidays("GB", "ENG", YEARS) == answer
    assert module.bank_holidays("GB", "ENG", YEARS) == answer  # from the rewritten file


def test_a_start_with_the_answer_kept_does_not_import_the_holidays_package(tmp_path):
    program = ("import sys; from kiosk.content.bank_holidays import bank_holidays; "
               "days = bank_holidays('GB', 'ENG', range(2026, 2028)); "
               "print(len(days), 'holidays.countries' in sys.modules)")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    env.pop("MUTANT_UNDER_TEST", None)  # scripts/mutation's switch: the child runs the code as written, not a mutant
    run = lambda: subprocess.run([sys.executable, "-c", program], cwd=PROJECT_DIR, env=env, capture_output=True,  # noqa: E731
                                 text=True, check=True).stdout.split()
    asked, remembered = run(), run()
    assert asked[1] == "True" and remembered[1] == "False"
    assert asked[0] == remembered[0] and int(asked[0]) >= 16  # England's eight a year, and days observed instead


def test_a_later_start_believes_the_kept_answer_without_asking_the_package(cache, monkeypatch):
    asked = module.bank_holidays("GB", "ENG", YEARS)
    (kept,) = cache.glob("*.json")
    assert kept.read_text(encoding="utf-8") == '{"days": [%s]}' % ", ".join(f'"{day}"' for day in asked)
    kept.write_text('{"days": ["2026-01-02"]}', encoding="utf-8")  # doctored: only the kept file can say this
    monkeypatch.setattr(module, "_ask_holidays", lambda *question: pytest.fail("asked the package again"))
    assert module.bank_holidays("GB", "ENG", YEARS) == [dt.date(2026, 1, 2)]


def test_an_unknown_subdivision_is_kept_as_unknown(cache, monkeypatch):
    assert module.bank_holidays("GB", "XXX", YEARS) is None
    monkeypatch.setattr(module, "_ask_holidays", lambda *question: pytest.fail("asked the package again"))
    assert module.bank_holidays("GB", "XXX", YEARS) is None


def test_a_cache_folder_that_cannot_be_made_costs_only_time(tmp_path, monkeypatch, caplog):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.setattr(module, "cache_dir", lambda: blocker / "bank-holidays")
    with caplog.at_level("INFO", logger=module.__name__):
        assert dt.date(2026, 12, 25) in module.bank_holidays("GB", "ENG", YEARS)
    assert "bank holidays not kept (" in caplog.text and "the next start asks the holidays package again" in caplog.text


def test_without_a_key_the_package_is_asked_and_nothing_is_kept(cache, monkeypatch):
    # no version file to key the answer by (a future `holidays` may lay itself out differently): still right
    monkeypatch.setattr(module, "_key", lambda *question: None)
    assert dt.date(2026, 12, 25) in module.bank_holidays("GB", "ENG", YEARS)
    assert not list(cache.glob("*"))
