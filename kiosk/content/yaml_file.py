"""Reading one YAML file: the data, the line of every key, and problems worded for an editor."""

from __future__ import annotations

from pathlib import Path

import yaml

from .problems import Problem
from .yaml_syntax import excerpt, explain


_MAX_DEPTH = 32  # content is a few levels deep; a deeper file is damage or an attack, not content


class _Refused(Exception):
    def __init__(self, what: str, mark):
        super().__init__(what)
        self.what, self.mark = what, mark


class _ValuesFitTheirTags:
    """A tag's own reader failing on its value (``!!int abc``, ``!!bool maybe``) is reported at that value, like
    any other mistake; PyYAML lets a bare ValueError or KeyError out, with no file or line."""

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep=deep)
        except (yaml.YAMLError, _Refused):
            raise
        except Exception as err:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")  # the value itself is quoted under the message
            raise _Refused(f"this value cannot be read as {tag}; correct it or delete the tag", node.start_mark) from err


class _ContentLoader(_ValuesFitTheirTags, yaml.SafeLoader):
    """The safe loader, refusing what content never needs and an attacker would use: aliases (a few hundred
    bytes of them expand to gigabytes) and deep nesting (Python's recursion limit)."""

    def __init__(self, stream):
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise _Refused("uses a YAML alias (*name); write the value out in full instead", self.peek_event().start_mark)
        self.depth += 1
        try:
            if self.depth > _MAX_DEPTH:
                raise _Refused(f"is nested more than {_MAX_DEPTH} levels deep; content needs only a few",
                               self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _date_or_text(loader, node):
    """A date that does not exist (2026-02-30) stays text, for the schema to report at its field and line;
    YAML's own constructor stops the whole reading with a bare ValueError."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_ContentLoader.add_constructor("tag:yaml.org,2002:timestamp", _date_or_text)
if getattr(yaml, "__with_libyaml__", False):
    class _FastLoader(_ValuesFitTheirTags, yaml.CSafeLoader):
        """libyaml's parser with the same constructors as _ContentLoader."""

    _FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _date_or_text)

_OPENS, _CLOSES = (yaml.MappingStartEvent, yaml.SequenceStartEvent), (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _read_with_libyaml(text: str):
    """(data, node) read by libyaml (C, about fifteen times faster than PyYAML's own parser: issue 16, the kiosk's
    start), or None when the file needs the careful reading in read_yaml: libyaml is missing, or the file has a
    mistake, an alias or deep nesting. Only a file with none of those is read here, so what an editor is told
    about a mistake always comes from one reader."""
    if not getattr(yaml, "__with_libyaml__", False):
        return None
    try:
        yaml.reader.Reader(text)  # PyYAML's check for characters YAML does not allow, which libyaml lets through
        depth = 0
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):  # one by one: no tree, no recursion yet
            if isinstance(event, yaml.AliasEvent):
                return None
            depth += isinstance(event, _OPENS) - isinstance(event, _CLOSES)
            if depth >= _MAX_DEPTH:  # a scalar inside is one level more for _ContentLoader
                return None
        loader = _FastLoader(text)
        try:
            node = loader.get_single_node()
            return (loader.construct_document(node) if node is not None else None), node
        finally:
            loader.dispose()
    except (yaml.YAMLError, _Refused):
        return None


def read_yaml(path: Path) -> tuple[object, dict[tuple, int], list[Problem]]:
    """Parse one file, returning the data, the line of every key path, and any problems."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, {}, [Problem(path, line, "", f"is not UTF-8 text ({err.reason} at byte {err.start}); "
                                                    "save the file as UTF-8")]
    source_lines = text.splitlines()
    fast = _read_with_libyaml(text)
    if fast is not None:
        return _indexed(path, *fast)
    try:
        loader = _ContentLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except _Refused as err:
        line, column = err.mark.line + 1, err.mark.column
        return None, {}, [Problem(path, line, "", err.what, excerpt(source_lines, line, column))]
    except yaml.MarkedYAMLError as err:
        line, column, what = explain(err, source_lines)
        return None, {}, [Problem(path, line, "", what, excerpt(source_lines, line, column))]
    except yaml.reader.ReaderError as err:  # a character YAML does not allow, e.g. a control character pasted in
        line = text.count("\n", 0, err.position) + 1
        column = err.position - (text.rfind("\n", 0, err.position) + 1)
        return None, {}, [Problem(path, line, "", f"the character U+{err.character:04X} is not allowed in YAML; "
                                                  "delete it", excerpt(source_lines, line, column))]
    return _indexed(path, data, node)


def _indexed(path: Path, data, node) -> tuple[object, dict[tuple, int], list[Problem]]:
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
