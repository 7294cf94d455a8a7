"""Which small broken YAML file tells a surviving mutant of the YAML reading apart from the code as written.

    cd .mutation/content/mutants && ../../../.venv/bin/python ../../../scripts/yaml_mutant_inputs.py NAME...

For each mutant (``kiosk.content.yaml_syntax.x_explain__mutmut_28``, from ``mutmut results``) it reads a few
thousand small files, built from pieces of content and the slips editors make, with the mutant switched on and
off, and prints the first file whose problems differ: that file is the test to write. "no difference" means none
of them tells the two apart; judge the mutant by reading it (tests/MUTANTS.md lists the equivalent ones).
"""

from __future__ import annotations

import itertools
import os
import random
import sys
import tempfile
from pathlib import Path

PIECES = ["title: x", "title: 'a'", 'title: "a', "title: 'a", "- 'a' # c", "title: 'a' # c", "  b: c", "b: c",
          "-item", "-well-known", "- b: c", "order 1", "title: Think: the", "title: : x", "  a b:c: d", "\tb: c",
          'summary: "two', '  lines"', "  lines'", "x", "  - y", "- z", "[a", "{a", "? a", "b:c", "title: 'it's'",
          "---", "a: b: c", "title: !!python/object:os.system x", "title: !!int x", "title: @x", "  ", "# c",
          "- a\n b", "c:\n  d", "title: \x07"]


def candidates(count: int = 3000) -> list[str]:
    rng = random.Random(1)
    pairs = ["\n".join(c) + "\n" for n in (1, 2) for c in itertools.product(PIECES, repeat=n)]
    longer = ["\n".join(rng.choice(PIECES) for _ in range(rng.randint(3, 5))) + rng.choice(["\n", ""])
              for _ in range(count)]
    return ["", *pairs, *longer]


def problems(text: str, path: Path):
    from kiosk.content.yaml_file import read_yaml

    path.write_text(text, encoding="utf-8")
    try:
        return [str(problem) for problem in read_yaml(path)[2]]
    except Exception as err:  # a mutant that crashes is told apart too
        return ("crashed", type(err).__name__)


def main(names: list[str]) -> int:
    sys.path.insert(0, os.getcwd())  # the group's mutated copy, where the command is run
    os.environ["MUTANT_UNDER_TEST"] = ""
    path = Path(tempfile.mkdtemp()) / "card.yaml"
    texts = candidates()
    as_written = {text: problems(text, path) for text in texts}
    for name in names:
        os.environ["MUTANT_UNDER_TEST"] = name
        found = next(((t, as_written[t], got) for t in texts if (got := problems(t, path)) != as_written[t]), None)
        os.environ["MUTANT_UNDER_TEST"] = ""
        print(name, f"told apart by {found[0]!r}: {found[1]!r} becomes {found[2]!r}" if found else "no difference",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
