"""Which section or metadata field a heading or label names: the aliases, then adopt's own."""

from __future__ import annotations

from collections.abc import Mapping

from pmlint.authoring.adopt.model import Node, walk
from pmlint.reading.body import section_key
from pmlint.reading.vocabulary import (
    BUILTIN_ALIASES,
    OPTIONAL_SECTIONS,
    SECTIONS,
    normalise_heading,
)

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


def label_key(text: str, aliases: Mapping[str, str]) -> str | None:
    name = normalise_heading(text)
    if name in METADATA_LABELS:
        return "metadata"
    return section_key(text, aliases) or EXTRA_HEADINGS.get(name)


class SectionKeys:
    """The section each node names, through the aliases, then adopt's own names.

    "Contributing factors" counts as Cause only where nothing else is the cause.
    """

    def __init__(self, root: Node, aliases: Mapping[str, str]) -> None:
        self.aliases = aliases
        self.keys: dict[int, str | None] = {}
        self.exact: set[int] = set()
        for node in walk(root):
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
            for node in walk(root)
            if (key := self.keys.get(id(node)))
        )
        if has_cause:
            for node in walk(root):
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
