"""Exports for the other planes: drills, eval expansions, follow-ups, whole postmortems.

The drill calendar wants drill scenarios, the eval plane wants the expansions
postmortems committed to, and a platform team merges the ``postmortems``
JSON Lines of many repositories into one portfolio report. Each export is a
list of flat records in a fixed order; the format only changes the encoding.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pmlint.days import duration_minutes
from pmlint.reading.vocabulary import CLOSED_STATUSES, NO_GAP
from pmlint.reports import followups, tables
from pmlint.reports.records import Postmortem
from pmlint.version import __version__

WHAT = ("drills", "evals", "followups", "postmortems")
FORMATS = ("json", "jsonl", "csv")
EXPORT_VERSION = 1

_PLAN_COLUMNS = ("incident", "team", "source", "text", "owner", "due", "status", "ticket", "path")
POSTMORTEM_COLUMNS = (
    "id",
    "title",
    "team",
    "severity",
    "status",
    "date",
    "resolved",
    "published",
    "duration_minutes",
    "cause_primary",
    "cause_contributing",
    "follow_ups",
    "follow_ups_closed",
    "apparatus_changes",
    "path",
)


def _after_kind(text: str) -> str:
    """``Drill: prompt regression`` -> ``prompt regression``."""
    return text.split(":", 1)[1].strip() if ":" in text else text


def _follow_up_plan(pm: Postmortem, item: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "incident": pm.id,
        "team": pm.team,
        "source": "follow_up",
        "text": item.get("action"),
        "owner": item.get("owner"),
        "due": item.get("due"),
        "status": item.get("status"),
        "ticket": item.get("ticket"),
        "path": pm.path,
    }


def _note(pm: Postmortem, source: str, text: str) -> dict[str, Any]:
    """A plan item stated in prose (an apparatus update, an eval delta): no owner or due."""
    empty = dict.fromkeys(("owner", "due", "status", "ticket"))
    return {"incident": pm.id, "team": pm.team, "source": source, "text": text, **empty} | {
        "path": pm.path
    }


def drills(postmortems: Sequence[Postmortem], today: dt.date) -> list[dict[str, Any]]:
    """Drill scenarios: ``Drill:`` apparatus updates that record a change, and drill follow-ups."""
    found: list[dict[str, Any]] = []
    for pm in postmortems:
        for update in pm.apparatus_updates:
            if update.get("kind") == "drill" and update.get("records_change") is True:
                found.append(_note(pm, "apparatus_update", _after_kind(str(update["text"]))))
        found.extend(_follow_up_plan(pm, f) for f in pm.follow_ups if f.get("type") == "drill")
    return found


def evals(postmortems: Sequence[Postmortem], today: dt.date) -> list[dict[str, Any]]:
    """Eval-set expansions: eval deltas that name a gap, and eval follow-ups."""
    found: list[dict[str, Any]] = []
    for pm in postmortems:
        delta = pm.section("eval_delta")
        text = str(delta.get("text", "")) if delta else ""
        if delta and not delta.get("empty") and text and not NO_GAP.match(text):
            found.append(_note(pm, "eval_delta", " ".join(text.split())))
        found.extend(_follow_up_plan(pm, f) for f in pm.follow_ups if f.get("type") == "eval")
    return found


def follow_up_records(postmortems: Sequence[Postmortem], today: dt.date) -> list[dict[str, Any]]:
    return followups.to_json(followups.rows(postmortems, today))


def postmortem_records(postmortems: Sequence[Postmortem], today: dt.date) -> list[dict[str, Any]]:
    return [pm.to_json() for pm in postmortems]


def postmortem_row(pm: Postmortem) -> dict[str, Any]:
    """A postmortem in one CSV row: identification and counts, not the sections' prose."""
    cause = pm.front_matter.get("cause")
    cause = cause if isinstance(cause, Mapping) else {}
    contributing = cause.get("contributing")
    closed = [f for f in pm.follow_ups if f.get("status") in CLOSED_STATUSES]
    return {
        "id": pm.id,
        "title": pm.text("title"),
        "team": pm.team,
        "severity": pm.text("severity"),
        "status": pm.status,
        "date": pm.text("date"),
        "resolved": pm.text("resolved"),
        "published": pm.text("published"),
        "duration_minutes": duration_minutes(pm.front_matter.get("duration")),
        "cause_primary": cause.get("primary") if isinstance(cause.get("primary"), str) else None,
        "cause_contributing": ";".join(map(str, contributing))
        if isinstance(contributing, list)
        else None,
        "follow_ups": len(pm.follow_ups),
        "follow_ups_closed": len(closed),
        "apparatus_changes": sum(u.get("records_change") is True for u in pm.apparatus_updates),
        "path": pm.path,
    }


def without_action(what: str, postmortems: Sequence[Postmortem]) -> list[str]:
    """The exported follow-ups that have no action text, one line each.

    They are exported all the same, with an empty action (``null`` in JSON), since their
    owner and due date still matter; named, so that a tracker import does not open tickets
    without a title unnoticed.
    """
    if what not in ("drills", "evals", "followups"):
        return []
    kind = {"drills": "drill", "evals": "eval"}.get(what)  # followups: every type
    return [
        f"{pm.path}: follow-up #{number} has no action; exported with an empty one"
        for pm in postmortems
        for number, item in enumerate(pm.follow_ups, start=1)
        if (kind is None or item.get("type") == kind) and not item.get("action")
    ]


COLLECTORS: dict[str, Callable[[Sequence[Postmortem], dt.date], list[dict[str, Any]]]] = {
    "drills": drills,
    "evals": evals,
    "followups": follow_up_records,
    "postmortems": postmortem_records,
}


def render(what: str, postmortems: Sequence[Postmortem], today: dt.date, fmt: str) -> str:
    """The export ``what`` in format ``fmt`` (json, jsonl or csv)."""
    records = COLLECTORS[what](postmortems, today)
    if fmt == "jsonl":
        return "".join(json.dumps(r, sort_keys=True, ensure_ascii=False) + "\n" for r in records)
    if fmt == "json":
        document = {
            "version": EXPORT_VERSION,
            "tool": {"name": "pmlint", "version": __version__},
            "what": what,
            "today": today.isoformat(),
            "records": records,
        }
        return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    if what == "postmortems":
        records = [postmortem_row(pm) for pm in postmortems]
    columns = {"postmortems": POSTMORTEM_COLUMNS, "followups": followups.COLUMNS}.get(
        what, _PLAN_COLUMNS
    )
    return tables.csv_text(columns, [[r.get(c) for c in columns] for r in records])
