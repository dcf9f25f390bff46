"""Calendar arithmetic shared by the date rules, follow-up listings and reports.

One implementation of "which day is this" and "how many business days", so the
PM501 rule and the SLO report can never disagree on a count.
"""

from __future__ import annotations

import datetime as dt
import re

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?=$|[Tt ])")
_DURATION = re.compile(r"^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$")


def calendar_date(value: object) -> dt.date | None:
    """The calendar date of an ISO date or datetime as written (offsets ignored)."""
    if not isinstance(value, str) or not _DATE.match(value):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def business_days_between(start: dt.date, end: dt.date, holidays: frozenset[dt.date]) -> int:
    """Business days after ``start`` up to and including ``end``.

    Counted, not walked: a postmortem's dates are its author's, and 0001-01-02 to
    9999-12-31 would be 3.6 million steps.
    """
    if end <= start:
        return 0
    off = sum(start < day <= end and day.weekday() < 5 for day in holidays)
    return _weekdays_through(end) - _weekdays_through(start) - off


def _weekdays_through(day: dt.date) -> int:
    """Weekdays from 0001-01-01 (a Monday) up to and including ``day``."""
    weeks, rest = divmod(day.toordinal(), 7)
    return weeks * 5 + min(rest, 5)


def duration_minutes(value: object) -> int | None:
    """Minutes in a front-matter ``duration`` such as ``11m``, ``1h30m`` or ``3d``."""
    if not isinstance(value, str) or not value.strip():
        return None
    match = _DURATION.match(value.strip())
    if not match:
        return None
    days, hours, minutes = (int(part or 0) for part in match.groups())
    return (days * 24 + hours) * 60 + minutes
