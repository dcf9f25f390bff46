"""The words of the postmortem format: sections, aliases, statuses, types, taxonomy.

Everything that names a part of the format lives here once, so the parser, the
schema builder, the rules, the template and the docs cannot drift apart.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: The nine mandatory sections in template order: key -> canonical heading.
SECTIONS: dict[str, str] = {
    "summary": "Summary",
    "timeline": "Timeline",
    "cause": "Cause",
    "blast_radius": "Blast radius",
    "eval_delta": "Eval delta",
    "follow_up_actions": "Follow-up actions",
    "apparatus_updates": "Apparatus updates",
    "what_went_well": "What went well",
    "what_did_not_go_well": "What did not go well",
}

#: Sections that are allowed and recognised but not mandatory.
OPTIONAL_SECTIONS: dict[str, str] = {
    "identification": "Identification",
    "lessons_learned": "Lessons learned",
}

#: The two lesson sections may be H3 subsections of an H2 "Lessons learned".
LESSON_SECTIONS = ("what_went_well", "what_did_not_go_well")

#: Heading names real postmortems use, normalised, mapped to a section key.
BUILTIN_ALIASES: dict[str, str] = {
    "issue summary": "summary",
    "incident summary": "summary",
    "executive summary": "summary",
    "timeline of events": "timeline",
    "root cause": "cause",
    "root causes": "cause",
    "root cause analysis": "cause",
    "causes": "cause",
    "impact": "blast_radius",
    "customer impact": "blast_radius",
    "user impact": "blast_radius",
    "action items": "follow_up_actions",
    "follow-ups": "follow_up_actions",
    "follow ups": "follow_up_actions",
    "followups": "follow_up_actions",
    "corrective actions": "follow_up_actions",
    "corrective and preventative measures": "follow_up_actions",
    "remediation": "follow_up_actions",
    "what went wrong": "what_did_not_go_well",
    "what went poorly": "what_did_not_go_well",
    "what didn't go well": "what_did_not_go_well",
    "lessons learnt": "lessons_learned",
}

#: The AI cause taxonomy, in the order reports list it.
TAXONOMY = ("prompt", "model", "retrieval", "data", "tooling", "gateway", "upstream", "apparatus")

#: What each cause category covers, as the editor explains it on hover (docs/format.md too).
CAUSE_DEFINITIONS = {
    "prompt": "a prompt, system instruction or few-shot example changed or fell short",
    "model": "the model itself: a new version, a fine-tune, sampling settings or drift",
    "retrieval": "what the model was given to read: the index, embeddings, chunking or ranking",
    "data": "the data behind the system: training or eval sets, labels, features, pipelines",
    "tooling": "the tools and functions the model calls, their schemas and the code around them",
    "gateway": "the serving path in front of the model: routing, limits, timeouts, caches, keys",
    "upstream": "a dependency outside the team's control: a provider's outage or API change",
    "apparatus": "detection and response itself: an alert, runbook, escalation path or drill",
}

SEVERITIES = ("P0", "P1", "P2", "P3", "P4")
DOCUMENT_STATUSES = ("draft", "review", "published")
ID_PATTERN = r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$"

OPEN_STATUSES = ("open", "pending", "scheduled", "in progress", "blocked")
CLOSED_STATUSES = ("done", "closed", "won't do")
APPARATUS_KINDS = ("alert", "runbook", "escalation", "drill")
FOLLOW_UP_TYPES = (*APPARATUS_KINDS, "eval", "fix", "data", "other")
FOLLOW_UP_REQUIRED = ("action", "owner", "due", "status", "type")

#: Blame phrases that fire PM403 wherever they appear in Cause or What did not go well.
BLAME_PHRASES = ("human error", "careless", "should have known", "fault of")
#: Verbs that turn a named person into a blamed person.
FAULT_VERBS = ("failed to", "forgot", "missed", "neglected", "should have", "did not")

#: An eval delta that starts like this names no gap (a reason must follow).
NO_GAP = re.compile(r"^\s*no gap\s*:", re.IGNORECASE)

#: Words that, after an apparatus kind, say nothing changed.
NO_CHANGE_PREFIXES = ("unchanged", "no change", "none", "n/a")

#: HTML element names: ``<b>`` is markup, ``<owner>`` is a template hint.
_HTML_TAGS = (
    "a|abbr|b|blockquote|br|center|code|dd|del|details|div|dl|dt|em|font|h[1-6]|hr|i|img|"
    "ins|kbd|li|mark|ol|p|pre|s|section|small|span|strike|strong|sub|summary|sup|table|"
    "tbody|td|th|thead|tr|tt|u|ul"
)

#: A line that is, or starts with, one of these has no content yet. The same
#: expression is stated in schemas/postmortem.schema.json (a test keeps them equal).
PLACEHOLDER_PATTERN = (
    r"^\s*(?:(?:TODO|TBD|FIXME|N/A|lorem ipsum)(?![\w/])"
    r"|(?:-+|\.\.\.|…|\?\?\?)(?!\S)"
    rf"|<(?!/?(?:{_HTML_TAGS})\b)[^<>]*>)"
)
PLACEHOLDER = re.compile(PLACEHOLDER_PATTERN, re.IGNORECASE)


def is_placeholder(text: str) -> bool:
    """True when every non-blank line of ``text`` is or starts with a placeholder."""
    for line in text.splitlines():  # stops at the first line with content: most have some
        line = line.lstrip(" \t>").strip(" \t*_`")
        if line and not PLACEHOLDER.match(line):
            return False
    return True


_LEADING_NUMBER = re.compile(r"^\d+(?:\.\d+)*[.)]?\s+")
_PARENTHETICAL = re.compile(r"\s?\([^()]*\)$")
_TRAILING = " :?"


@lru_cache(maxsize=4096)  # every postmortem has the same dozen headings; bounded for the rest
def normalise_heading(text: str) -> str:
    """Reduce a heading to the form aliases are written in.

    Drops a leading number ("4. Cause"), emphasis, a trailing parenthetical
    ("Timeline (all times UTC)"), a trailing colon or question mark, case and
    curly apostrophes.
    """
    text = text.replace("\u2019", "'").replace("*", "").replace("_", " ")
    # Whitespace is collapsed first and the tail trimmed with rstrip: a trailing
    # ``[\s:?]+$`` search is quadratic on a heading with a long run of spaces.
    text = _LEADING_NUMBER.sub("", " ".join(text.split()), count=1)
    text = _PARENTHETICAL.sub("", text.rstrip(_TRAILING)).rstrip(_TRAILING)
    return text.lower()


def normalise_word(text: str) -> str:
    """Status and type values match case-insensitively, curly apostrophes as straight."""
    return " ".join(text.replace("\u2019", "'").replace("\u2018", "'").lower().split())
