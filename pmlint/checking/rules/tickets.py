"""Rules that hold follow-ups to their tickets: the tracker's state, read by ``pmlint sync``.

Lint never asks a tracker: the snapshot's entries come in ``Context.tickets``.
"""

from __future__ import annotations

from collections.abc import Iterator

from pmlint.checking.rules import Context, check
from pmlint.problem import Finding
from pmlint.reading.document import Document
from pmlint.reading.vocabulary import CLOSED_STATUSES, OPEN_STATUSES


def _name(follow_up: dict[str, object], index: int) -> str:
    action = follow_up.get("action")
    return f"'{action}'" if isinstance(action, str) else f"{index + 1}"


@check("PM206")
def ticket_state_mismatch(doc: Document, context: Context) -> Iterator[Finding]:
    """The Markdown goes stale the day the ticket closes; the tracker is the truth."""
    for index, follow_up in enumerate(doc.data.get("follow_ups", ())):
        entry = context.tickets.get(follow_up.get("ticket") or "")
        status = follow_up.get("status")
        if entry is None or entry.state is None:
            continue
        if status in CLOSED_STATUSES and entry.state == "open":
            said = f"its ticket {follow_up['ticket']} is open"
        elif status in OPEN_STATUSES and entry.state == "closed":
            on = f" on {entry.closed}" if entry.closed else ""
            why = f" ({entry.reason})" if entry.reason else ""
            said = f"its ticket {follow_up['ticket']} was closed{on}{why}"
        else:
            continue
        yield Finding(
            doc.line_of(f"/follow_ups/{index}"),
            f"Follow-up {_name(follow_up, index)} is '{status}' here, but {said}; "
            "run 'pmlint sync --write' or fix the status",
            f"/follow_ups/{index}/status",
        )


@check("PM207")
def follow_up_without_ticket(doc: Document, context: Context) -> Iterator[Finding]:
    """With a tracker configured, a follow-up without a ticket is one nobody tracks."""
    if not context.config.trackers:
        return
    for index, follow_up in enumerate(doc.data.get("follow_ups", ())):
        if not follow_up.get("ticket"):
            yield Finding(
                doc.line_of(f"/follow_ups/{index}"),
                f"Follow-up {_name(follow_up, index)} links no ticket; "
                "a tracker is configured, so open one and link it",
                f"/follow_ups/{index}",
            )
