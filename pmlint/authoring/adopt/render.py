"""Stage 7: render the format, with placeholders where the original holds nothing to infer."""

from __future__ import annotations

from collections.abc import Mapping

from pmlint.authoring.adopt.model import Node, Part
from pmlint.reading.body import section_key
from pmlint.reading.vocabulary import SECTIONS, is_placeholder, normalise_heading

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


def render(
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
