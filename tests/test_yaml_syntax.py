"""Where a YAML slip is reported, in small files: the damaged line and column, not where PyYAML gave up, when the
file holds other quoted text, other colons or other dashes that could mislead the search for it."""

import pytest

from kiosk.content.yaml_file import read_yaml

UNCLOSED_DOUBLE = 'unclosed quote: this " has no closing "'
COLON_IN_TEXT = "a colon followed by a space inside unquoted text; put the whole text in quotes"
DASH = "a space is missing after the '-' that starts a list item"

SLIPS = [
    pytest.param('summary: "Neglect is serious harm\n  that builds up over time."\ntitle: "Child Neglect\n',
                 3, 7, UNCLOSED_DOUBLE, id="unclosed-quote-after-quoted-text-over-two-lines"),
    pytest.param('title: "Child Neglect\nsummary: "Neglect is serious harm."\n',
                 1, 7, UNCLOSED_DOUBLE, id="unclosed-quote-just-before-the-next-quoted-text"),
    pytest.param('title: Think: the Unthinkable\nsummary: "Neglect is serious harm\n  that builds up."\n',
                 1, 12, COLON_IN_TEXT, id="colon-in-text-before-quoted-text-over-two-lines"),
    pytest.param("summary: Neglect is harm\n  seen at 10:30 on the visit: briefly\n",
                 2, 28, COLON_IN_TEXT, id="colon-in-text-carried-on-to-a-second-line"),
    pytest.param("summary: : it builds up over time\n", 1, 9, COLON_IN_TEXT, id="colon-starting-the-text"),
    pytest.param("order: 1\n  order: 1\n", 2, 2, "this line is indented more than the field it belongs with",
                 id="field-indented-too-far"),
    pytest.param("-text: Authoritative\n  sources: [HSCB]\n", 1, 1, DASH, id="dash-without-space-on-the-first-line"),
    pytest.param("points:\n  -text: A long-running case\n    sources: [N3]\n", 2, 3, DASH,
                 id="dash-without-space-before-a-hyphenated-word"),
    pytest.param("slug: child-neglect\norder 8\n", 2, 0, "expected 'field: value' here; is the colon missing?",
                 id="colon-missing-on-the-last-line"),
    pytest.param('title: Child Neglect\n- "What has changed?" # from the review\n', 2, 0,
                 "this line's indentation does not line up with the lines above it",
                 id="quoted-text-with-a-comment-is-not-closed-early"),
    pytest.param("title: !!python/object:os.system x\n", 1, 7, "YAML syntax error: could not determine a constructor "
                 "for the tag 'tag:yaml.org,2002:python/object:os.system'", id="unknown-tag-in-the-parsers-words"),
]


@pytest.mark.parametrize("text, line, column, words", SLIPS)
def test_a_slip_is_reported_at_its_own_line_and_column(tmp_path, text, line, column, words):
    path = tmp_path / "card.yaml"
    path.write_text(text)
    data, lines, problems = read_yaml(path)
    assert data is None and lines == {}
    (problem,) = problems
    first, quoted, caret = str(problem).split("\n")
    assert first == f"{path}:{line}: {words}"
    assert quoted == f"{line:>5} | {text.splitlines()[line - 1]}"
    assert caret == "      | " + " " * column + "^"


def test_a_long_line_is_quoted_from_forty_characters_before_the_damage_with_both_ends_marked_cut(tmp_path):
    text = "title: " + "a" * 150 + ": b" + "c" * 58  # 218 characters, the colon at 157
    path = tmp_path / "card.yaml"
    path.write_text(text + "\n")
    (problem,) = read_yaml(path)[2]
    assert str(problem).split("\n") == [f"{path}:1: {COLON_IN_TEXT}",
                                        f"    1 | …{text[117:217]}…",  # 100 characters; one more is cut off
                                        "      | " + " " * 41 + "^"]
