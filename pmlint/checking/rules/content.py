"""Rules about what sections say: eval delta, blast radius, timeline, blame."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from pmlint.checking.rules import Context, check
from pmlint.problem import Finding, excerpt
from pmlint.reading.body import Section
from pmlint.reading.document import Document
from pmlint.reading.vocabulary import FAULT_VERBS, NO_GAP, is_placeholder

#: A sentence's end: its mark, then the space after it (group 1).
_SENTENCE_END = re.compile(r"[.!?](\s+)")
#: Each fault verb as a whole phrase.
_VERBS = {verb: re.compile(rf"\b{re.escape(verb)}\b") for verb in FAULT_VERBS}
_STAMP = re.compile(
    r"^(?:(?P<date>\d{4}-\d{2}-\d{2}))?[T ,]*"
    r"(?:(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2}(?:\.\d+)?)?\s*(?P<half>[AaPp])?)?"
)


def _usable(doc: Document, key: str) -> Section | None:
    """A section the content rules look at: present and not empty."""
    section = doc.sections.get(key)
    model = doc.data.get("sections", {}).get(key, {})
    return None if section is None or model.get("empty", True) else section


@check("PM303")
def eval_delta_unbacked(doc: Document, context: Context) -> Iterator[Finding]:
    """A named eval gap without an eval follow-up is a gap nobody will close."""
    section = _usable(doc, "eval_delta")
    if section is None:
        return
    text = section.text.strip()
    pointer = "/sections/eval_delta"
    if NO_GAP.match(text):
        if is_placeholder(NO_GAP.sub("", text, count=1)) or not NO_GAP.sub("", text).strip():
            yield Finding(
                section.heading.line,
                "Eval delta says 'No gap:' but gives no reason; say why the evals could not "
                "have caught this",
                pointer,
            )
        return
    follow_ups = doc.data.get("follow_ups")
    if follow_ups is not None and not any(item.get("type") == "eval" for item in follow_ups):
        yield Finding(
            section.heading.line,
            "Eval delta names a coverage gap but no follow-up has type 'eval'; add the eval "
            "expansion as a follow-up, or write 'No gap: <why>'",
            pointer,
        )


@check("PM401")
def blast_radius_unquantified(doc: Document, context: Context) -> Iterator[Finding]:
    """ "Some users" cannot be compared across incidents; numbers can."""
    section = _usable(doc, "blast_radius")
    if section is not None and not any(char.isdigit() for char in section.text):
        yield Finding(
            section.heading.line,
            "Blast radius has no number: size it (tenants, sessions, calls, minutes)",
            "/sections/blast_radius",
        )


def parse_stamp(stamp: str) -> tuple[dt.date | None, int | None]:
    """(date, minutes after midnight) of a timeline stamp; time zones are ignored."""
    match = _STAMP.match(stamp)
    if not match:
        return None, None
    day = None
    if match.group("date"):
        try:
            day = dt.date.fromisoformat(match.group("date"))
        except ValueError:
            day = None
    if match.group("hour") is None:
        return day, None
    hour, minute = int(match.group("hour")), int(match.group("minute"))
    half = (match.group("half") or "").lower()
    if half:
        hour = hour % 12 + (12 if half == "p" else 0)
    return day, hour * 60 + minute


@check("PM402")
def timeline_order(doc: Document, context: Context) -> Iterator[Finding]:
    """A timeline is for reconstructing the order of events; it must have times, in order."""
    section = _usable(doc, "timeline")
    if section is None:
        return
    items = doc.data.get("timeline", [])
    if not items:
        yield Finding(
            section.heading.line,
            "Timeline is prose: write it as a list whose items each start with a time (18:00 ...)",
            "/sections/timeline",
        )
        return
    previous: dt.datetime | None = None
    previous_text = ""
    for index, item in enumerate(items):
        pointer = f"/timeline/{index}"
        if "time" not in item:
            yield Finding(
                doc.line_of(pointer),
                f"Timeline item '{excerpt(item['text'], 40)}' does not start with a time",
                pointer,
            )
            continue
        day, minutes = parse_stamp(item["time"])
        base = day or (previous.date() if previous else dt.date.min)
        moment = dt.datetime.combine(base, dt.time()) + dt.timedelta(minutes=minutes or 0)
        if previous is not None and moment < previous:
            crosses_midnight = day is None and previous - moment > dt.timedelta(hours=12)
            if crosses_midnight:
                moment += dt.timedelta(days=1)
            else:
                yield Finding(
                    doc.line_of(pointer),
                    f"Timeline goes backwards: '{item['time']}' comes after '{previous_text}'",
                    pointer,
                )
        previous, previous_text = moment, item["time"]


def _names(doc: Document) -> list[tuple[str, str]]:
    """People a sentence could blame (on-call entries, follow-up owners), and in lower case."""
    found: set[str] = set()
    oncall = (doc.front_matter or {}).get("oncall")
    if isinstance(oncall, list):
        found.update(entry for entry in oncall if isinstance(entry, str))
    found.update(item.get("owner", "") for item in doc.data.get("follow_ups", ()))
    names = sorted({name.strip().lstrip("@") for name in found} - {""})
    return [(name, name.lower()) for name in names]


def _fault_verb(lowered: str) -> str | None:
    """The first fault verb a lower-case sentence holds as a whole phrase.

    Each verb is looked for as a substring before its pattern searches: a test
    is far cheaper than a search, and most sentences hold no verb at all.
    """
    return next(
        (verb for verb, pattern in _VERBS.items() if verb in lowered and pattern.search(lowered)),
        None,
    )


def _named(names: list[tuple[str, str]], lowered: str) -> str | None:
    """The first of ``names`` a lower-case sentence holds as a whole phrase (a substring first)."""
    return next(
        (name for name, low in names if low in lowered and _as_name(low).search(lowered)), None
    )


def _as_name(lowered: str) -> re.Pattern[str]:
    """A lower-case name as a whole phrase: compiled only for a sentence that holds it."""
    return re.compile(rf"(?<![\w@])@?{re.escape(lowered)}(?!\w)")


@check("PM403")
def blame_language(doc: Document, context: Context) -> Iterator[Finding]:
    """Blameless postmortems get honest accounts; blame gets silence next time."""
    phrases = [phrase.lower() for phrase in context.config.blame_phrases]
    names: list[tuple[str, str]] | None = None  # only needed once a fault verb is seen
    for key in ("cause", "what_did_not_go_well"):
        section = _usable(doc, key)
        if section is None:
            continue
        for block in section.blocks:
            for line, sentence in _sentences(block.line, block.text):
                lowered = sentence.lower()
                reason = next((f"'{p}'" for p in phrases if p in lowered), None)
                verb = None if reason else _fault_verb(lowered)
                if verb is not None:
                    names = _names(doc) if names is None else names
                    name = _named(names, lowered)
                    reason = f"'{name}' with '{verb}'" if name else None
                if reason:
                    yield Finding(
                        line,
                        f"Blame language ({reason}) in '{excerpt(sentence, 60)}': describe what "
                        "in the system allowed it, not who",
                        f"/sections/{key}",
                    )


def _sentences(first_line: int, text: str) -> Iterator[tuple[int, str]]:
    """Each sentence with its line; newlines are counted as the text is walked, not recounted."""
    start = 0
    line = first_line
    for match in _SENTENCE_END.finditer(text):
        yield line, " ".join(text[start : match.start(1)].split())
        line += text.count("\n", start, match.end())
        start = match.end()
    rest = " ".join(text[start:].split())
    if rest:
        yield line, rest
