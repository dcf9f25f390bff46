"""Stage 4: metadata lines (``**Date**:``, ``Owner: @x``) and the title move to front-matter."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from pmlint.authoring.adopt.keys import FIELD_LABELS, METADATA_LABELS, SectionKeys
from pmlint.authoring.adopt.model import Node, walk
from pmlint.config import Config
from pmlint.reading.body import markdown
from pmlint.reading.vocabulary import normalise_heading

#: Front-matter keys of the format: a metadata label never takes one over by its name alone.
_FORMAT_FIELDS = (
    "id", "title", "date", "severity", "duration", "status", "team", "oncall", "resolved",
    "published", "cause", "parent", "tags",
)  # fmt: skip


#: ``id`` is left empty, not a placeholder: converted files must not all share one id (PM601).
_ID_HINT = "e.g. INC-2026-0512: unique in the repository"


_METADATA_LINE = re.compile(
    r"^\s*(?:\*\*|__)?(?P<label>[A-Za-z][A-Za-z ]{0,30}?)(?:\*\*|__)?\s*:(?:\*\*|__)?"
    r"[ \t]*(?P<value>.*?)\s*$"
)


_ISO_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")


_DURATION = re.compile(r"^(\d+d)?(\d+h)?(\d+m)?$")


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


def find_title(root: Node, keys: SectionKeys) -> Node | None:
    """The first heading is the title when it is an H1 that names no section."""
    if not root.children or root.children[0].level != 1 or keys(root.children[0]):
        return None
    if any(keys(node) for node in root.children[1:] if node.level == 1):
        return None  # the H1s are the sections
    return root.children[0]


def take_metadata(root: Node, title_node: Node | None, keys: SectionKeys) -> list[tuple[str, str]]:
    """Remove metadata from the body and return it as (label, value) pairs, in order.

    ``Label: value`` lines count at the top of the document and in a metadata
    section; a bold label that names a field (``**Date**: ...``) counts anywhere
    outside the template's sections, if its value is one line.
    """
    found: list[tuple[str, str]] = []
    for holder in (root, *([title_node] if title_node else [])):
        found.extend(_metadata_lines(holder, METADATA_LABELS))
    for node in list(walk(root)):
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


def front_matter_lines(
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


def without_emphasis(title: str) -> str:
    """A heading's text without emphasis markers, for the front-matter title."""
    return " ".join(re.sub(r"(\*\*|__)", "", title).split())
