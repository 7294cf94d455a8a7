"""Reading one YAML file: the data, the line of every key, and problems worded for an editor."""

from __future__ import annotations

from pathlib import Path

import yaml

from .problems import Problem


def read_yaml(path: Path) -> tuple[object, dict[tuple, int], list[Problem]]:
    """Parse one file, returning the data, the line of every key path, and any problems."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        return None, {}, [Problem(path, None, "", f"is not UTF-8 text ({err.reason} at byte {err.start})")]
    try:
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        what = " ".join(part for part in (err.context, err.problem) if part)
        return None, {}, [Problem(path, line, "", f"YAML syntax error: {what}")]
    lines: dict[tuple, int] = {}
    problems: list[Problem] = []
    if node is not None:
        _index_lines(path, node, (), lines, problems)
    return data, lines, problems


def _index_lines(path, node, prefix, lines, problems):
    lines[prefix] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                problems.append(Problem(path, key_node.start_mark.line + 1, dotted(prefix + (key,)), "appears twice; keep one"))
            seen.add(key)
            _index_lines(path, value_node, prefix + (key,), lines, problems)
            lines[prefix + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index_lines(path, item, prefix + (i,), lines, problems)


def dotted(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def line_for(lines: dict[tuple, int], loc: tuple) -> int | None:
    while loc not in lines and loc:
        loc = loc[:-1]
    return lines.get(loc)
