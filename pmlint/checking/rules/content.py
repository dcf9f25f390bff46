"""Rules about what sections say: eval delta, blast radius, timeline, blame."""

from __future__ import annotations

import datetime as dt
import re
from collections import deque
from collections.abc import Iterator

from pmlint.checking.rules import Context, check
from pmlint.problem import Finding, excerpt
from pmlint.reading import timestamps
from pmlint.reading.body import Section
from pmlint.reading.document import Document
from pmlint.reading.vocabulary import FAULT_VERBS, NO_GAP, is_placeholder

#: A sentence's end: its mark, then the space after it (group 1).
_SENTENCE_END = re.compile(r"[.!?](\s+)")
#: Each fault verb as a whole phrase.
_VERBS = {verb: re.compile(rf"\b{re.escape(verb)}\b") for verb in FAULT_VERBS}


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
    clock = _Clock(_date_headings(doc, section), _year_of(doc))
    for index, (item, stamp) in enumerate(zip(items, doc.timeline_stamps, strict=True)):
        pointer = f"/timeline/{index}"
        if stamp is None:
            yield Finding(
                doc.line_of(pointer),
                f"Timeline item '{excerpt(item['text'], 40)}' does not start with a time",
                pointer,
            )
            continue
        behind = clock.advance(doc.line_of(pointer), stamp)
        if behind is not None:
            yield Finding(
                doc.line_of(pointer),
                f"Timeline goes backwards: '{item['time']}' comes after '{behind}'",
                pointer,
            )


def _date_headings(doc: Document, section: Section) -> list[tuple[int, timestamps.Stamp]]:
    """The dates written between a timeline's entries, as headings or lines of their own
    ("### 2023-07-19", "2019-01-23"), with their lines: they date the entries after them."""
    entries = {item.line for item in section.items}
    last = max(entries, default=0)
    lines = [
        (heading.line, heading.text)
        for heading in (doc.body.headings if doc.body else ())
        if section.heading.line < heading.line < last
    ]
    lines += [(block.line, block.text) for block in section.blocks if block.line not in entries]
    return sorted((line, stamp) for line, text in lines if (stamp := timestamps.date_heading(text)))


def _year_of(doc: Document) -> int:
    """The year of the postmortem's date, for timeline dates written without one."""
    value = str((doc.front_matter or {}).get("date", ""))
    return int(value[:4]) if value[:4].isdigit() else timestamps.PLACEHOLDER_YEAR


class _Clock:
    """How far a timeline has got: the latest moment, and the date headings still ahead.

    Time zones are ignored. An entry with a time but no date (and no date heading
    just before it) is on the day of the entry before, or the next day when its
    time is more than 12 hours earlier or it steps from PM to AM: it crossed
    midnight. An entry with a date but no time happened some time that day, so
    it only goes backwards if its day does.
    """

    def __init__(self, headings: list[tuple[int, timestamps.Stamp]], year: int) -> None:
        self.headings = deque(headings)
        self.year = year
        self.moment: dt.datetime | None = None
        self.text = ""
        self.half = ""

    def advance(self, line: int, stamp: timestamps.Stamp) -> str | None:
        """Move on to the entry at ``line``; the stamp it goes back from, if it goes backwards."""
        heading: dt.date | None = None
        while self.headings and self.headings[0][0] < line:
            heading = self._day(self.headings.popleft()[1])
        day = self._day(stamp) or heading
        last = self.moment
        if stamp.minutes is None:  # a date alone
            if day is None or (last is not None and day == last.date()):
                return None
            self.moment, self.text, self.half = dt.datetime.combine(day, dt.time()), stamp.text, ""
            return self.text if last is not None and day < last.date() else None
        base = day or (last.date() if last else dt.date.min)
        moment = dt.datetime.combine(base, dt.time()) + dt.timedelta(minutes=stamp.minutes)
        behind = None
        if last is not None and moment < last:
            if day is None and (
                last - moment > dt.timedelta(hours=12) or (self.half, stamp.half) == ("p", "a")
            ):
                moment += dt.timedelta(days=1)  # crossed midnight
            else:
                behind = self.text
        self.moment, self.text, self.half = moment, stamp.text, stamp.half
        return behind

    def _day(self, stamp: timestamps.Stamp) -> dt.date | None:
        """The stamp's date, a date without a year put in the timeline's year."""
        if stamp.day is None or stamp.dated_year:
            if stamp.day is not None:
                self.year = stamp.day.year
            return stamp.day
        day = timestamps.in_year(stamp.day, self.year)
        if self.moment is not None and (self.moment.date() - day).days > 180:
            day = timestamps.in_year(stamp.day, self.year + 1)  # December, then January
        self.year = day.year
        return day


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


def _starting_a_word(phrase: str, lowered: str) -> bool:
    """``phrase`` occurs in ``lowered`` at the start of a word: "fault of" is not in "default
    of", while "careless" is in "carelessly"."""
    return re.search(rf"(?<!\w){re.escape(phrase)}", lowered) is not None


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
                reason = next(
                    (f"'{p}'" for p in phrases if p in lowered and _starting_a_word(p, lowered)),
                    None,
                )
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
