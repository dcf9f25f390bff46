"""Convert a postmortem written in another style into pmlint's format, losing nothing.

Teams have years of postmortems with setext headings, "Root Cause" and "Action
Items" headings, bold labels instead of headings and no front-matter. ``convert``
rewrites one into the format in small steps, each reading the Markdown parse
(the same markdown-it parser lint uses), not regular expressions over the file:

1. split off any front-matter (YAML ``---`` or TOML ``+++``) and keep its keys;
2. build the heading tree (ATX and setext alike);
3. turn bold-label paragraphs and list items (``**Root Causes**:``) into nodes;
4. move metadata lines (``**Date**:``, ``Owner: @x``) and the title to front-matter;
5. place nodes in the template's sections through the aliases; a node it cannot
   place keeps its heading and goes after the nine;
6. give every follow-up item the fields of the format, keeping owners and tickets;
7. render, with placeholders where the original holds nothing to infer.

Text is copied line by line from the source; only headings, labels turned into
headings and appended follow-up fields differ, so every word of the original
stays (renamed words are kept in a comment).
"""

from __future__ import annotations

import datetime as dt
import re
import stat
import tomllib
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from markdown_it.token import Token

from pmlint import safe_write
from pmlint.config import Config
from pmlint.errors import UserError
from pmlint.reading import frontmatter
from pmlint.reading.body import markdown, section_key
from pmlint.reading.document import split_lines
from pmlint.reading.vocabulary import (
    BUILTIN_ALIASES,
    OPTIONAL_SECTIONS,
    SECTIONS,
    is_placeholder,
    normalise_heading,
)


class AdoptError(UserError):
    """The file cannot be converted or written; the message names the file."""


#: Headings real postmortems use beyond the format's aliases, normalised -> section key.
#: Only adopt uses these: lint keeps to the aliases the format documents.
EXTRA_HEADINGS: dict[str, str] = {
    "overview": "summary",
    "identified cause": "cause",
    "what caused the incident": "cause",
    "contributing factors": "cause",  # only where no cause section exists
    "contributing factor": "cause",
    "incident timeline": "timeline",
    "review actions": "follow_up_actions",
    "action items & followups": "follow_up_actions",
    "what went badly": "what_did_not_go_well",
    "what could have gone better": "what_did_not_go_well",
    "metadata": "identification",
}
_CONTRIBUTING = ("contributing factors", "contributing factor")

#: Metadata labels moved to front-matter: label -> front-matter field.
FIELD_LABELS: dict[str, str] = {
    "date": "date",
    "incident date": "date",
    "severity": "severity",
    "duration": "duration",
    "time to repair": "duration",
    "time to recovery": "duration",
    "time to mitigate": "duration",
    "team": "team",
    "title": "title",
    "status": "incident_status",  # the incident's status, not the document's
}
#: Further labels that, at the top of a postmortem, are metadata rather than content.
METADATA_LABELS = (
    *FIELD_LABELS,
    "owner",
    "owners",
    "author",
    "authors",
    "created by",
    "last modified",
    "incident lead",
    "involved",
)

#: Follow-up table columns, normalised -> the format's column.
COLUMNS: dict[str, str] = {
    "action": "action",
    "action item": "action",
    "action items": "action",
    "item": "action",
    "task": "action",
    "owner": "owner",
    "owners": "owner",
    "who": "owner",
    "assignee": "owner",
    "due": "due",
    "due date": "due",
    "status": "status",
    "type": "type",
    "ticket": "ticket",
    "issue": "ticket",
    "bug": "ticket",
    "bug #": "ticket",
    "closed": "closed",
}
_REQUIRED_COLUMNS = ("action", "owner", "due", "status", "type")

