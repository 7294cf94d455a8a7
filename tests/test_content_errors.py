"""Each kind of content mistake gives one clear line (file, line, field, what is expected), and no start."""

import re

import pytest

from kiosk import cli, create_app
from kiosk.content import ContentError

CARD = "cards/think-the-unthinkable.yaml"


def edit(content_dir, name, old, new):
    path = content_dir / name
    text = path.read_text()
    assert old in text, f"test setup: {old!r} not in {name}"
    path.write_text(text.replace(old, new, 1))
    return path


def problems_for(content_dir) -> list[str]:
    with pytest.raises(ContentError) as caught:
        create_app({"CONTENT_DIR": str(content_dir)})
    return [str(p) for p in caught.value.problems]


def line_of(path, needle) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_yaml_syntax_error_names_file_and_line(content_copy):
    path = edit(content_copy, CARD, "title: Think the Unthinkable", "title: [Think the Unthinkable")
    (problem,) = problems_for(content_copy)
    assert problem.startswith(f"{path}:")
    assert "YAML syntax error" in problem
    assert int(problem.split(":")[1]) >= line_of(path, "title:")


def test_missing_field_names_the_field(content_copy):
    path = edit(content_copy, CARD, "order: 1\n", "")
    (problem,) = problems_for(content_copy)
    assert problem == f"{path}:{line_of(path, 'slug:')}: field 'order': is required but missing"


def test_misspelt_field_suggests_the_right_one(content_copy):
    path = edit(content_copy, CARD, "title:", "titel:")
    problems = problems_for(content_copy)
    assert f"{path}:{line_of(path, 'titel:')}: field 'titel': is not a known field; did you mean 'title'?" in problems
    assert f"{path}:{line_of(path, 'slug:')}: field 'title': is required but missing" in problems


def test_unknown_key_lists_the_known_ones(content_copy):
    path = edit(content_copy, CARD, "group: key-message", "group: key-message\ncolour: red")
    (problem,) = problems_for(content_copy)
    assert problem.startswith(f"{path}:{line_of(path, 'colour:')}: field 'colour': is not a known field")
    assert "expected one of: slug, group, order, title" in problem


def test_unknown_key_inside_a_point_is_found_at_its_line(content_copy):
    path = edit(content_copy, CARD, "    sources: [HSCB]", "    source: [HSCB]")
    (problem,) = problems_for(content_copy)
    assert re.match(rf"{re.escape(str(path))}:\d+: field 'points\[0\]\.source': is not a known field; did you mean 'sources'\?", problem)


def test_duplicate_slug_names_both_files(content_copy):
    other = content_copy / "cards" / "zz-copy.yaml"
    other.write_text((content_copy / CARD).read_text())
    (problem,) = problems_for(content_copy)
    assert problem.startswith(f"{other}:{line_of(other, 'slug:')}: field 'slug':")
    assert "'think-the-unthinkable' is already used by" in problem and CARD in problem


def test_card_with_no_title_is_refused(content_copy):
    path = edit(content_copy, CARD, "title: Think the Unthinkable", 'title: ""')
    (problem,) = problems_for(content_copy)
    assert problem == f"{path}:{line_of(path, 'title:')}: field 'title': is empty; expected some text"


def test_wrong_type_says_what_was_expected(content_copy):
    path = edit(content_copy, CARD, "order: 1", "order: first")
    (problem,) = problems_for(content_copy)
    assert problem.startswith(f"{path}:{line_of(path, 'order:')}: field 'order': expected a whole number")


def test_point_citing_an_unknown_source(content_copy):
    path = edit(content_copy, CARD, "    sources: [HSCB]", "    sources: [NOPE]")
    (problem,) = problems_for(content_copy)
    assert problem.startswith(f"{path}:{line_of(path, '[NOPE]')}:")
    assert "field 'points[0].sources': 'NOPE' is not the id of any entry in this card's sources (HSCB)" in problem


def test_duplicate_key_in_one_file(content_copy):
    path = edit(content_copy, CARD, "order: 1", "order: 1\norder: 2")
    (problem,) = problems_for(content_copy)
    assert problem == f"{path}:{line_of(path, 'order: 2')}: field 'order': appears twice; keep one"


def test_invalid_phone_number_in_contacts(content_copy):
    path = edit(content_copy, "contacts.yaml", "number: 020 8489 4470", "number: 020 8489 447")
    (problem,) = problems_for(content_copy)
    assert problem.startswith(f"{path}:{line_of(path, 'number: 020 8489 447')}: field 'contacts[1].number':")
    assert "is not a valid phone number in region GB" in problem


def test_bad_opening_time_in_contacts(content_copy):
    edit(content_copy, "contacts.yaml", 'from: "17:00"', "from: 5pm")
    (problem,) = problems_for(content_copy)
    assert "field 'contacts[2].hours[0].from': expected a 24-hour time in quotes" in problem


def test_every_problem_is_reported_not_just_the_first(content_copy):
    edit(content_copy, CARD, "title:", "titel:")
    edit(content_copy, "cards/mobile-families.yaml", "order: 1", "order: one")
    assert len(problems_for(content_copy)) == 3


def test_kiosk_check_prints_one_line_per_problem_and_fails(content_copy, capsys):
    edit(content_copy, CARD, "title:", "titel:")
    assert cli.main(["check", "--content", str(content_copy)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 3 and err[-1] == f"2 problem(s) in {content_copy}"
    assert "Traceback" not in "".join(err)


def test_kiosk_check_passes_on_the_shipped_content(capsys):
    assert cli.main(["check"]) == 0
    assert "content OK: 9 key messages, 10 poster themes, 3 contacts" in capsys.readouterr().out
