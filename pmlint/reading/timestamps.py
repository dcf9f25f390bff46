"""When a timeline entry happened, in the ways postmortems commonly write it.

An entry starts with a stamp: optionally in brackets (``[07:00]``), a date,
a time, or both, and a time zone that is read but not used. Dates are ISO
(``2024-03-13``) or a month name and day (``Jan 17``, ``January 17th, 2024``,
``17 Jan``, after an optional weekday); times are 24-hour (``18:00``,
``18:00:05``) or 12-hour (``6:20 PM``, ``6:20pm``, ``6:20 p.m.``), and ISO
datetimes (``2024-03-13T13:55:00Z``) are both. A date written without a year
takes the year of the timeline around it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

_MONTHS = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
)
_MONTH = (
    r"(?i:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_WEEKDAY = r"(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|thu|thur|fri|sat|sun)"
#: What may follow a month-name date written without a year or time, so that
#: "May 5 engineers were paged" is not read as a date.
_DATE_END = r"(?=\s*(?:[,:;|)\]\u2013\u2014-]|$))"
_STAMP = re.compile(
    r"^\s*(?P<stamp>[\[(]?\s*"
    rf"(?:{_WEEKDAY},?\s+)?"
    r"(?:(?P<iso>\d{4}-\d{2}-\d{2})"
    rf"|(?P<month>{_MONTH})\s+(?P<mday>\d{{1,2}})(?i:st|nd|rd|th)?"
    r"(?:(?:,?\s+(?P<year>\d{4}))|(?=,?\s+(?:at\s+)?\d{1,2}:\d{2})|" + _DATE_END + r")"
    rf"|(?P<dday>\d{{1,2}})(?i:st|nd|rd|th)?\s+(?P<dmonth>{_MONTH})(?:,?\s+(?P<dyear>\d{{4}}))?"
    r")?"
    r"(?:[T ]|,?\s+(?:at\s+)?|\s*$)?"
    r"(?P<time>(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2}(?:\.\d+)?)?"
    r"(?:\s*(?P<half>[AaPp])\.?[Mm]\.?(?!\w))?)?"
    r"(?:\s*(?:Z|[+-]\d{2}:?\d{2}|\(?[A-Z]{2,5}\)?)(?![\w]))?"
    r"\s*[\])]?)"
)
#: The year a month-name date without one is given until its timeline tells (a leap year,
#: so that Feb 29 is a date).
PLACEHOLDER_YEAR = 2000
#: What may be left of a date heading ("2019-01-23", "### Tuesday, Jan 22 (PST)") after its date.
_HEADING_REST = re.compile(rf"^[\s(),.:\u2013\u2014-]*(?:{_WEEKDAY}|[A-Z]{{2,5}})?[\s().,:]*$")


class Stamp(NamedTuple):
    """A timeline entry's leading stamp, as written and as read."""

    text: str
    day: dt.date | None  # with PLACEHOLDER_YEAR when ``dated_year`` is False
    dated_year: bool
    minutes: int | None  # after midnight
    half: str  # "a" or "p" for a 12-hour time, else ""


def leading(text: str) -> Stamp | None:
    """The stamp ``text`` starts with, or None when it starts with neither a date nor a time."""
    match = _STAMP.match(text)
    if match is None or not (match.group("time") or _has_date(match)):
        return None
    day, dated_year = _date(match)
    minutes, half = None, ""
    if match.group("hour") is not None:
        hour, minute = int(match.group("hour")), int(match.group("minute"))
        half = (match.group("half") or "").lower()
        if half:
            hour = hour % 12 + (12 if half == "p" else 0)
        minutes = hour * 60 + minute
    return Stamp(match.group("stamp").strip(), day, dated_year, minutes, half)


def date_heading(text: str) -> Stamp | None:
    """The date of a line that holds only a date ("2019-01-23", "Tuesday, Jan 22 (PST)"),
    which dates the timeline entries after it."""
    stamp = leading(text)
    if stamp is None or stamp.day is None or stamp.minutes is not None:
        return None
    rest = text.strip()[len(stamp.text) :]
    return stamp if _HEADING_REST.match(rest) else None


def in_year(day: dt.date, year: int) -> dt.date:
    """``day`` in ``year`` (Feb 29 of a common year becomes Feb 28)."""
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


def _has_date(match: re.Match[str]) -> bool:
    return bool(match.group("iso") or match.group("month") or match.group("dmonth"))


def _date(match: re.Match[str]) -> tuple[dt.date | None, bool]:
    """The stamp's date, and whether it gave its year; None for no date or an impossible one."""
    try:
        if match.group("iso"):
            return dt.date.fromisoformat(match.group("iso")), True
        month, day, year = (
            (match.group("month"), match.group("mday"), match.group("year"))
            if match.group("month")
            else (match.group("dmonth"), match.group("dday"), match.group("dyear"))
        )
        if month is None:
            return None, False
        number = _MONTHS.index(month.lower()[:3]) + 1
        return dt.date(int(year or PLACEHOLDER_YEAR), number, int(day)), year is not None
    except ValueError:
        return None, False
