"""Write a deterministic corpus of realistic postmortems for benchmarks and tests.

Every file is a complete postmortem of about 4.6 KB (table or list follow-ups,
a dated timeline, sub-postmortems pointing at a parent). With ``--defect-rate``
a share of the files carries one or two defects drawn from what real teams get
wrong (a missing field, an empty section, an unknown status, a duplicate id,
a parent that does not exist...), so a run has problems to report.

    python benchmarks/generate_corpus.py --count 1000 --defect-rate 0.2 /tmp/corpus

The same arguments always write byte-identical files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from collections.abc import Callable
from pathlib import Path

TEAMS = ["insurance-ai", "claims-assist", "search-platform", "support-bot", "underwriting-ml"]
INTENTS = [
    "policy_comparison",
    "claim_status",
    "rider_lookup",
    "premium_quote",
    "document_summary",
    "coverage_check",
    "renewal_reminder",
    "agent_handoff",
]
CAUSES = ["prompt", "model", "retrieval", "data", "tooling", "gateway", "upstream", "apparatus"]
SEVERITIES = ["P0", "P1", "P2", "P3", "P4"]
ROLES = ["Primary on-call", "Secondary on-call", "Eval lead", "Retrieval lead", "Drill lead"]
TRIGGERS = {
    "prompt": "a prompt deploy changed the instructions for {intent}",
    "model": "a model version upgrade shifted the tone and accuracy of {intent} answers",
    "retrieval": "the retrieval index for {intent} served stale documents",
    "data": "a nightly data load dropped half of the {intent} reference rows",
    "tooling": "the tool-calling schema for {intent} rejected valid arguments",
    "gateway": "the model gateway throttled {intent} traffic after a quota change",
    "upstream": "an upstream provider returned truncated completions for {intent}",
    "apparatus": "the {intent} quality alert was muted during a maintenance window",
}
FILLER = (
    "The team reviewed the dashboards, the deploy log and the eval history together, and agreed "
    "that the signal was visible earlier than it was acted on. "
)


def _words(rng: random.Random, intent: str) -> str:
    """A sentence of plausible prose so files differ and sizes are realistic."""
    openers = ["On-call noted", "The dashboard showed", "Support reported", "The eval run found"]
    tails = [
        f"a drop in {intent} answer quality across the affected tenants.",
        f"that {intent} responses cited outdated terms for about {rng.randint(5, 90)} minutes.",
        f"a {rng.randint(3, 40)}% rise in thumbs-down feedback on {intent}.",
        f"latency on {intent} above the {rng.randint(2, 9)}-second budget.",
    ]
    return f"{rng.choice(openers)} {rng.choice(tails)}"


def _follow_ups_table(rng: random.Random, date: dt.date, intent: str) -> str:
    rows = [
        ("Expand {intent} eval coverage with {n} new cases", "Eval lead", "eval"),
        ("Validate the new eval against the regressed build", "Eval lead", "eval"),
        ("Add slice-level alert sensitivity for {intent}", "Primary on-call", "alert"),
        ("Runbook step for rolling back {intent} deploys", "Secondary on-call", "runbook"),
        ("Drill scenario: {intent} regression with slice isolation", "Drill lead", "drill"),
        ("Fix the freshness check in the nightly job", "Retrieval lead", "fix"),
    ]
    lines = [
        "| Action | Owner | Due | Status | Type | Closed | Ticket |",
        "|---|---|---|---|---|---|---|",
    ]
    for number, (action, owner, kind) in enumerate(rows):
        due = date + dt.timedelta(days=7 + 3 * number)
        done = rng.random() < 0.4
        status = "done" if done else rng.choice(["open", "pending", "in progress", "scheduled"])
        closed = (due - dt.timedelta(days=1)).isoformat() if done else ""
        ticket = f"OPS-{rng.randint(100, 999)}"
        text = action.format(intent=intent, n=rng.randint(10, 60))
        lines.append(f"| {text} | {owner} | {due} | {status} | {kind} | {closed} | {ticket} |")
    return "\n".join(lines)


def _follow_ups_list(rng: random.Random, date: dt.date, intent: str) -> str:
    items = [
        (f"Expand {intent} eval coverage", "Eval lead", "eval"),
        (f"Alert on {intent} slice regressions", "Primary on-call", "alert"),
        ("Runbook step for a forced rollback", "Secondary on-call", "runbook"),
        (f"{intent} regression in the next drill", "Drill lead", "drill"),
        ("Record deploy ids in the alert payload", "Primary on-call", "fix"),
    ]
    lines = []
    for number, (action, owner, kind) in enumerate(items):
        due = date + dt.timedelta(days=5 + 4 * number)
        done = rng.random() < 0.4
        status = "done" if done else rng.choice(["open", "pending", "scheduled"])
        closed = f" — closed: {due - dt.timedelta(days=1)}" if done else ""
        lines.append(
            f"- ({chr(97 + number)}) {action} — owner: {owner} — due: {due} — status: {status}"
            f" — type: {kind}{closed} — ticket: OPS-{rng.randint(100, 999)}"
        )
    return "\n".join(lines)


def postmortem(index: int, seed: int) -> tuple[str, str]:
    """The id and text of postmortem number ``index``."""
    rng = random.Random(f"{seed}:{index}")
    date = dt.date(2024, 1, 1) + dt.timedelta(days=index % 900)
    identifier = f"INC-{date.year}-{index:05d}"
    intent = rng.choice(INTENTS)
    cause = rng.choice(CAUSES)
    contributing = rng.sample([c for c in CAUSES if c != cause], rng.randint(0, 2))
    start = rng.randint(0, 16)
    minutes = rng.randint(8, 300)
    resolved = dt.datetime(date.year, date.month, date.day, start, rng.randint(0, 59))
    resolved += dt.timedelta(minutes=minutes)
    published = resolved.date() + dt.timedelta(days=rng.randint(1, 4))
    hours, rest = divmod(minutes, 60)
    duration = (f"{hours}h" if hours else "") + (f"{rest}m" if rest else "")
    trigger = TRIGGERS[cause].format(intent=intent)
    team = rng.choice(TEAMS)
    oncall = ", ".join(rng.sample(ROLES[:2], rng.randint(1, 2)))
    front = [
        "---",
        f"id: {identifier}",
        f"title: {intent} degraded after {trigger.split(' ', 2)[1]} change",
        f"date: {date}",
        f"severity: {rng.choice(SEVERITIES)}",
        f"duration: {duration}",
        "status: published",
        f"team: {team}",
        f"oncall: [{oncall}]",
        f"resolved: {resolved.isoformat()}+00:00",
        f"published: {published}",
        "cause:",
        f"  primary: {cause}",
        f"  contributing: [{', '.join(contributing)}]",
    ]
    if index >= 10 and rng.random() < 0.1:
        front.append(f"parent: INC-{(date - dt.timedelta(days=1)).year}-{index - 1:05d}")
    front += [f"tags: [{intent}, {cause}]", "---"]
    clock = dt.datetime(2000, 1, 1, start, 0)
    timeline = []
    for step in range(rng.randint(5, 8)):
        clock += dt.timedelta(minutes=rng.randint(3, 25))
        event = _words(rng, intent) if step else f"Change ships: {trigger}."
        timeline.append(f"- {clock:%H:%M} {event}")
    follow_ups = (_follow_ups_table if rng.random() < 0.6 else _follow_ups_list)(rng, date, intent)
    body = f"""
