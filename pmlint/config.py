"""Find, read and check pmlint's configuration.

Configuration is ``[tool.pmlint]`` in ``pyproject.toml`` or the top level of
``.pmlint.toml``, found by walking up from the current folder. It is checked
against ``schemas/config.schema.json`` so an unknown key or a bad value is an
error that names the key, never a silent default.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any
from urllib.parse import urldefrag, urljoin, urlsplit

from pmlint import bounded_read, resources
from pmlint.checking.rules import RULES
from pmlint.errors import UserError
from pmlint.reading.vocabulary import (
    BLAME_PHRASES,
    ID_PATTERN,
    SEVERITIES,
    normalise_heading,
    normalise_word,
)

DEFAULT_EXCLUDE = ("README.md", "TEMPLATE.md", "template.md", "_*", ".*")
if TYPE_CHECKING:
    import jsonschema

CONFIG_FILES = (".pmlint.toml", "pyproject.toml")


class ConfigError(UserError):
    """The configuration cannot be used; the message names the file and key."""


def _frozen(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class Config:
    """Settings for one run; every field has the documented default."""

    root: Path = field(default_factory=Path.cwd)  # relative paths in config are from here
    source: Path | None = None  # the file the settings came from
    paths: tuple[str, ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    max_file_size: int = 1024 * 1024
    id_pattern: str = ID_PATTERN
    severities: tuple[str, ...] = SEVERITIES
    cause_subcategories: tuple[str, ...] = ()
    heading_aliases: Mapping[str, str] = field(default_factory=lambda: _frozen({}))
    status_synonyms: Mapping[str, str] = field(default_factory=lambda: _frozen({}))
    type_synonyms: Mapping[str, str] = field(default_factory=lambda: _frozen({}))
    slo_business_days: int = 5
    slo_business_days_by_severity: Mapping[str, int] = field(default_factory=lambda: _frozen({}))
    holidays: frozenset[dt.date] = frozenset()
    closure_days: int = 30
    closure_target: float = 0.8
    today: dt.date | None = None
    draft_severity: str = "warning"
    blame_phrases: tuple[str, ...] = BLAME_PHRASES
    ignore: frozenset[str] = frozenset()
    severity: Mapping[str, str] = field(default_factory=lambda: _frozen({}))
    schema: Path | None = None
    baseline: Path | None = None  # known problems that do not fail a run
    #: Where the baseline is read from when not ``baseline`` itself: its copy as committed at
    #: a revision (``--config-at``), while its entries stay relative to ``baseline``'s folder.
    baseline_copy: Path | None = None
    enforce_from: dt.date | None = None  # older postmortems get warnings, not errors
    #: Where results are remembered between runs (relative to ``root``); None: no cache.
    cache_dir: str | None = ".pmlint_cache"
    #: Worker processes for large runs; 0 means one per available core.
    jobs: int = 0
    #: False: ``<!-- pmlint-disable... -->`` comments silence nothing (``--no-inline-config``).
    inline_config: bool = True
    #: Issue trackers by table name, each table as configured (see pmlint.trackers.config).
    trackers: Mapping[str, Mapping[str, str]] = field(default_factory=lambda: _frozen({}))
    #: The ticket snapshot ``pmlint sync`` writes, relative to ``root``.
    tickets: str = ".pmlint-tickets.json"
    #: Days after which the ticket snapshot is stale.
    tickets_max_age: int = 7

    def slo_days(self, severity: object) -> int:
        """Business days allowed between ``resolved`` and ``published`` at this severity."""
        if isinstance(severity, str) and severity in self.slo_business_days_by_severity:
            return self.slo_business_days_by_severity[severity]
        return self.slo_business_days


def find_config_file(start: Path) -> Path | None:
    """The nearest ``.pmlint.toml``, or ``pyproject.toml`` with a ``[tool.pmlint]`` table."""
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name == ".pmlint.toml" or "pmlint" in _read_toml(candidate).get("tool", {}):
                return candidate
    return None


def load(path: Path | None = None, start: Path | None = None) -> Config:
    """Load the configuration named by ``path``, or the nearest one above ``start``."""
    if path is None:
        path = find_config_file((start or Path.cwd()).resolve())
        if path is None:
            return Config(root=(start or Path.cwd()).resolve())
    elif not path.is_file():
        raise ConfigError(f"{path}: configuration file not found")
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("pmlint", {})
    elif isinstance(data.get("tool"), dict) and "pmlint" in data["tool"]:
        raise ConfigError(
            f"{path}: [tool.pmlint] belongs in pyproject.toml; in {path.name} write the keys "
            "at the top level, without a table header"
        )
    return from_mapping(data, path.resolve().parent, path)


#: A configuration file, team schema or local file it refers to is read up to this size.
MAX_CONFIG_BYTES = 4 * bounded_read.MiB
MAX_TEAM_SCHEMA_BYTES = 4 * bounded_read.MiB
#: How many local files a team schema may reach through ``$ref``.
MAX_SCHEMA_FILES = 64


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(bounded_read.read_text(path, MAX_CONFIG_BYTES))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: cannot read configuration: {error}") from None


def from_mapping(
    data: Mapping[str, Any], root: Path, source: Path | None = None, files: Path | None = None
) -> Config:
    """Check ``data`` against the configuration schema and build a Config.

    ``schema`` and ``baseline`` are read from ``files`` when given (a copy of the files as
    committed, see ``pmlint.committed``), else from ``root`` like every other path."""
    where = f"{source}: " if source else ""
    _check(data, where)
    values = _typed(data)
    values["trackers"] = _trackers(values.get("trackers", {}), where)
    if "schema" in values:
        values["schema"] = (files or root) / values["schema"]
        team = load_team_schema(values["schema"])
        _check_local_files(values["schema"], team, files or root)
    if "baseline" in values:
        values["baseline"] = (files or root) / values["baseline"]
    return Config(root=root, source=source, **values)


def _check(data: Mapping[str, Any], where: str) -> None:
    """The first error the configuration schema finds, then any unknown rule code."""
    from pmlint.checking import quickschema

    schema = resources.load_json("config.schema.json")
    if not quickschema.passes(schema, dict(data)):
        import jsonschema  # only to say what is wrong: it is slow to import

        validator = jsonschema.Draft202012Validator(
            schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        )
        errors = sorted(validator.iter_errors(dict(data)), key=lambda e: list(e.absolute_path))
        if errors:
            raise ConfigError(where + _describe(errors[0]))
    for code in (*data.get("ignore", ()), *data.get("severity", {})):
        if code not in RULES:
            raise ConfigError(f"{where}unknown rule code '{code}' (see 'pmlint rules')")


def _typed(data: Mapping[str, Any]) -> dict[str, Any]:
    """Valid TOML values as Config holds them: tuples, frozen mappings, dates, normalised
    names; paths are left to ``from_mapping``, which knows where they are relative to."""
    values: dict[str, Any] = dict(data)
    if "extend_exclude" in values:
        values["exclude"] = (*values.get("exclude", DEFAULT_EXCLUDE), *values.pop("extend_exclude"))
    for key in ("paths", "exclude", "severities", "cause_subcategories", "blame_phrases"):
        if key in values:
            values[key] = tuple(values[key])
    values["heading_aliases"] = _frozen(
        {normalise_heading(k): v for k, v in values.get("heading_aliases", {}).items()}
    )
    for key in ("status_synonyms", "type_synonyms"):
        values[key] = _frozen({normalise_word(k): v for k, v in values.get(key, {}).items()})
    for key in ("slo_business_days_by_severity", "severity"):
        values[key] = _frozen(values.get(key, {}))
    values["holidays"] = frozenset(dt.date.fromisoformat(d) for d in values.get("holidays", ()))
    for key in ("today", "enforce_from"):
        if key in values:
            values[key] = dt.date.fromisoformat(values[key])
    values["ignore"] = frozenset(values.get("ignore", ()))
    return values


#: The APIs pmlint sync speaks; a tracker table named after one needs no ``kind``.
TRACKER_KINDS = ("github", "gitlab", "jira")


def _trackers(tables: Mapping[str, Mapping[str, str]], where: str) -> Mapping[str, Any]:
    """Tracker tables with their ``kind`` filled in; a table of no known kind is an error."""
    found: dict[str, Mapping[str, str]] = {}
    for name, table in sorted(tables.items()):
        kind = table.get("kind", name)
        if kind not in TRACKER_KINDS:
            raise ConfigError(
                f"{where}tracker '{name}' has no 'kind': set kind = \"github\", \"gitlab\" "
                'or "jira" (or name the table after its kind)'
            )
        if kind == "jira" and "url" not in table:
            raise ConfigError(
                f"{where}tracker '{name}' (jira) needs a 'url', e.g. https://acme.atlassian.net"
            )
        found[name] = _frozen({**table, "kind": kind})
    return _frozen(found)


@cache
def load_team_schema(path: Path) -> dict[str, Any]:
    """A team's own JSON Schema, checked when the configuration is loaded.

    It gets an ``$id`` of its file URI when it has none, so its local ``$ref``s
    resolve inside it once it is merged with the shipped schema.
    """
    try:
        team = json.loads(bounded_read.read_text(path, MAX_TEAM_SCHEMA_BYTES))
    except (OSError, ValueError) as error:
        raise ConfigError(f"{path}: cannot use the team schema: {error}") from None
    if not isinstance(team, dict):
        raise ConfigError(f"{path}: the team schema must be a JSON object")
    import jsonschema

    try:
        jsonschema.Draft202012Validator.check_schema(team)
    except jsonschema.SchemaError as error:
        raise ConfigError(f"{path}: the team schema is not valid: {error.message}") from None
    team.setdefault("$id", path.resolve().as_uri())
    from jsonschema_specifications import REGISTRY as METASCHEMAS

    known = {*_ids(team), *_ids(resources.load_json("postmortem.schema.json")), *METASCHEMAS}
    for ref, target in references(team, team["$id"]):
        if target not in known and urlsplit(target).scheme != "file":
            raise ConfigError(
                f"{path}: the team schema refers to {ref!r}; pmlint never fetches schemas "
                "over the network: copy the definitions into the schema or a local file"
            )
    return team


def _check_local_files(path: Path, team: dict[str, Any], root: Path) -> None:
    """Every local file the team schema reaches is a small regular file inside ``root``.

    A ``file:///`` reference could otherwise read any file on the machine, and one
    naming ``/dev/zero`` or a FIFO would never end; a file that cannot be read here
    would fail every postmortem later.
    """
    from urllib.request import url2pathname

    inside = root.resolve()
    pending, seen = [(team, str(team["$id"]))], {urldefrag(str(team["$id"])).url}
    while pending:
        schema, base = pending.pop()
        for ref, target in references(schema, base):
            if urlsplit(target).scheme != "file" or target in seen:
                continue
            seen.add(target)
            local = Path(url2pathname(urlsplit(target).path)).resolve()
            if not local.is_relative_to(inside) or len(seen) > MAX_SCHEMA_FILES:
                raise ConfigError(
                    f"{path}: the team schema refers to {ref!r}, outside {root} or past "
                    f"{MAX_SCHEMA_FILES} files; keep its local files in the repository"
                )
            try:
                pending.append(
                    (json.loads(bounded_read.read_text(local, MAX_TEAM_SCHEMA_BYTES)), target)
                )
            except (OSError, ValueError) as error:
                raise ConfigError(f"{path}: cannot use {ref!r}: {error}") from None


def _ids(schema: Any, base: str = "") -> set[str]:
    """Every resource URI that ``schema`` defines with ``$id`` (without fragments)."""
    found: set[str] = set()
    if isinstance(schema, dict):
        if isinstance(schema.get("$id"), str):
            base = urldefrag(urljoin(base, schema["$id"])).url
            found.add(base)
        for value in schema.values():
            found |= _ids(value, base)
    elif isinstance(schema, list):
        for value in schema:
            found |= _ids(value, base)
    return found


def references(schema: Any, base: str) -> Iterator[tuple[str, str]]:
    """(reference as written, document URI it points to) for every ``$ref`` and ``$dynamicRef``."""
    if isinstance(schema, dict):
        if isinstance(schema.get("$id"), str):
            base = urljoin(base, schema["$id"])
        for keyword in ("$ref", "$dynamicRef"):
            if isinstance(schema.get(keyword), str):
                yield schema[keyword], urldefrag(urljoin(base, schema[keyword])).url
        for value in schema.values():
            yield from references(value, base)
    elif isinstance(schema, list):
        for value in schema:
            yield from references(value, base)


def _describe(error: jsonschema.ValidationError) -> str:
    """Name the offending key in words: "[tool.pmlint] unknown key 'pathz'"."""
    key = ".".join(str(part) for part in error.absolute_path)
    if error.validator == "additionalProperties":
        schema = error.schema if isinstance(error.schema, dict) else {}
        given: dict[str, Any] = error.instance if isinstance(error.instance, dict) else {}
        known = list(schema.get("properties", {}))
        extra = sorted(set(given) - set(known))
        message = f"unknown configuration key '{'.'.join(filter(None, [key, extra[0]]))}'"
        import difflib  # only for a configuration that is wrong

        close = difflib.get_close_matches(extra[0], known, n=1, cutoff=0.6)
        return f"{message}; did you mean '{close[0]}'?" if close else message
    if error.validator == "propertyNames":
        return f"'{key}': invalid key {error.instance!r}: {error.message}"
    if error.validator in ("pattern", "format") and isinstance(error.instance, str):
        if error.validator == "format" and error.validator_value == "regex":
            return f"'{key}' is not a valid regular expression: {error.instance!r}"
        return f"'{key}' has an invalid value {error.instance!r}"
    return f"'{key or 'configuration'}': {error.message}"