#: What the author writes where the original holds nothing to infer.
PLACEHOLDERS: dict[str, str] = {
    "owner": "<owner>",
    "due": "<YYYY-MM-DD>",
    "status": "<status>",
    "type": "<type>",
}
#: Front-matter keys of the format: a metadata label never takes one over by its name alone.
_FORMAT_FIELDS = (
    "id", "title", "date", "severity", "duration", "status", "team", "oncall", "resolved",
    "published", "cause", "parent", "tags",
)  # fmt: skip
#: ``id`` is left empty, not a placeholder: converted files must not all share one id (PM601).
_ID_HINT = "e.g. INC-2026-0512: unique in the repository"
SECTION_HINTS: dict[str, str] = {
    "summary": "<3-5 sentences: what happened, the user-visible impact, what was done>",
    "timeline": "- <time> <event>",
    "cause": "<the primary cause and the contributing factors>",
    "blast_radius": "<who and how much: tenants, sessions, calls, minutes, in numbers>",
    "eval_delta": "<the eval coverage gap and the expansion committed to, or 'No gap:' and why>",
    "follow_up_actions": "| Action | Owner | Due | Status | Type |\n|---|---|---|---|---|",
    "apparatus_updates": "- <Alert:, Runbook:, Escalation: or Drill:> <what changed>",
    "what_went_well": "<what went well>",
    "what_did_not_go_well": "<what did not go well>",
}

_LABEL_LINE = re.compile(
    r"^(?P<prefix>\s*(?:[-*+]|\d{1,9}[.)])?\s*)(?P<mark>\*\*|__)(?P<label>[^*_\n]+?)"
    r"(?P=mark)\s*:?[ \t]*"
)
_METADATA_LINE = re.compile(
    r"^\s*(?:\*\*|__)?(?P<label>[A-Za-z][A-Za-z ]{0,30}?)(?:\*\*|__)?\s*:(?:\*\*|__)?"
    r"[ \t]*(?P<value>.*?)\s*$"
)
_ITEM_MARKER = re.compile(r"^(\s*(?:[-*+]|\d{1,9}[.)])[ \t]+)")
_ISO_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
_DURATION = re.compile(r"^(\d+d)?(\d+h)?(\d+m)?$")
_TASK = re.compile(r"^\s*\[([ xX])\]")
_OWNER = re.compile(r"\b(?:owner|assignee|assigned to)\s*[:\-]?\s*(@[\w-]+)", re.IGNORECASE)
_TRAILING_HANDLE = re.compile(r"\((@[\w-]+)\)\s*\.?$")
_HAS_FIELDS = re.compile(r"\u2014\s*(?:owner|due|status|type)\s*:", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+")
_BARE_URL = re.compile(r"https?://[^\s<>()]+[^\s<>().,;:]")
_TICKET_URL = re.compile(r"/(?:issues|pull|pulls|merge_requests)/\d+|/browse/[A-Z][A-Z0-9]*-\d+")
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_WRITTEN_DATE = re.compile(
    r"^(?:[A-Za-z]+,?\s+)?(?P<month>[A-Za-z]{3})[a-z]*\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    r"(?:\s*-\s*\d{1,2})?,?\s+(?P<year>\d{4})"
)
_DOTTED_DATE = re.compile(r"^(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})$")


@dataclass
class Node:
    """A heading and what it holds: its own lines, then the headings under it."""

    level: int  # 0 for the document itself
    title: str  # the heading as written (inline Markdown)
    lines: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)


#: A part's content: a line of text, or a sub-heading (depth below the part, text).
Line = str | tuple[int, str]


@dataclass
class Part:
    """What becomes one ``##`` section of the output."""

    key: str | None
    title: str
    exact: bool = False  # lint recognises the heading as it is
    content: list[Line] = field(default_factory=list)


def convert(text: str, name: str, config: Config) -> str:
    """The postmortem ``text`` (from a file called ``name``) in pmlint's format."""
    lines = split_lines(text)
    existing, body = _split_front_matter(lines, name)
    root = _tree(body)
    _label_nodes(root, config.heading_aliases)
    keys = _Keys(root, config.heading_aliases)
    title_node = _title_node(root, keys)
    metadata = _take_metadata(root, title_node, keys)
    preamble = [*root.lines, *(title_node.lines if title_node else [])]
    tops = [*(title_node.children if title_node else []), *root.children[1 if title_node else 0 :]]
    parts = _merge(_place(tops, keys))
    for part in parts:
        if part.key == "follow_up_actions":
            part.content = _follow_ups(part.content)
    title = existing.get("title") or (_plain(title_node.title) if title_node else None)
    front = _front_matter(existing, metadata, title, name, config)
    return _render(front, title_node, preamble, parts, config.heading_aliases)