# {intent} degraded after {trigger.split(" ", 2)[1]} change

## Summary

On {date}, {trigger}. {_words(rng, intent)} The quality alert fired and on-call contained the
incident in {duration}; {rng.randint(10, 900)} user sessions across {rng.randint(2, 60)} tenants
were affected. The change was rolled back and the eval set was extended.

## Timeline

{chr(10).join(timeline)}

## Cause

Primary: {cause}. {trigger.capitalize()}, and the pre-deploy eval did not include enough
{intent} cases to catch it. Contributing: {", ".join(contributing) or "none"}. {FILLER}
{_words(rng, intent)}

## Blast radius

{rng.randint(10, 900)} user sessions across {rng.randint(2, 60)} tenants over {minutes} minutes,
{rng.randint(0, 5)} of them enterprise tenants. The feedback signal showed a
{rng.randint(5, 40)}% thumbs-down rate on {intent} during the window. {_words(rng, intent)}

## Eval delta

The eval set had {rng.randint(4, 30)} {intent} examples and the regression case was not
represented. Expand the set with {rng.randint(10, 60)} cases and validate the new eval against
the regressed build to confirm it would have caught the change. {FILLER}
{_words(rng, intent)}

## Follow-up actions

{follow_ups}

## Apparatus updates

- Alert: slice-level sensitivity tightened for {intent} (follow-up {rng.randint(1, 4)}).
- Runbook: rollback step for {intent} deploys added, with the verification query first.
- Drill: {intent} regression with slice isolation added to the drill calendar.
- Escalation: unchanged; the existing path handled this incident.

