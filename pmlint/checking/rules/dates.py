"""Rules about dates: their order, overdue follow-ups and the postmortem SLO."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pmlint.checking.rules import Context, check
from pmlint.days import business_days_between, calendar_date
from pmlint.problem import Finding
from pmlint.reading.document import Document
from pmlint.reading.vocabulary import OPEN_STATUSES


@check("PM011")
def date_order(doc: Document, context: Context) -> Iterator[Finding]:
    """An incident is resolved after it starts and written up after it is resolved."""
    front = doc.front_matter or {}
    previous: tuple[str, dt.date] | None = None
    for key in ("date", "resolved", "published"):
        day = calendar_date(front.get(key))
        if day is None:
            continue
        if previous is not None and day < previous[1]:
            yield Finding(
                doc.line_of(f"/front_matter/{key}"),
                f"Front-matter field '{key}' ({day}) is before '{previous[0]}' ({previous[1]})",
                f"/front_matter/{key}",
            )
        previous = (key, day)


@check("PM205")
def follow_up_overdue(doc: Document, context: Context) -> Iterator[Finding]:
    """An open follow-up past its due date is a promise the system is still waiting on."""
    if context.today is None:
        return
    for index, follow_up in enumerate(doc.data.get("follow_ups", ())):
        due = calendar_date(follow_up.get("due"))
        if follow_up.get("status") in OPEN_STATUSES and due is not None and due < context.today:
            days = (context.today - due).days
            yield Finding(
                doc.line_of(f"/follow_ups/{index}"),
                f"Follow-up '{follow_up.get('action', index + 1)}' was due {due} and is still "
                f"'{follow_up['status']}' ({days} day{'s' * (days != 1)} overdue)",
                f"/follow_ups/{index}/due",
            )


@check("PM501")
def postmortem_slo(doc: Document, context: Context) -> Iterator[Finding]:
    """The postmortem is written within the SLO's business days after the incident closed."""
    front = doc.front_matter or {}
    resolved = calendar_date(front.get("resolved"))
    if resolved is None:
        return
    config = context.config
    allowed = config.slo_days(front.get("severity"))
    published = calendar_date(front.get("published"))
    severity = front.get("severity", "this severity")
    if front.get("status") == "published" and published is not None:
        taken = business_days_between(resolved, published, config.holidays)
        if taken > allowed:
            yield Finding(
                doc.line_of("/front_matter/published"),
                f"Published {taken} business days after the incident was resolved ({resolved}); "
                f"the SLO for {severity} is {allowed}",
                "/front_matter/published",
            )
    elif front.get("status") != "published" and context.today is not None:
        taken = business_days_between(resolved, context.today, config.holidays)
        if taken > allowed:
            yield Finding(
                doc.line_of("/front_matter/status"),
                f"Still not published {taken} business days after the incident was resolved "
                f"({resolved}); the SLO for {severity} is {allowed}",
                "/front_matter/status",
            )
