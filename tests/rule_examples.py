"""Read the rule pages in docs/rules and run their examples through pmlint.

A page's Bad and Good snippets are fragments, not documents, so that a reader
sees only what matters. To lint one, it is spliced into the worked example
(fixtures/good/worked-example.md, which lints clean): whatever the snippet
does not mention stays as in the worked example, so any problem the spliced
file has comes from the snippet.

How a snippet is spliced:

- A leading ``---`` block is front-matter: each top-level key replaces the
  worked example's key of that name, in place, or is added at the end;
  ``# remove: key`` deletes a key. It is merged as text, not parsed, so a page
  about broken YAML (PM002) can show the broken line.
- ``## Heading`` sections take the places of their namesakes (headings compared
  as pmlint normalises them, without aliases, so a page can show an alias
  standing beside the section it duplicates), in the order the snippet lists
  them, so a page can show two sections swapped. A section the worked example
  lacks is appended. ``<!-- remove: Heading -->`` deletes a section.

HTML comments directly above a snippet's fence say how to lint it:
``<!-- today: 2026-05-22 -->`` (the reference day, as ``--today`` gives it),
``<!-- encoding: latin-1 -->`` (the file's bytes are written in that encoding)
and ``<!-- example: cross-file -->`` (the file is linted in a folder beside an
unchanged copy of the worked example). A page's ``## Team schema`` JSON block
is configured as the team's own schema, its ``## Configuration`` TOML block is
the configuration (as ``.pmlint.toml`` would give it), and its ``## Ticket
snapshot`` JSON block is the ``.pmlint-tickets.json`` that ``pmlint sync`` wrote.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from pmlint.config import Config, from_mapping
from pmlint.problem import Problem
from pmlint.reading.vocabulary import normalise_heading
from pmlint.running.linter import lint_paths

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "docs" / "rules"
WORKED_EXAMPLE = ROOT / "fixtures" / "good" / "worked-example.md"

_FENCE = re.compile(r"^(`{3,}|~{3,})\s*(\w*)\s*$")
_MARKER = re.compile(r"^<!--\s*([\w-]+):\s*(.*?)\s*-->$")
_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:(?:\s|$)")
_REMOVE_KEY = re.compile(r"^#\s*remove:\s*(\S+)\s*$")
_REMOVE_SECTION = re.compile(r"^<!--\s*remove:\s*(.+?)\s*-->$")
#: Marker names above a fence; any other is a typo that would lint the example wrongly.
MARKERS = frozenset({"today", "encoding", "example"})


@dataclass(frozen=True)
class Example:
    """A Bad or Good snippet with the markers written above its fence."""

    snippet: str
    markers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RulePage:
    """One docs/rules/<CODE>.md page split at its ``## `` headings (outside fences)."""

    lines: list[str]
    sections: dict[str, list[str]]

    @classmethod
    def read(cls, path: Path) -> RulePage:
        lines = path.read_text(encoding="utf-8").splitlines()
        sections: dict[str, list[str]] = {}
        current: list[str] | None = None
        fence: str | None = None
        for line in lines:
            match = _FENCE.match(line)
            if match and (fence is None or match.group(1) == fence):
                fence = match.group(1) if fence is None else None
            if fence is None and line.startswith("## "):
                current = sections.setdefault(line[3:].strip(), [])
            elif current is not None:
                current.append(line)
        return cls(lines, sections)

    def example(self, section: str) -> Example:
        """The first fenced block of ``section`` and the marker comments just above it."""
        lines = self.sections[section]
        start = next(i for i, line in enumerate(lines) if _FENCE.match(line))
        fence = _FENCE.match(lines[start])
        assert fence is not None
        end = next(i for i in range(start + 1, len(lines)) if lines[i] == fence.group(1))
        markers: dict[str, str] = {}
        for line in reversed(lines[:start]):
            marker = _MARKER.match(line.strip())
            if marker is None:
                break
            markers[marker.group(1)] = marker.group(2)
        return Example("\n".join(lines[start + 1 : end]) + "\n", markers)

    def code_block(self, section: str) -> str:
        return self.example(section).snippet


def splice(base: str, snippet: str) -> str:
    """The worked example ``base`` with ``snippet``'s front-matter and sections put in."""
    base_front, base_body = _split_front_matter(base)
    front, body = _split_front_matter(snippet)
    if front is not None:
        assert base_front is not None, "the worked example has front-matter"
        base_front = _merge_front_matter(base_front, front)
    if body.strip():
        base_body = _merge_sections(base_body, body)
    head = "---\n" + "".join(f"{line}\n" for line in base_front or []) + "---\n"
    return head + base_body