## What went well

The alert fired with the deploy id in its payload, and on-call executed the runbook without
escalation. {_words(rng, intent)} {FILLER}

## What did not go well

Pre-deploy eval did not catch the regression because coverage of {intent} was thin.
{_words(rng, intent)} {FILLER}

## Where we got lucky

The regression hit during a low-traffic window, so fewer sessions saw it than a weekday peak
would have exposed. {_words(rng, intent)}
"""
    return identifier, "\n".join(front) + "\n" + body


def _drop_field(text: str, rng: random.Random) -> str:
    name = rng.choice(["severity:", "team:", "duration:", "published:"])
    return "\n".join(line for line in text.split("\n") if not line.startswith(name))


def _empty_section(text: str, rng: random.Random) -> str:
    heading = rng.choice(["## Cause\n\n", "## Blast radius\n\n", "## What went well\n\n"])
    start = text.index(heading) + len(heading)
    return text[:start] + "TODO\n\n" + text[text.index("\n## ", start) + 1 :]


def _bad_status(text: str, rng: random.Random) -> str:
    for status in ("| pending |", "— status: pending", "| open |", "— status: open"):
        if status in text:
            return text.replace(status, status.replace("pending", "wip").replace("open", "wip"), 1)
    return text.replace("severity: P", "severity: S", 1)


def _timeline_backwards(text: str, rng: random.Random) -> str:
    start = text.index("## Timeline\n\n") + len("## Timeline\n\n")
    end = text.index("\n\n", start)
    items = text[start:end].split("\n")
    items[0], items[-1] = items[-1], items[0]
    return text[:start] + "\n".join(items) + text[end:]


def _blame(text: str, rng: random.Random) -> str:
    return text.replace(
        "## What did not go well\n\n",
        "## What did not go well\n\nThe outage was human error in the deploy review.\n",
        1,
    )


def _unknown_cause(text: str, rng: random.Random) -> str:
    return text.replace("  primary: ", "  primary: vibes-", 1)


def _missing_section(text: str, rng: random.Random) -> str:
    return text.replace("## Eval delta", "## Evaluation notes", 1)


def _no_apparatus(text: str, rng: random.Random) -> str:
    start = text.index("## Apparatus updates\n\n") + len("## Apparatus updates\n\n")
    end = text.index("\n\n", start)
    return text[:start] + "- Alert: unchanged\n- Runbook: no change" + text[end:]


def _unknown_parent(text: str, rng: random.Random) -> str:
    return text.replace("tags: [", "parent: INC-1999-99999\ntags: [", 1)


DEFECTS: dict[str, Callable[[str, random.Random], str]] = {
    "missing-field": _drop_field,
    "empty-section": _empty_section,
    "invalid-value": _bad_status,
    "timeline-order": _timeline_backwards,
    "blame-language": _blame,
    "unknown-cause": _unknown_cause,
    "missing-section": _missing_section,
    "no-apparatus-update": _no_apparatus,
    "unknown-parent": _unknown_parent,
}


def generate(folder: Path, count: int, defect_rate: float = 0.0, seed: int = 1) -> list[Path]:
    """Write ``count`` postmortems into ``folder`` (spread over year folders)."""
    rng = random.Random(f"defects:{seed}")
    written = []
    previous_id = ""
    for index in range(count):
        identifier, text = postmortem(index, seed)
        if rng.random() < defect_rate:
            for name in rng.sample(sorted(DEFECTS), rng.randint(1, 2)):
                text = DEFECTS[name](text, rng)
            if previous_id and rng.random() < 0.1:  # a copy-paste duplicate id
                text = text.replace(f"id: {identifier}", f"id: {previous_id}", 1)
        previous_id = identifier
        path = folder / identifier[4:8] / f"{identifier.lower()}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--defect-rate", type=float, default=0.0, help="share of files (0..1)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    files = generate(args.folder, args.count, args.defect_rate, args.seed)
    size = sum(path.stat().st_size for path in files)
    print(f"{len(files)} files, {size / max(len(files), 1) / 1000:.1f} KB each on average")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
