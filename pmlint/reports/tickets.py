"""Follow-ups with their tickets' state from the snapshot ``pmlint sync`` wrote.

Each follow-up whose ticket was read gets ``ticket_state`` and ``ticket_closed``
beside the document's ``status`` and ``closed``: ``followups`` shows both, and
``report`` judges closure from the tracker where it can.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from pmlint.reports.records import Postmortem
from pmlint.trackers.snapshot import Entry


def annotate(postmortems: Iterable[Postmortem], tickets: Mapping[str, Entry]) -> list[Postmortem]:
    """The postmortems, their follow-ups carrying their tickets' state where it was read."""
    if not tickets:
        return list(postmortems)
    return [_annotated(pm, tickets) for pm in postmortems]


def _annotated(pm: Postmortem, tickets: Mapping[str, Entry]) -> Postmortem:
    items = pm.model.get("follow_ups")
    if not isinstance(items, list):
        return pm
    follow_ups = []
    for item in items:
        entry = tickets.get(item.get("ticket") or "") if isinstance(item, dict) else None
        if entry is not None and entry.state is not None:
            item = {**item, "ticket_state": entry.state, "ticket_closed": entry.closed}
        follow_ups.append(item)
    return replace(pm, model={**pm.model, "follow_ups": follow_ups})
