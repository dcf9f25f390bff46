"""Find the YAML front-matter block and load it safely, keeping every key's line.

python-frontmatter is not used: it strips whitespace and its delimiter regex
shifts line numbers, and every problem here must point at the offending key.
PyYAML composes the block into nodes (each with its start mark); the nodes are
then turned into JSON values by hand so that dates stay strings, big or odd
numbers never raise, and duplicate keys are caught instead of last-wins.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from pmlint.problem import excerpt
from pmlint.reading import pointers

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_OPEN = re.compile(r"---[ \t]*")
_CLOSE = re.compile(r"(---|\.\.\.)[ \t]*")
MAX_DEPTH = 32
#: Characters of a key, tag or YAML error quoted in a message (kept as written, line ends too).
_QUOTED = 80
_TAG = "tag:yaml.org,2002:"
_BOOL = _TAG + "bool"
#: The scalars that become JSON numbers, booleans and null; every other one stays text.
_CONSTRUCTED = frozenset(_TAG + name for name in ("int", "float", "bool", "null"))


class FrontMatterError(Exception):
    """The front-matter cannot be used; carries the 1-based line to report."""

    def __init__(self, line: int, message: str, absent: bool = False) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.absent = absent  # no block at all: a file not yet in pmlint's format


@dataclass
class FrontMatter:
    """Where the block sits and what it holds (``data`` is None if it failed)."""

    body_start: int  # 0-based index of the first body line
    data: dict[str, Any] | None = None
    lines: dict[str, int] = field(default_factory=dict)
    error: FrontMatterError | None = None


def split(lines: list[str]) -> tuple[int, int] | None:
    """Return the 0-based (first, closing) line indexes of the block, if it opens.

    Raises FrontMatterError when the block opens and never closes.
    """
    if not lines or not _OPEN.fullmatch(lines[0]):
        return None
    for index in range(1, len(lines)):
        if _CLOSE.fullmatch(lines[index]):
            return 1, index
    raise FrontMatterError(1, "Front-matter opened with '---' on line 1 never closes")


def read(lines: list[str]) -> FrontMatter:
    """Read the front-matter at the top of ``lines``; errors go in ``.error``."""
    try:
        bounds = split(lines)
    except FrontMatterError as error:
        return FrontMatter(body_start=0, error=error)
    if bounds is None:
        return FrontMatter(body_start=0, error=_missing(lines))
    first, closing = bounds
    front = FrontMatter(body_start=closing + 1)
    try:
        front.data = load_mapping("\n".join(lines[first:closing]), first + 1, front.lines)
    except FrontMatterError as error:
        front.error = error
        front.lines.clear()
    return front


def _missing(lines: list[str]) -> FrontMatterError:
    """No block at line 1: a misplaced '---' is a slip; no '---' at all, another format."""
    first = next((index for index, line in enumerate(lines) if line.strip()), 0)
    if first and _OPEN.fullmatch(lines[first]):
        return FrontMatterError(
            1,
            f"No front-matter: the '---' on line {first + 1} must be the file's first line",
        )
    return FrontMatterError(
        1, "No front-matter: the file must start with a '---' line and a YAML block", absent=True
    )


def load_mapping(text: str, first_line: int, lines: dict[str, int]) -> dict[str, Any]:
    """Load YAML that must be a mapping; ``first_line`` is the 1-based line of ``text``."""
    _refuse_unsafe_features(text, first_line)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + (mark.line if mark else 0)
        reason = _yaml_reason(error) + _quoting_hint(error, text)
        raise FrontMatterError(line, f"YAML error in front-matter: {reason}") from None
    except yaml.YAMLError as error:
        raise FrontMatterError(first_line, f"YAML error in front-matter: {error}") from None
    except RecursionError:
        raise FrontMatterError(first_line, "Front-matter is nested too deeply") from None
    if node is None:
        raise FrontMatterError(max(first_line - 1, 1), "Front-matter block is empty")
    if not isinstance(node, yaml.MappingNode):
        kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        raise FrontMatterError(
            first_line + node.start_mark.line,
            f"Front-matter must be a mapping of 'key: value' lines, not {kind}",
        )
    value = _Converter(first_line, lines).convert(node, "/front_matter", 0)
    assert isinstance(value, dict)
    return value


def _yaml_reason(error: yaml.MarkedYAMLError) -> str:
    parts = [error.context or "", error.problem or ""]
    return excerpt(
        "; ".join(part for part in parts if part) or "invalid YAML", _QUOTED, one_line=False
    )


def _quoting_hint(error: yaml.MarkedYAMLError, text: str) -> str:
    """The fix for the commonest YAML error: a value holding ': ' (``title: Deploy: broke``)."""
    mark = error.problem_mark
    if mark is None or "mapping values are not allowed" not in (error.problem or ""):
        return ""
    key, _, value = text.split("\n")[mark.line].partition(":")
    value = value.strip()
    if not key.strip() or not value or '"' in value or "\\" in value or len(value) > 60:
        return "; if a value contains ': ', put it in quotes"
    return f"; a value containing ': ' must be quoted: {key.strip()}: \"{value}\""


def _refuse_unsafe_features(text: str, first_line: int) -> None:
    """Refuse tags, anchors and aliases before anything is composed.

    Refusing anchors outright keeps alias bombs ("billion laughs") from ever
    expanding. The event scan only runs when one of the characters that can
    introduce these features is present, which keeps the common case fast.
    """
    if not any(char in text for char in "&*!"):
        return
    try:
        for event in yaml.parse(text, Loader=_Loader):
            line = first_line + (event.start_mark.line if event.start_mark else 0)
            if isinstance(event, yaml.AliasEvent):
                raise FrontMatterError(
                    line, "YAML aliases ('*name') are not allowed in front-matter"
                )
            if getattr(event, "anchor", None):
                raise FrontMatterError(
                    line, "YAML anchors ('&name') are not allowed in front-matter"
                )
            tag = getattr(event, "tag", None)
            if tag is not None:
                raise FrontMatterError(
                    line, f"YAML tags ('{excerpt(tag, _QUOTED, one_line=False)}') are not allowed"
                )
    except yaml.YAMLError:
        return  # the compose step reports syntax errors with their line


class _Converter:
    """Turn composed YAML nodes into JSON values and record each node's line."""

    def __init__(self, first_line: int, lines: dict[str, int]) -> None:
        self.first_line = first_line
        self.lines = lines
        self.constructor = yaml.constructor.SafeConstructor()

    def line_of(self, node: yaml.Node) -> int:
        return self.first_line + node.start_mark.line

    def convert(self, node: yaml.Node, pointer: str, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise FrontMatterError(
                self.line_of(node), f"Front-matter is nested deeper than {MAX_DEPTH} levels"
            )
        self.lines.setdefault(pointer, self.line_of(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, pointer, depth)
        if isinstance(node, yaml.SequenceNode):
            return [
                self.convert(item, f"{pointer}/{index}", depth + 1)
                for index, item in enumerate(node.value)
            ]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, pointer: str, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise FrontMatterError(
                    self.line_of(key_node), "Front-matter keys must be plain words"
                )
            key = str(key_node.value)
            if key in result:
                raise FrontMatterError(
                    self.line_of(key_node),
                    f"Duplicate front-matter key '{excerpt(key, _QUOTED, one_line=False)}' "
                    f"(first at line {self.lines[pointers.child(pointer, key)]})",
                )
            child = pointers.child(pointer, key)
            self.lines[child] = self.line_of(key_node)
            result[key] = self.convert(value_node, child, depth + 1)
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        """Plain YAML types become JSON types; dates and anything odd stay text."""
        if node.tag == _BOOL and node.value.lower() not in ("true", "false"):
            return node.value  # YAML 1.1's yes/no/on/off: "team: no" means the team "no"
        if node.tag in _CONSTRUCTED:
            try:
                value = self.constructor.construct_object(node)
            except ValueError:  # e.g. an integer too long to convert
                return node.value
            if isinstance(value, float) and not math.isfinite(value):
                return node.value
            return value
        return node.value