# --- 1. front-matter ---------------------------------------------------------------------


def _split_front_matter(lines: list[str], name: str) -> tuple[dict[str, Any], list[str]]:
    """Existing front-matter keys, and the body's lines."""
    if lines and lines[0].strip() == "+++":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "+++"), None)
        if end is not None:
            try:
                data = tomllib.loads("\n".join(lines[1:end]))
            except tomllib.TOMLDecodeError as error:
                raise AdoptError(f"{name}: TOML front-matter cannot be read: {error}") from None
            return _plain_values(data), lines[end + 1 :]
    front = frontmatter.read(lines)
    if front.error is not None and front.body_start:  # a closed block that is broken
        raise AdoptError(f"{name}:{front.error.line}: {front.error.message}")
    return dict(front.data or {}), lines[front.body_start :]


def _plain_values(value: Any) -> Any:
    """TOML dates and times as the strings YAML front-matter holds."""
    if isinstance(value, dict):
        return {key: _plain_values(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain_values(item) for item in value]
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


# --- 2. the heading tree -----------------------------------------------------------------


def _tree(lines: list[str]) -> Node:
    """Nest the top-level headings; every line lands in exactly one node."""
    tokens = markdown().parse("\n".join(lines))
    root = Node(0, "")
    stack = [root]
    position = 0
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or token.level != 0 or token.map is None:
            continue
        start, end = token.map
        stack[-1].lines.extend(lines[position:start])
        level = int(token.tag[1])
        while stack[-1].level >= level:
            stack.pop()
        node = Node(level, " ".join(tokens[index + 1].content.split()))
        stack[-1].children.append(node)
        stack.append(node)
        position = end
    stack[-1].lines.extend(lines[position:])
    return root


def _walk(node: Node) -> Iterator[Node]:
    yield node
    for child in node.children:
        yield from _walk(child)


# --- 3. bold labels ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Label:
    start: int  # line index in the node's lines
    end: int  # end of the list item (labels in lists), else the start
    text: str
    in_list: bool


def _label_nodes(root: Node, aliases: Mapping[str, str]) -> None:
    """Bold labels that name sections or metadata become nodes of their own.

    A node's labels are split off only when at least one names a section or a
    metadata field, so bold timestamps or questions in prose stay prose.
    """
    for node in list(_walk(root)):
        labels = _labels(node.lines)
        if not any(_label_key(label.text, aliases) for label in labels):
            continue
        pseudo = []
        for label, following in zip(labels, [*labels[1:], None], strict=True):
            stop = following.start if following else len(node.lines)
            lines = node.lines[label.start : stop]
            first = _LABEL_LINE.sub("", lines[0], count=1)
            if label.in_list:
                span = label.end - label.start
                lines = [*_dedent([first, *lines[1:span]], lines[0]), *lines[span:]]
            else:
                lines = [first, *lines[1:]]
            pseudo.append(Node(node.level + 1, label.text, lines))
        node.lines = node.lines[: labels[0].start]
        node.children[:0] = pseudo


def _labels(lines: list[str]) -> list[_Label]:
    """Bold-label paragraphs, and items of lists whose every item starts with one."""
    tokens = markdown().parse("\n".join(lines))
    found: list[_Label] = []
    for index, token in enumerate(tokens):
        if token.level != 0 or token.map is None:
            continue
        if token.type == "paragraph_open":
            text = _label_text(tokens[index + 1])
            if text is not None:
                found.append(_Label(token.map[0], token.map[0], text, False))
        elif token.type == "bullet_list_open":
            items = _list_labels(tokens, index)
            if items:
                found.extend(items)
    return found


def _list_labels(tokens: list[Token], index: int) -> list[_Label]:
    items: list[_Label] = []
    for position in range(index + 1, len(tokens)):
        token = tokens[position]
        if token.type == "bullet_list_close" and token.level == 0:
            break
        if token.type != "list_item_open" or token.level != 1 or token.map is None:
            continue
        inline = tokens[position + 2] if tokens[position + 1].type == "paragraph_open" else None
        text = _label_text(inline) if inline is not None else None
        if text is None:
            return []
        items.append(_Label(token.map[0], token.map[1], text, True))
    return items


def _label_text(inline: Token) -> str | None:
    """The label of ``**Label**: text``, ``**Label:** text`` or a lone ``**Label?**``."""
    children = [c for c in inline.children or [] if c.type != "text" or c.content]
    if len(children) < 3 or children[0].type != "strong_open" or children[1].type != "text":
        return None
    if children[2].type != "strong_close" or "\n" in children[1].content:
        return None
    label = children[1].content.strip()
    rest = "".join(c.content for c in children[3:] if c.type == "text")
    alone = all(c.type in ("text", "softbreak") and not c.content.strip() for c in children[3:])
    closes = label.endswith((":", "?")) or rest.startswith(":")
    if not label or len(label) > 60 or not (closes or alone):
        return None
    if not _LABEL_LINE.match(inline.content):
        return None
    return label.rstrip(":").strip()


def _label_key(text: str, aliases: Mapping[str, str]) -> str | None:
    name = normalise_heading(text)
    if name in METADATA_LABELS:
        return "metadata"
    return section_key(text, aliases) or EXTRA_HEADINGS.get(name)


def _dedent(lines: list[str], first: str) -> list[str]:
    """A list item's lines as they read outside the list."""
    marker = _ITEM_MARKER.match(first)
    width = len(marker.group(1)) if marker else 0
    result = [lines[0].strip()]
    for line in lines[1:]:
        spaces = len(line) - len(line.lstrip(" "))
        result.append(line[min(spaces, width) :])
    return result


# --- section keys ------------------------------------------------------------------------


class _Keys:
    """The section each node names, through the aliases, then adopt's own names.

    "Contributing factors" counts as Cause only where nothing else is the cause.
    """

    def __init__(self, root: Node, aliases: Mapping[str, str]) -> None:
        self.aliases = aliases
        self.keys: dict[int, str | None] = {}
        self.exact: set[int] = set()
        for node in _walk(root):
            if node is root:
                continue
            key = section_key(node.title, aliases)
            if key is not None:
                self.exact.add(id(node))
            else:
                key = _loose_key(node.title)
            self.keys[id(node)] = key
        has_cause = any(
            key == "cause" and normalise_heading(node.title) not in _CONTRIBUTING
            for node in _walk(root)
            if (key := self.keys.get(id(node)))
        )
        if has_cause:
            for node in _walk(root):
                if normalise_heading(node.title) in _CONTRIBUTING:
                    self.keys[id(node)] = None

    def __call__(self, node: Node) -> str | None:
        return self.keys.get(id(node))

    def is_exact(self, node: Node) -> bool:
        return id(node) in self.exact


def _loose_key(title: str) -> str | None:
    """Adopt's own names, and headings that start with a section's name ("Timeline, PST")."""
    name = normalise_heading(title)
    if name in EXTRA_HEADINGS:
        return EXTRA_HEADINGS[name]
    if name in METADATA_LABELS:
        return "metadata"
    for known, key in _known_names():
        if name.startswith(known) and not name[len(known) :][:1].isalnum():
            return key
    return None


def _known_names() -> list[tuple[str, str]]:
    """Every name a section goes by, longest first so "root cause" beats "cause"."""
    names = {heading.lower(): key for key, heading in {**SECTIONS, **OPTIONAL_SECTIONS}.items()}
    names.update(BUILTIN_ALIASES)
    names.update(EXTRA_HEADINGS)
    return sorted(names.items(), key=lambda item: -len(item[0]))


# --- 4. metadata and title ---------------------------------------------------------------


def _title_node(root: Node, keys: _Keys) -> Node | None:
    """The first heading is the title when it is an H1 that names no section."""
    if not root.children or root.children[0].level != 1 or keys(root.children[0]):
        return None
    if any(keys(node) for node in root.children[1:] if node.level == 1):
        return None  # the H1s are the sections
    return root.children[0]


def _take_metadata(root: Node, title_node: Node | None, keys: _Keys) -> list[tuple[str, str]]:
    """Remove metadata from the body and return it as (label, value) pairs, in order.

    ``Label: value`` lines count at the top of the document and in a metadata
    section; a bold label that names a field (``**Date**: ...``) counts anywhere
    outside the template's sections, if its value is one line.
    """
    found: list[tuple[str, str]] = []
    for holder in (root, *([title_node] if title_node else [])):
        found.extend(_metadata_lines(holder, METADATA_LABELS))
    for node in list(_walk(root)):
        if keys(node) == "identification":
            found.extend(_metadata_lines(node, None))
        if node is not root and keys(node) not in (None, "identification"):
            continue
        for child in list(node.children):
            value = [line for line in child.lines if line.strip()]
            if keys(child) == "metadata" and not child.children and len(value) <= 1:
                found.append((child.title, value[0].strip() if value else ""))
                node.children.remove(child)
    return found


def _metadata_lines(node: Node, labels: tuple[str, ...] | None) -> list[tuple[str, str]]:
    """Paragraphs made only of ``Label: value`` lines; ``labels=None`` takes any label."""
    tokens = markdown().parse("\n".join(node.lines))
    taken: list[tuple[str, str]] = []
    drop: set[int] = set()
    for token in tokens:
        if token.type != "paragraph_open" or token.level != 0 or token.map is None:
            continue
        span = range(*token.map)
        matches = [_METADATA_LINE.match(node.lines[i]) for i in span]
        if not all(
            m and (labels is None or normalise_heading(m.group("label")) in labels) for m in matches
        ):
            continue
        taken.extend((m.group("label"), m.group("value")) for m in matches if m)
        drop.update(span)
    node.lines = [line for i, line in enumerate(node.lines) if i not in drop]
    return taken


def _front_matter(
    existing: dict[str, Any],
    metadata: list[tuple[str, str]],
    title: str | None,
    name: str,
    config: Config,
) -> list[str]:
    """Front-matter lines: the format's fields first, placeholders where nothing is known."""
    fields: dict[str, tuple[Any, str]] = {}  # key -> (value, comment)
    extra: dict[str, tuple[Any, str]] = {}
    for label, value in metadata:
        key = FIELD_LABELS.get(normalise_heading(label))
        if key == "title" and not title and value:
            title = value
            continue
        if key in ("date", "severity", "duration", "team") and key not in fields:
            fitted = _fit(key, value, config)
            if fitted is not None:
                fields[key] = (fitted, "" if fitted == value else f"{label}: {value}")
                continue
            fields[key] = (None, f"{label}: {value}")
            continue
        slug = key or re.sub(r"[^a-z0-9]+", "_", normalise_heading(label)).strip("_") or "note"
        unique, number = slug, 1
        while unique in extra or unique in existing or unique in _FORMAT_FIELDS:
            number += 1
            unique = f"{slug}_{number}"
        extra[unique] = (value, "")
    date = existing.get("date") or _date_from(name) or _date_from(title or "")
    severities = f"<{config.severities[0]}-{config.severities[-1]}>"
    ordered: list[tuple[str, Any, str]] = [
        ("id", existing.get("id"), "" if existing.get("id") else _ID_HINT),
        ("title", title or "<title>", ""),
        _field("date", fields, date, "<YYYY-MM-DD>"),
        _field("severity", fields, existing.get("severity"), severities),
        _field("duration", fields, existing.get("duration"), "<time to contain, e.g. 2h30m>"),
        ("status", existing.get("status") or "<draft|review|published>", ""),
        _field("team", fields, existing.get("team"), "<team>"),
        ("oncall", existing.get("oncall") or ["<role>"], ""),
        ("resolved", existing.get("resolved") or "<YYYY-MM-DD>", ""),
        *([("published", existing["published"], "")] if "published" in existing else []),
        ("cause", existing.get("cause") or {"primary": "<category>"}, ""),
    ]
    known = {key for key, _, _ in ordered}
    ordered += [(key, value, comment) for key, (value, comment) in extra.items()]
    ordered += [(key, value, "") for key, value in existing.items() if key not in known]
    return [line for key, value, comment in ordered for line in _yaml(key, value, comment)]


def _field(
    key: str, fields: dict[str, tuple[Any, str]], fallback: Any, placeholder: str
) -> tuple[str, Any, str]:
    value, comment = fields.get(key, (None, ""))
    return key, value or fallback or placeholder, comment


def _fit(key: str, value: str, config: Config) -> str | None:
    """``value`` in the form the field needs, or None when it cannot be read as one."""
    if key == "date":
        return _date_from(value, anchored=True)
    if key == "severity":
        return value if value in config.severities else None
    if key == "duration":
        compact = "".join(value.split()).lower()
        return compact if compact and _DURATION.fullmatch(compact) else None
    return value or None


def _date_from(text: str, anchored: bool = False) -> str | None:
    """An ISO date read from ``2026-01-14``, ``January 14-19, 2026`` or ``27.11.2023``."""
    text = text.strip()
    iso = _ISO_DATE.match(text) if anchored else _ISO_DATE.search(text)
    written = _WRITTEN_DATE.match(text)
    dotted = _DOTTED_DATE.match(text)
    try:
        if iso:
            return dt.date.fromisoformat(iso.group(1)).isoformat()
        if written and written["month"].lower() in _MONTHS:
            month = _MONTHS[written["month"].lower()]
            return dt.date(int(written["year"]), month, int(written["day"])).isoformat()
        if dotted:
            return dt.date(
                int(dotted["year"]), int(dotted["month"]), int(dotted["day"])
            ).isoformat()
    except ValueError:
        return None
    return None


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # front-matter refuses anchors and aliases


def _yaml(key: str, value: Any, comment: str) -> list[str]:
    """``key: value`` as YAML, with ``comment`` after it (e.g. the original wording)."""
    text = (
        f"{key}:"
        if value is None
        else yaml.dump(
            {key: value},
            Dumper=_Dumper,
            allow_unicode=True,
            sort_keys=False,
            width=1_000_000,
            default_flow_style=False,
        ).rstrip("\n")
    )
    lines = text.split("\n")
    if comment:
        lines[0] += "  # " + " ".join(comment.split())
    return lines


def _plain(title: str) -> str:
    """A heading's text without emphasis markers, for the front-matter title."""
    return " ".join(re.sub(r"(\*\*|__)", "", title).split())


# --- 5. sections -------------------------------------------------------------------------

_PLACEABLE = (*SECTIONS, *OPTIONAL_SECTIONS)


def _place(nodes: list[Node], keys: _Keys) -> list[Part]:
    """One part per top-level node, and per nested node that names another section."""
    parts: list[Part] = []

    def collect(node: Node, part: Part, base: int) -> None:
        part.content.extend(node.lines)
        for child in node.children:
            key = keys(child)
            if key in _PLACEABLE and key != part.key:
                start(child, key)
            else:
                part.content.append((max(child.level - base, 1), child.title))
                collect(child, part, base)

    def start(node: Node, key: str | None) -> None:
        part = Part(key, node.title, keys.is_exact(node))
        parts.append(part)
        collect(node, part, node.level)

    for node in nodes:
        key = keys(node)
        start(node, key if key in _PLACEABLE else None)
    return parts


def _merge(parts: list[Part]) -> list[Part]:
    """Parts naming the same section become one, the later ones as its sub-sections.

    The part whose heading lint already recognises leads ("Root causes" before
    "Root cause identification: The Five Whys").
    """
    groups: dict[str, list[Part]] = {}
    for part in parts:
        if part.key is not None:
            groups.setdefault(part.key, []).append(part)
    result: list[Part] = []
    for part in parts:
        if part.key is None:
            result.append(part)
            continue
        group = groups[part.key]
        if part is not group[0]:
            continue
        lead = next((p for p in group if p.exact), group[0])
        for other in group:
            if other is not lead:
                lead.content.append((1, other.title))
                lead.content.extend(_deeper(line) for line in other.content)
        result.append(lead)
    return result


def _deeper(line: Line) -> Line:
    return (line[0] + 1, line[1]) if isinstance(line, tuple) else line


# --- 6. follow-ups -----------------------------------------------------------------------


def _follow_ups(content: list[Line]) -> list[Line]:
    """Every stretch of text between sub-headings, with its items given the format's fields."""
    result: list[Line] = []
    stretch: list[str] = []
    for item in content:
        if isinstance(item, str):
            stretch.append(item)
        else:
            result += [*_follow_up_items(stretch), item]
            stretch = []
    return [*result, *_follow_up_items(stretch)]


def _follow_up_items(lines: list[str]) -> list[str]:
    tokens = markdown().parse("\n".join(lines))
    replaced: dict[int, list[str]] = {}
    for index, token in enumerate(tokens):
        if token.level != 0 or token.map is None:
            continue
        if token.type == "table_open":
            start, end = token.map
            table = _table(tokens, index)
            if table is not None and not _words(lines[start:end]) - _words(table):
                replaced[start] = table
                replaced.update({line: [] for line in range(start + 1, end)})
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            for line, suffix in _list_fields(tokens, index):
                replaced[line] = [lines[line].rstrip() + suffix]
    return [out for i, line in enumerate(lines) for out in replaced.get(i, [line])]


def _words(lines: list[str]) -> Counter[str]:
    """Words of ``lines`` (runs of letters and digits, lower-case), to prove nothing is dropped."""
    return Counter(word.lower() for line in lines for word in _WORD.findall(line))


def _table(tokens: list[Token], index: int) -> list[str] | None:
    """A follow-up table with the format's columns; the original header kept in a comment."""
    rows: list[list[str]] = []
    row: list[str] = []
    for token in tokens[index + 1 :]:
        if token.type == "table_close":
            break
        if token.type == "tr_open":
            row = []
        elif token.type == "inline":
            row.append(token.content.strip())
        elif token.type == "tr_close":
            rows.append(row)
    header, body = rows[0], rows[1:]
    columns = [COLUMNS.get(normalise_heading(cell), "") for cell in header]
    if "action" not in columns:
        return None
    names = [
        column.capitalize() if column else cell
        for column, cell in zip(columns, header, strict=True)
    ]
    missing = [name for name in _REQUIRED_COLUMNS if name not in columns]
    names += [name.capitalize() for name in missing]
    lines = []
    if names[: len(header)] != header:
        lines.append(f"<!-- pmlint adopt: the columns were {' | '.join(header)} -->")
    lines.append("| " + " | ".join(names) + " |")
    lines.append("|" + "---|" * len(names))
    for row_cells in body:
        cells = [*row_cells, *[""] * (len(header) - len(row_cells))][: len(header)]
        values = [
            cell or (PLACEHOLDERS.get(column, "") if column else "")
            for cell, column in zip(cells, columns, strict=True)
        ]
        values += [PLACEHOLDERS[name] for name in missing]
        lines.append("| " + " | ".join(values) + " |")
    return lines


def _list_fields(tokens: list[Token], index: int) -> Iterator[tuple[int, str]]:
    """For each top-level item of the list at ``index``: the line to extend, and the fields."""
    close = (
        "bullet_list_close" if tokens[index].type == "bullet_list_open" else "ordered_list_close"
    )
    for position in range(index + 1, len(tokens)):
        token = tokens[position]
        if token.type == close and token.level == 0:
            return
        if token.type != "list_item_open" or token.level != 1:
            continue
        paragraph = tokens[position + 1]
        if paragraph.type != "paragraph_open" or paragraph.map is None:
            continue
        text = tokens[position + 2].content
        action = _TASK.sub("", text)
        if is_placeholder(action) or not action.strip() or _HAS_FIELDS.search(text):
            continue
        yield paragraph.map[1] - 1, _fields(text, _item_links(tokens, position))


def _item_links(tokens: list[Token], position: int) -> list[str]:
    """Link targets anywhere in the item opening at ``position``, nested lists included."""
    level = tokens[position].level
    links: list[str] = []
    for token in tokens[position + 1 :]:
        if token.type == "list_item_close" and token.level == level:
            break
        for child in token.children or []:
            href = child.attrGet("href") if child.type == "link_open" else None
            if isinstance(href, str):
                links.append(href)
            elif child.type == "text":
                links.extend(_BARE_URL.findall(child.content))
    return links


def _fields(text: str, links: list[str]) -> str:
    """`` — owner: ... — due: ... — status: ... — type: ...`` for one list item."""
    task = _TASK.match(text)
    status = PLACEHOLDERS["status"]
    if task:
        status = "open" if task.group(1) == " " else "done"
    owner = _OWNER.search(text) or _TRAILING_HANDLE.search(text.strip())
    values = {
        "owner": owner.group(1) if owner else PLACEHOLDERS["owner"],
        "due": PLACEHOLDERS["due"],
        "status": status,
        "type": PLACEHOLDERS["type"],
    }
    ticket = next((link for link in links if _TICKET_URL.search(link)), None)
    if ticket:
        values["ticket"] = ticket
    return "".join(f" \u2014 {key}: {value}" for key, value in values.items())


# --- 7. rendering ------------------------------------------------------------------------


def _render(
    front: list[str],
    title_node: Node | None,
    preamble: list[str],
    parts: list[Part],
    aliases: Mapping[str, str],
) -> str:
    by_key = {part.key: part for part in parts if part.key in SECTIONS}
    out = ["---", *front, "---", ""]
    if title_node is not None:
        out += [f"# {title_node.title}", ""]
    intro = _trim(preamble)
    if "summary" not in by_key and intro and not is_placeholder("\n".join(intro)):
        by_key["summary"] = Part("summary", "Summary", content=list(intro))
        intro = []
    if intro:
        out += [*intro, ""]
    for key, heading in SECTIONS.items():
        part = by_key.get(key)
        if part is None:
            out += [f"## {heading}", "", SECTION_HINTS[key], ""]
        else:
            out += _section(part, _heading(part, aliases))
    for part in parts:
        if part.key not in SECTIONS:
            out += _section(part, part.title)
    return "\n".join(out).rstrip("\n") + "\n"


def _section(part: Part, heading: str) -> list[str]:
    lines = [f"## {heading}", ""]
    for item in part.content:
        if isinstance(item, tuple):
            depth, text = item
            _blank(lines)
            lines += [f"{'#' * min(2 + depth, 6)} {text}", ""]
        elif item.strip() or lines[-1].strip():
            lines.append(item)
    return [*_trim(lines), ""]


def _blank(lines: list[str]) -> None:
    if lines and lines[-1].strip():
        lines.append("")


def _heading(part: Part, aliases: Mapping[str, str]) -> str:
    """The original heading when lint recognises it, else the section's, naming the original."""
    if part.key is None or section_key(part.title, aliases) == part.key:
        return part.title
    canonical = SECTIONS[part.key]
    rest = " ".join(part.title.replace("(", " ").replace(")", " ").split())
    if normalise_heading(rest).startswith(canonical.lower()):
        rest = rest[len(canonical) :]
    rest = rest.strip(" .:,-?")
    heading = f"{canonical} ({rest})" if rest else canonical
    return heading if section_key(heading, aliases) == part.key else canonical


def _trim(lines: list[str]) -> list[str]:
    """Without blank lines at either end; what is between is kept as it is."""
    start = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    end = next((i for i in range(len(lines), 0, -1) if lines[i - 1].strip()), start)
    return lines[start:end]


# --- writing -----------------------------------------------------------------------------


def target(source: Path, out: Path | None) -> Path:
    """Where the converted copy goes: ``--out DIR/NAME.md``, else ``NAME.pmlint.md`` beside it."""
    if out is not None:
        return out / source.name
    stem = source.name[:-3] if source.name.endswith(".md") else source.name
    return source.with_name(f"{stem}.pmlint.md")


def write_new(path: Path, text: str) -> None:
    """Create ``path``; an existing file (or link) is never overwritten or followed."""
    try:
        safe_write.write_file(path, text, new=True)
    except FileExistsError:
        raise AdoptError(f"{path}: already exists; not overwritten") from None


def replace_keeping_original(path: Path, text: str) -> Path:
    """Write ``text`` over ``path`` after saving its bytes as ``path.orig``, never lost."""
    backup = path.with_name(path.name + ".orig")
    try:
        safe_write.write_file(backup, path.read_bytes(), new=True)
    except FileExistsError:
        raise AdoptError(f"{backup}: already exists; remove it to convert {path} again") from None
    safe_write.write_file(path, text, mode=stat.S_IMODE(path.stat().st_mode))
    return backup
