"""How sync cuts the tickets it reads into requests, the same way for every tracker.

Each tracker module turns one chunk of tickets into a job (one GraphQL query, one
REST search); the chunks are made here, so the batching rule is written once.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from itertools import groupby

from pmlint.trackers.links import Ref
from pmlint.trackers.snapshot import Entry

#: Reads one chunk of tickets: their snapshot entries by ticket URL.
Job = Callable[[], dict[str, Entry]]
#: The tickets one job asks for, and the job.
Batch = tuple[list[Ref], Job]


def batches(
    ordered: Sequence[Ref],
    together: Callable[[Ref], Hashable],
    size: int,
    job: Callable[[list[Ref]], Job],
) -> list[Batch]:
    """Consecutive refs with the same ``together`` key, in chunks of at most ``size``."""
    found: list[Batch] = []
    for _, group in groupby(ordered, key=together):
        tickets = list(group)
        for start in range(0, len(tickets), size):
            chunk = tickets[start : start + size]
            found.append((chunk, job(chunk)))
    return found
