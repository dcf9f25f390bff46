"""What the editor shows on hover and offers as completions, from pmlint's own vocabulary.

Pure functions of the text's lines and a position (0-based line, character
column), so they are tested without a client; the server only converts units.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pmlint import resources
from pmlint.checking.rules import RULES
from pmlint.checking.schema import effective_schema
from pmlint.config import Config
from pmlint.reading.frontmatter import FrontMatterError, split
from pmlint.reading.vocabulary import (
    CAUSE_DEFINITIONS,
    CLOSED_STATUSES,
    DOCUMENT_STATUSES,
    FOLLOW_UP_TYPES,
    OPEN_STATUSES,
    SECTIONS,
    TAXONOMY,
    normalise_heading,
)

_CODE = re.compile(r"PM\d{3}")
_KEY = re.compile(r"^(\s*)(?:-\s+)?([A-Za-z_][\w-]*)\s*:")
_CATEGORY = re.compile(r"[a-z][a-z0-9_-]*(?:/[a-z0-9][a-z0-9_-]*)?")
_FIELD_VALUE = re.compile(r"(?:^|[\u2014\u2013|]\s*)(status|type)\s*:\s*([^\u2014\u2013|]*)$", re.I)


@dataclass(frozen=True)
class Completion:
    label: str
    detail: str
    start: int  # the character column the completion replaces from, on the cursor's line


def _word_at(line: str, column: int, pattern: re.Pattern[str]) -> str | None:
    for match in pattern.finditer(line):
        if match.start() <= column <= match.end():
            return match.group(0)
    return None


def _front_matter_end(lines: Sequence[str]) -> int:
    """The 0-based line of the closing '---', or 0 when there is no front-matter block."""
    try:
        bounds = split(list(lines))
    except FrontMatterError:
        return 0
    return bounds[1] if bounds else 0


def rule_page(code: str) -> str | None:
    if code not in RULES:
        return None
    try:
        return resources.rule_page(code).read_text(encoding="utf-8")
    except OSError:
        rule = RULES[code]
        return f"**{code} {rule.slug}** ({rule.severity}): {rule.summary}"


def hover(
    lines: Sequence[str], line: int, column: int, config: Config, codes: Sequence[str]
) -> str | None:
    """Markdown for the position: a rule's page, a field's meaning or a category's definition.

    ``codes`` are the rules of the diagnostics on the line, shown when nothing
    more specific is under the cursor.
    """
    text = lines[line] if line < len(lines) else ""
    if (code := _word_at(text, column, _CODE)) and (page := rule_page(code)):
        return page
    in_front = 0 < line < _front_matter_end(lines)
    key = _KEY.match(text) if in_front else None
    if key and key.start(2) <= column <= key.end(2):
        return _field_help(lines, line, key.group(2), len(key.group(1)), config)
    if (
        in_front
        and (word := _word_at(text, column, _CATEGORY))
        and (meaning := category(word, config))
    ):
        return meaning
    pages = [page for code in dict.fromkeys(codes) if (page := rule_page(code))]
    return "\n\n---\n\n".join(pages) or None


def category(word: str, config: Config) -> str | None:
    """The definition of a cause category or a configured sub-category."""
    if word in CAUSE_DEFINITIONS:
        return f"**{word}** (cause category): {CAUSE_DEFINITIONS[word]}"
    if word in config.cause_subcategories:
        parent = word.split("/", 1)[0]
        meaning = CAUSE_DEFINITIONS.get(parent, "")
        return f"**{word}**: a team sub-category of **{parent}**, {meaning}"
    return None


def _field_help(lines: Sequence[str], line: int, key: str, indent: int, config: Config) -> str:
    schema = effective_schema(config)
    path = ["front_matter"]
    if indent and (parent := _parent_key(lines, line, indent)):
        path.append(parent)
    node = _property(schema, [*path, key])
    if node is None:
        return f"**{key}**: not a field pmlint knows; kept and ignored (a team schema may use it)."
    description = node.get("description") or _ref_description(schema, node) or ""
    required = key in _required(schema, path)
    status = "required" if required else _conditional(key)
    return f"**{'.'.join([*path[1:], key])}** ({status}): {description}".rstrip(": ")


def _parent_key(lines: Sequence[str], line: int, indent: int) -> str | None:
    for index in range(line - 1, 0, -1):
        match = _KEY.match(lines[index])
        if match and len(match.group(1)) < indent:
            return match.group(2)
    return None


def _property(schema: dict[str, Any], path: list[str]) -> dict[str, Any] | None:
    nodes: list[Any] = [schema]
    for part in path:
        found = [
            node["properties"][part]
            for node in _expanded(nodes)
            if isinstance(node.get("properties"), dict) and part in node["properties"]
        ]
        if not found:
            return None
        nodes = found
    return nodes[0] if isinstance(nodes[0], dict) else None


def _expanded(nodes: list[Any]) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = []
    for node in nodes:
        if isinstance(node, dict):
            result.append(node)
            result.extend(_expanded(node.get("allOf", [])))
    return result


def _ref_description(schema: dict[str, Any], node: dict[str, Any]) -> str | None:
    ref = node.get("$ref", "")
    target = (
        schema.get("$defs", {}).get(ref.rsplit("/", 1)[-1]) if ref.startswith("#/$defs/") else None
    )
    return target.get("description") if isinstance(target, dict) else None


def _required(schema: dict[str, Any], path: list[str]) -> set[str]:
    node = _property(schema, path) if len(path) > 1 else _property(schema, ["front_matter"])
    nodes = _expanded([node]) if node else []
    return {name for item in nodes for name in item.get("required", []) if isinstance(name, str)}


def _conditional(key: str) -> str:
    return {
        "resolved": "required unless status is draft",
        "published": "required when status is published",
    }.get(key, "optional")


def completions(lines: Sequence[str], line: int, column: int, config: Config) -> list[Completion]:
    """Values and headings that fit where the cursor is."""
    text = lines[line][:column] if line < len(lines) else ""
    end = _front_matter_end(lines)
    if 0 < line < end:
        return _front_matter_values(lines, line, text, config)
    if re.fullmatch(r"##\s+[^#]*", text):
        start = len(text) - len(text[2:].lstrip()) if text[2:].strip() else len(text)
        return [Completion(name, "section", start) for name in _absent_sections(lines, end)]
    if match := _FIELD_VALUE.search(text):
        return _follow_up_values(match.group(1).lower(), match.start(2))
    return _table_values(lines, line, text)


def _front_matter_values(
    lines: Sequence[str], line: int, text: str, config: Config
) -> list[Completion]:
    key = _KEY.match(text)
    start = key.end() + len(text[key.end() :]) - len(text[key.end() :].lstrip()) if key else 0
    name = key.group(2) if key else None
    if name == "severity":
        return [Completion(value, "severity", start) for value in config.severities]
    if name == "status":
        return [Completion(value, "postmortem status", start) for value in DOCUMENT_STATUSES]
    listed = re.search(r"(?:contributing\s*:\s*\[[^\]]*|^\s*-\s*)([\w/-]*)$", text)
    in_cause = name == "primary" or (
        listed and _parent_key(lines, line, 3) in ("contributing", "cause")
    )
    if in_cause:
        begin = listed.start(1) if listed else start
        return [
            Completion(value, "cause category", begin)
            for value in (*TAXONOMY, *config.cause_subcategories)
        ]
    return []


def _follow_up_values(name: str, start: int) -> list[Completion]:
    if name == "status":
        return [
            Completion(value, "open" if value in OPEN_STATUSES else "closed", start)
            for value in (*OPEN_STATUSES, *CLOSED_STATUSES)
        ]
    return [Completion(value, "follow-up type", start) for value in FOLLOW_UP_TYPES]


def _table_values(lines: Sequence[str], line: int, text: str) -> list[Completion]:
    """In a table cell under a Status or Type column."""
    if not text.lstrip().startswith("|"):
        return []
    header = next(
        (
            lines[index - 1]
            for index in range(line, 0, -1)
            if re.fullmatch(r"\s*\|?[\s:|-]*-[\s:|-]*", lines[index]) and "|" in lines[index]
        ),
        None,
    )
    if header is None:
        return []
    columns = [normalise_heading(cell) for cell in header.strip().strip("|").split("|")]
    cell = text.strip().removeprefix("|").count("|")
    if cell >= len(columns) or columns[cell] not in ("status", "type"):
        return []
    start = text.rfind("|") + 1
    start += len(text[start:]) - len(text[start:].lstrip())
    return _follow_up_values(columns[cell], start)


def _absent_sections(lines: Sequence[str], body_start: int) -> list[str]:
    present = {
        normalise_heading(line.lstrip("#")) for line in lines[body_start:] if line.startswith("## ")
    }
    return [name for name in SECTIONS.values() if name.lower() not in present]
