"""Content files are read by libyaml when it is there (the kiosk's start, issue 16) and by PyYAML's own reader when a
file has a mistake, an alias or deep nesting: both give the same data, the same lines and the same problems."""

import datetime as dt

import pytest
import yaml

from kiosk.content import yaml_file
from kiosk.settings import PROJECT_DIR

SHIPPED = sorted((PROJECT_DIR / "content").rglob("*.yaml"))


def read_both_ways(path, monkeypatch):
    fast = yaml_file.read_yaml(path)
    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    careful = yaml_file.read_yaml(path)
    monkeypatch.undo()
    return fast, careful


def test_this_machine_has_libyaml():
    # scripts/test installs PyYAML's wheel, which carries libyaml; without it every file takes the slow reader
    assert yaml.__with_libyaml__


def test_every_shipped_file_is_read_by_libyaml_with_the_same_data_and_lines_as_pythons_reader(monkeypatch):
    assert len(SHIPPED) >= 21
    for path in SHIPPED:
        assert yaml_file._read_with_libyaml(path.read_text(encoding="utf-8")) is not None, path
        fast, careful = read_both_ways(path, monkeypatch)
        assert fast == careful, path
        assert fast[1] and not fast[2], path


@pytest.mark.parametrize("depth", range(29, 36))
def test_nesting_near_the_limit_is_judged_alike_by_both_readers(tmp_path, monkeypatch, depth):
    path = tmp_path / "deep.yaml"
    path.write_text("title: " + "[" * depth + "x" + "]" * depth + "\n")
    fast, careful = read_both_ways(path, monkeypatch)
    assert fast == careful
    assert bool(fast[2]) == (depth + 2 > 32)  # the mapping, the lists, the scalar: one level each


@pytest.mark.parametrize("text", [
    "title: [unclosed\n",
    "title: 'unclosed\n",
    "a: &a [x]\nb: *a\n",
    "title: x\n\ttabbed: y\n",
    "title: \x07bell\n",
    "title: !!python/object:os.system x\n",
    "title: x\ntitle: y\n",
])
def test_a_file_with_a_mistake_gets_the_same_problem_either_way(tmp_path, monkeypatch, text):
    path = tmp_path / "card.yaml"
    path.write_text(text)
    fast, careful = read_both_ways(path, monkeypatch)
    assert fast == careful
    assert fast[2], "a problem is reported"


@pytest.mark.parametrize("text", ["date: 2026-02-30\n", "date: 2026-13-01\n", "date: 2026-12-24\n"])
def test_a_date_is_read_alike_by_both_readers_and_one_that_does_not_exist_stays_text(tmp_path, monkeypatch, text):
    # YAML's own constructor stops the reading with a bare ValueError on 2026-02-30: the schema reports it instead
    path = tmp_path / "contacts.yaml"
    path.write_text(text)
    fast, careful = read_both_ways(path, monkeypatch)
    assert fast == careful and not fast[2]
    value = text.split(": ")[1].strip()
    assert fast[0]["date"] == (dt.date.fromisoformat(value) if value.endswith("24") else value)
