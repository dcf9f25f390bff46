"""The configuration as committed at a git revision, not as the working tree has it.

A pull request may edit ``.pmlint.toml``, the baseline and the team schema, and each can
silence the check that runs on it. ``pmlint lint --config-at BASE`` reads those files as
committed at ``BASE`` with ``git cat-file`` into a new temporary folder outside the checkout,
never from the working tree; the configured paths and exclusions still name files of the
working tree, so the pull request's postmortems are what is linted.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import tempfile
import tomllib
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from pmlint.config import (
    CONFIG_FILES,
    MAX_SCHEMA_FILES,
    Config,
    ConfigError,
    from_mapping,
    references,
)

#: A committed file larger than this is refused rather than read into memory.
MAX_BYTES = 64 * 1024 * 1024


def load(revision: str, path: Path | None = None, start: Path | None = None) -> Config:
    """The configuration named by ``path``, or the nearest one above ``start``, at ``revision``."""
    tree = Committed(revision, (start or Path.cwd()).resolve())
    found = tree.config_file(path)
    if found is None:
        return Config(root=tree.start)
    relative, data = found
    root = tree.top / relative.parent
    source = Path(f"{revision}:{relative}")
    copied: dict[str, PurePosixPath] = {}
    for key in ("schema", "baseline"):
        if isinstance(data.get(key), str):  # anything else: from_mapping says what is wrong
            copied[key] = _inside(relative.parent / data[key], key, source)
            if not tree.copy(copied[key]):
                raise ConfigError(f"{revision}:{copied[key]}: the configured {key} is not there")
    if "schema" in copied:
        tree.copy_references(copied["schema"])
    config = from_mapping(data, root, source, files=tree.folder / relative.parent)
    if config.baseline is None:
        return config
    # Entries are relative to the baseline's folder in the working tree; only its bytes are copied.
    working = root / data["baseline"]
    return replace(config, baseline=working, baseline_copy=config.baseline)


def _inside(relative: PurePosixPath, key: str, source: Path) -> PurePosixPath:
    """A path the configuration names, kept inside the repository."""
    normal = PurePosixPath(os.path.normpath(relative.as_posix()))
    if normal.is_absolute() or normal.parts[:1] == ("..",) or "\n" in str(normal):
        raise ConfigError(f"{source}: '{key}' must name a file inside the repository")
    return normal


class Committed:
    """One revision of the repository around ``start``, and the folder its files go to."""

    def __init__(self, revision: str, start: Path) -> None:
        where = f"--config-at {revision}"
        if revision.startswith("-") or not revision.strip():
            raise ConfigError(f"{where}: not a revision")
        self.revision, self.start = revision, start
        top = _git(["rev-parse", "--show-toplevel"], start)
        if top is None:
            raise ConfigError(f"{where}: {start} is not in a git repository")
        self.top = Path(top.decode().strip())
        commit = _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], start)
        if commit is None:
            raise ConfigError(
                f"{where}: no such commit in this clone; fetch it "
                "(in CI, check out with fetch-depth: 0)"
            )
        self.commit = commit.decode().strip()
        self.folder = Path(tempfile.mkdtemp(prefix="pmlint-config-"))
        atexit.register(shutil.rmtree, self.folder, ignore_errors=True)

    def _read(self, args: list[str], stdin: str = "") -> bytes:
        done = _git(args, self.top, stdin)
        if done is None:
            raise ConfigError(f"--config-at {self.revision}: git {args[0]} failed")
        return done

    def blob(self, relative: PurePosixPath) -> bytes | None:
        """The file's committed bytes, or None when the revision has no such file."""
        answer = self._read(["cat-file", "--batch-check"], f"{self.commit}:{relative}\n")
        parts = answer.decode().split()
        if len(parts) != 3 or parts[1] != "blob":
            return None
        if int(parts[2]) > MAX_BYTES:
            raise ConfigError(f"{self.revision}:{relative}: over {MAX_BYTES:,} bytes, not read")
        return self._read(["cat-file", "blob", parts[0]])

    def copy(self, relative: PurePosixPath) -> bool:
        """Write the committed file into the folder; False when the revision has none."""
        data = self.blob(relative)
        if data is None:
            return False
        target = self.folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("xb") as copy:
            copy.write(data)
        return True

    def config_file(self, path: Path | None) -> tuple[PurePosixPath, dict[str, Any]] | None:
        """The configuration file at the revision, found as ``config.load`` finds it."""
        if path is not None:
            relative = self._relative(path.absolute())
            if self.blob(relative) is None:
                raise ConfigError(f"{self.revision}:{relative}: configuration file not found")
            return relative, self._settings(relative, required=True) or {}
        folder = self._relative(self.start)
        for candidate in (folder, *folder.parents):
            for name in CONFIG_FILES:
                data = self._settings(candidate / name, required=name == ".pmlint.toml")
                if data is not None:
                    return candidate / name, data
        return None

    def _relative(self, path: Path) -> PurePosixPath:
        try:
            return PurePosixPath(path.relative_to(self.top).as_posix())
        except ValueError:
            raise ConfigError(f"{path}: outside the repository {self.top}") from None

    def _settings(self, relative: PurePosixPath, required: bool) -> dict[str, Any] | None:
        """pmlint's table of a committed TOML file; None if absent, or a pyproject without it."""
        data = self.blob(relative)
        if data is None:
            return None
        try:
            parsed = tomllib.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            message = f"{self.revision}:{relative}: cannot read configuration: {error}"
            raise ConfigError(message) from None
        if relative.name != "pyproject.toml":
            return parsed
        table = parsed.get("tool", {}).get("pmlint")
        return table if isinstance(table, dict) else ({} if required else None)

    def copy_references(self, schema: PurePosixPath) -> None:
        """Copy the local files the team schema refers to, and theirs, from the revision."""
        waiting, seen = [schema], {schema}
        while waiting and len(seen) <= MAX_SCHEMA_FILES:
            current = self.folder / waiting.pop()
            try:
                document = json.loads(current.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue  # the configuration check reports it
            for _, target in references(document, current.as_uri()):
                parts = urlsplit(target)
                if parts.scheme != "file":
                    continue
                local = Path(url2pathname(parts.path))
                try:
                    relative = PurePosixPath(local.relative_to(self.folder).as_posix())
                except ValueError:
                    continue  # outside the copy: not a file of the repository
                if relative not in seen:
                    seen.add(relative)
                    self.copy(relative)
                    waiting.append(relative)


def _git(args: list[str], cwd: Path, stdin: str = "") -> bytes | None:
    """Git's output, or None when it fails."""
    command = ["git", "-C", str(cwd), *args]
    done = subprocess.run(command, input=stdin.encode(), capture_output=True, check=False)
    return None if done.returncode else done.stdout
