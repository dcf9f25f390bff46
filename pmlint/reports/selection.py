"""Which postmortems a report covers, and the settings it is computed with.

Shared by every metric (``reports.metrics``, ``reports.closure``): the report's
settings, the postmortems selected by incident date, and the periods they fall in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from pmlint.reading.vocabulary import SEVERITIES
from pmlint.reports.periods import Grouping, period_of, periods_between
from pmlint.reports.records import Postmortem


@dataclass(frozen=True)
class Settings:
    """What a report is computed over; every field is echoed in the JSON report."""

    today: dt.date
    since: dt.date | None = None
    until: dt.date | None = None
    group: Grouping = "quarter"
    closure_days: int = 30
    closure_target: float = 0.8
    slo_business_days: int = 5
    slo_business_days_by_severity: Mapping[str, int] = field(default_factory=dict)
    holidays: frozenset[dt.date] = frozenset()
    severities: tuple[str, ...] = SEVERITIES

    def slo_days(self, severity: str | None) -> int:
        if severity is not None and severity in self.slo_business_days_by_severity:
            return self.slo_business_days_by_severity[severity]
        return self.slo_business_days


def rate(numerator: int, denominator: int) -> float | None:
    """A fraction rounded to 4 places, or None when the denominator is zero."""
    return round(numerator / denominator, 4) if denominator else None


@dataclass(frozen=True)
class Selection:
    """The postmortems a report covers, split the way every metric needs them."""

    in_period: list[Postmortem]  # incident date within since..until, drafts included
    undated: int  # no valid incident `date`: in no period
    outside: int  # dated outside since..until

    @property
    def finished(self) -> list[Postmortem]:
        """Not drafts: their content is complete enough to count."""
        return [pm for pm in self.in_period if pm.status != "draft"]

    @property
    def drafts(self) -> int:
        return sum(pm.status == "draft" for pm in self.in_period)


def select(postmortems: Iterable[Postmortem], settings: Settings) -> Selection:
    """Postmortems whose incident ``date`` is within ``since``..``until`` (inclusive)."""
    chosen: list[Postmortem] = []
    undated = outside = 0
    for pm in postmortems:
        day = pm.day("date")
        if day is None:
            undated += 1
        elif (settings.since and day < settings.since) or (settings.until and day > settings.until):
            outside += 1
        else:
            chosen.append(pm)
    return Selection(chosen, undated, outside)


def report_periods(selection: Selection, settings: Settings) -> list[str]:
    """From ``since`` (or the earliest incident) to ``until`` (or the latest)."""
    days = [day for pm in selection.in_period if (day := pm.day("date")) is not None]
    first = settings.since or (min(days) if days else None)
    last = settings.until or (max(days) if days else None)
    if first is None or last is None or first > last:
        return []
    return periods_between(first, last, settings.group)


def incident_period(pm: Postmortem, settings: Settings) -> str:
    day = pm.day("date")
    assert day is not None  # selected postmortems are dated
    return period_of(day, settings.group)
