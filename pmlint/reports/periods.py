"""Quarters and months: which period a day falls in, and where a period starts.

Every per-period number in a report groups by these labels (``2026-Q2``,
``2026-05``), so they are spelled and bounded in one place.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

Grouping = Literal["quarter", "month"]


def period_of(day: dt.date, group: Grouping) -> str:
    """``2026-Q2`` or ``2026-05``: the period a day falls in."""
    if group == "month":
        return f"{day.year}-{day.month:02d}"
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def period_start(day: dt.date, group: Grouping) -> dt.date:
    """The first day of the period holding ``day``."""
    step = 1 if group == "month" else 3
    return dt.date(day.year, (day.month - 1) // step * step + 1, 1)


def periods_between(first: dt.date, last: dt.date, group: Grouping) -> list[str]:
    """Every period from the one holding ``first`` to the one holding ``last``, empty or not."""
    step = 1 if group == "month" else 3
    day = period_start(first, group)
    found: list[str] = []
    while day <= last:
        found.append(period_of(day, group))
        month = day.month + step
        day = dt.date(day.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    return found