def _split_front_matter(text: str) -> tuple[list[str] | None, str]:
    """(front-matter lines without the ``---`` lines, the rest) of a file or snippet."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return None, text
    closing = next(i for i in range(1, len(lines)) if lines[i].rstrip() == "---")
    return [line.rstrip("\n") for line in lines[1:closing]], "".join(lines[closing + 1 :])


def _key_blocks(lines: list[str]) -> list[tuple[str, list[str]]]:
    """Top-level ``key:`` lines with their continuation lines (nested keys, list items)."""
    blocks: list[tuple[str, list[str]]] = []
    for line in lines:
        match = _KEY.match(line)
        if match or not blocks:
            blocks.append((match.group(1) if match else "", [line]))
        else:
            blocks[-1][1].append(line)
    return blocks


def _merge_front_matter(base: list[str], snippet: list[str]) -> list[str]:
    """Replace or add the snippet's keys, drop ``# remove: key`` ones, keep the order."""
    removed = {m.group(1) for line in snippet if (m := _REMOVE_KEY.match(line))}
    wanted = _key_blocks([line for line in snippet if not _REMOVE_KEY.match(line)])
    replacements = dict(wanted)
    merged: list[str] = []
    for key, lines in _key_blocks(base):
        if key in removed:
            continue
        merged.extend(replacements.pop(key, lines))
    for key, lines in wanted:
        if key in replacements:
            merged.extend(lines)
    return merged


def _sections(body: str) -> tuple[str, list[tuple[str, str]]]:
    """(text before the first ``## `` heading, [(heading, section text)]) of a body."""
    parts = re.split(r"(?m)^(?=## )", body)
    preamble = "" if parts[0].startswith("## ") else parts.pop(0)
    return preamble, [(part.splitlines()[0][3:], part.rstrip("\n")) for part in parts]


def _merge_sections(base: str, snippet: str) -> str:
    """Put the snippet's sections in the places of their namesakes, in snippet order."""
    removed = {
        normalise_heading(m.group(1))
        for line in snippet.splitlines()
        if (m := _REMOVE_SECTION.match(line.strip()))
    }
    kept_snippet = "\n".join(
        line for line in snippet.splitlines() if not _REMOVE_SECTION.match(line.strip())
    )
    stray, new = _sections(kept_snippet.strip("\n") + "\n")
    assert not stray.strip(), f"snippet text outside a '## ' section: {stray!r}"
    preamble, old = _sections(base)
    old = [(name, text) for name, text in old if normalise_heading(name) not in removed]
    names = [normalise_heading(name) for name, _ in old]
    taken: list[int] = []
    replacing: list[str] = []
    appended: list[str] = []
    for name, text in new:
        key = normalise_heading(name)
        place = next((i for i, n in enumerate(names) if n == key and i not in taken), None)
        if place is None:
            appended.append(text)
        else:
            taken.append(place)
            replacing.append(text)
    texts = [text for _, text in old]
    for place, text in zip(sorted(taken), replacing, strict=True):
        texts[place] = text
    return preamble + "\n\n".join([*texts, *appended]) + "\n"


def lint_example(page: RulePage, example: Example, folder: Path) -> list[Problem]:
    """Lint ``example`` spliced into the worked example, as the page's markers say."""
    worked = WORKED_EXAMPLE.read_text(encoding="utf-8")
    target = folder / "postmortems" / "inc-example.md"
    target.parent.mkdir(parents=True)
    encoding = example.markers.get("encoding", "utf-8")
    target.write_bytes(splice(worked, example.snippet).encode(encoding))
    if example.markers.get("example") == "cross-file":
        (target.parent / "inc-2026-0512.md").write_text(worked, encoding="utf-8")
    settings: dict[str, object] = {}
    if "Team schema" in page.sections:
        (folder / "team.json").write_text(page.code_block("Team schema"), encoding="utf-8")
        settings["schema"] = "team.json"
    if "Configuration" in page.sections:
        settings.update(tomllib.loads(page.code_block("Configuration")))
    if "Ticket snapshot" in page.sections:
        snapshot = page.code_block("Ticket snapshot")
        (folder / ".pmlint-tickets.json").write_text(snapshot, encoding="utf-8")
    config = from_mapping(settings, root=folder) if settings else Config(root=folder)
    today = example.markers.get("today")
    day = dt.date.fromisoformat(today) if today else None
    return list(lint_paths([str(target.parent)], config, today=day).problems)
