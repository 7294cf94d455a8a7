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


@pytest.mark.parametrize("text, line, column, tag", [
    ("order: !!int eight\n", 1, 7, "!!int"),
    ("title: x\nshown: !!bool maybe\n", 2, 7, "!!bool"),
    ("hours_checked: !!timestamp soon\n", 1, 15, "!!timestamp"),
])
def test_a_value_that_does_not_fit_its_tag_is_a_problem_at_its_line_in_both_readers(tmp_path, monkeypatch,
                                                                                    text, line, column, tag):
    # PyYAML lets a bare ValueError, KeyError or AttributeError out of the tag's own reader: no file, no line
    path = tmp_path / "card.yaml"
    path.write_text(text)
    fast, careful = read_both_ways(path, monkeypatch)
    assert fast == careful
    (problem,) = fast[2]
    first, quoted, caret = str(problem).split("\n")
    assert first == f"{path}:{line}: this value cannot be read as {tag}; correct it or delete the tag"
    assert quoted == f"{line:>5} | {text.splitlines()[line - 1]}"
    assert caret == "      | " + " " * column + "^"


@pytest.mark.parametrize("text", ["", "# nothing here yet\n"])
def test_an_empty_file_is_read_alike_by_both_readers_as_nothing_with_no_problem(tmp_path, monkeypatch, text):
    path = tmp_path / "card.yaml"
    path.write_text(text)
    fast, careful = read_both_ways(path, monkeypatch)
    assert fast == careful == (None, {}, [])


def test_a_control_character_after_a_blank_first_line_is_placed_by_its_own_line(tmp_path):
    path = tmp_path / "card.yaml"
    path.write_text("\ntitle: \x07bell\n")
    (problem,) = yaml_file.read_yaml(path)[2]
    first, quoted, caret = str(problem).split("\n")
    assert first == f"{path}:2: the character U+0007 is not allowed in YAML; delete it"
    assert quoted == "    2 | title: \ufffdbell" and caret == "      |        ^"
