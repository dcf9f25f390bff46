"""What decides a cached result: the keys the cache stores it under.

A run key (pmlint's code, the shipped and team schemas, the settings, the
reference day) decides every result of a run; a file's own problems are keyed
by its bytes, its path as shown and the tickets snapshot; the cross-file pass's
answer by the id index and the files it judged. Nothing else may change them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from pmlint import bounded_read, resources
from pmlint.config import MAX_TEAM_SCHEMA_BYTES, Config
from pmlint.version import __version__

#: Settings that change how a run is carried out, not what a file's lint finds
#: (the baseline is applied to the whole report, after the cache).
_NOT_IN_KEY = frozenset({"source", "cache_dir", "jobs", "baseline", "baseline_copy"})


def digest(data: bytes) -> str:
    """The content key of a file's bytes."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@cache
def code_key() -> str:
    """pmlint's version and the bytes of its code and shipped schemas (once per process)."""
    hasher = hashlib.blake2b(__version__.encode(), digest_size=16)
    package = Path(__file__).parents[1]  # all of pmlint, not only running/
    for path in sorted([*package.rglob("*.py"), *resources.folder("schemas").glob("*.json")]):
        hasher.update(path.name.encode() + b"\0" + path.read_bytes())
    return hasher.hexdigest()


def run_key(config: Config, today: dt.date | None) -> str:
    """What, beside a file's own text, decides its problems."""
    settings = {
        item.name: _jsonable(getattr(config, item.name))
        for item in dataclasses.fields(config)
        if item.name not in _NOT_IN_KEY
    }
    team = _team_schema_bytes(config.schema).hex() if config.schema else ""
    payload = json.dumps(
        [code_key(), settings, team, str(today)], sort_keys=True, ensure_ascii=True, default=str
    )
    return hashlib.blake2b(payload.encode(), digest_size=16).hexdigest()


def _team_schema_bytes(path: Path) -> bytes:
    return bounded_read.read_bytes(path, MAX_TEAM_SCHEMA_BYTES) if path.is_file() else b""


def _jsonable(value: object) -> object:
    """A setting as JSON holds it, mappings and sets in a fixed order, so the key is stable."""
    if isinstance(value, Mapping):
        return {str(key): _jsonable(item) for key, item in sorted(value.items())}
    if isinstance(value, (set, frozenset)):
        return sorted(str(item) for item in value)
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    return value if isinstance(value, (int, float, bool, type(None))) else str(value)


def result_key(content: str, path: str, snapshot: str) -> str:
    """A file's problems depend on its text, its path as shown, and the tickets snapshot
    (the rest is the run key); never on the other files."""
    payload = f"{content}\0{path}\0{snapshot}"  # no path holds a NUL
    return hashlib.blake2b(payload.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def answer_key(ids: Mapping[str, tuple[str, ...]], paths: list[str], contents: list[str]) -> str:
    """The cross-file pass's problems depend on the id index (built in sorted order) and,
    for each file judged, its path as shown and its content hash (which decide its facts)."""
    payload = "\0".join([repr(ids), *paths]) + "\0" + "".join(contents)  # hashes: 32 characters
    return hashlib.blake2b(payload.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
