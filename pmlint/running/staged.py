"""The other postmortems as Git's index holds them: what a commit hook is judging.

Under pre-commit (``--staged``) the ids the cross-file rules compare come from
what is being committed, not from the working tree, and without a stat of each
file: ``git ls-files -s`` names every configured file with the hash of its
staged blob, the id and parent of a blob are remembered in the cache under that
hash, and the blobs the cache does not know are read with one
``git cat-file --batch``. The repository may be hostile: git runs with no
fsmonitor, no hooks, no pager and no external filter or diff program
(``cat-file --batch`` without ``--filters`` reads a blob's bytes as stored),
and a ``git`` found inside the repository is not run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from typing import IO

from pmlint.checking.facts import Declared, declared_in
from pmlint.config import Config
from pmlint.debuglog import log
from pmlint.reading.source import Unreadable, decode
from pmlint.running.cache import Cache
from pmlint.running.files import display, matchers

#: Options that keep git from running anything the repository configures.
_SAFE = (
    "--no-pager",
    "--no-optional-locks",
    "-c",
    "core.fsmonitor=false",
    "-c",
    "core.hooksPath=/dev/null",
    "-c",
    "core.untrackedCache=false",
)
_REGULAR = ("100644", "100755")  # links (120000) and submodules (160000) hold no postmortem
#: Where the cache remembers a blob's id and parent: apart from content digests.
_KEY = "git:"


def others_in_index(
    configured: list[str], linted: set[str], config: Config, store: Cache
) -> list[tuple[str, Declared | None]] | None:
    """Each configured postmortem's path as shown and its staged id and parent, those being
    linted left out; None when there is no index to read (then the walk is used)."""
    git = _git(config)
    if git is None or not configured:
        return None
    try:
        listed = subprocess.run(
            [*git, "ls-files", "-s", "-z", "--", *configured],
            capture_output=True,
            check=False,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError) as error:
        log.debug("git ls-files failed: %s", error)
        return None
    if listed.returncode != 0:
        log.debug("git ls-files: %s", listed.stderr.decode(errors="replace").strip())
        return None
    in_scope = _scope_test(configured, tuple(config.exclude))
    staged = [
        (shown, blob)
        for shown, blob in _entries(listed.stdout)
        if shown not in linted and in_scope(shown)
    ]
    known = {blob: store.facts.get(_KEY + blob) for _, blob in staged}
    unknown = sorted(blob for blob, declared in known.items() if declared is None)
    for blob, data in _blobs(git, unknown, config.max_file_size):
        declared = known[blob] = _declared(data)
        store.add_facts(_KEY + blob, declared)
    return [(shown, known[blob]) for shown, blob in staged]


def _git(config: Config) -> list[str] | None:
    """The git command, unless git is missing or lives in the repository itself."""
    found = shutil.which("git")
    if found is None:
        return None
    real, root = os.path.realpath(found), os.path.realpath(config.root)
    if real == root or real.startswith(root.rstrip(os.sep) + os.sep):
        log.debug("git at %s is inside the repository: not run", real)
        return None
    return [real, *_SAFE]


def _entries(listing: bytes) -> Iterator[tuple[str, str]]:
    """(path as shown, blob hash) of each regular file staged without a conflict."""
    # Decoded at once, not name by name: the separators are ASCII, so the names come out
    # the same (undecodable bytes as lone surrogates), in a third of the time.
    for record in os.fsdecode(listing).split("\0"):
        header, _, name = record.partition("\t")
        fields = header.split(" ")
        if len(fields) != 3 or fields[2] != "0" or fields[0] not in _REGULAR:
            continue
        yield display(name), fields[1]


def _scope_test(configured: list[str], patterns: tuple[str, ...]) -> Callable[[str], bool]:
    """Whether a path of the index is in scope, as the walk of the configured paths decides:
    a ``*.md`` file, no name of it below the configured path excluded.

    It runs once per file of the index: a folder's names are tested once, not once
    per file in it, and the names are split, not parsed as paths.
    """
    names, paths = matchers(patterns)
    roots = [root.rstrip("/") + "/" for root in configured if root != "."]
    folders: dict[str, bool] = {}  # a folder below a configured path -> excluded

    def excluded(relative: str, shown: str) -> bool:
        if paths is not None and paths.match(os.path.normcase(shown)):
            return True
        if names is None:
            return False
        folder, _, name = relative.rpartition("/")
        if names.match(os.path.normcase(name)):
            return True
        if folder not in folders:
            parts = folder.split("/") if folder else []
            folders[folder] = any(names.match(os.path.normcase(part)) for part in parts)
        return folders[folder]

    def in_scope(shown: str) -> bool:
        if shown in configured:  # a configured file, linted whatever its name
            return not excluded(shown.rsplit("/", 1)[-1], shown)
        if not shown.endswith(".md"):
            return False
        for root in roots:
            if shown.startswith(root):
                return not excluded(shown[len(root) :], shown)
        return "." in configured and not excluded(shown, shown)

    return in_scope


def _declared(data: bytes | None) -> Declared:
    if data is None:
        return None, None
    try:
        return declared_in(decode(data))
    except Unreadable:
        return None, None


def _blobs(git: list[str], blobs: list[str], max_size: int) -> Iterator[tuple[str, bytes | None]]:
    """Each blob's bytes (None when missing or over ``max_size``), from one git process."""
    if not blobs:
        return
    with subprocess.Popen(
        [*git, "cat-file", "--batch"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    ) as process:
        assert process.stdin is not None and process.stdout is not None
        feeder = threading.Thread(target=_feed, args=(process.stdin, blobs), daemon=True)
        feeder.start()
        for blob in blobs:
            header = process.stdout.readline().split()
            if len(header) != 3 or header[1] != b"blob":
                yield blob, None
                continue
            yield blob, _bounded(process.stdout, int(header[2]), max_size)
            process.stdout.read(1)  # the newline after the object
        feeder.join()


def _feed(stdin: IO[bytes], blobs: list[str]) -> None:
    """Write the requests from a thread: git answers while it reads, and a full pipe would
    otherwise stop both."""
    try:
        for blob in blobs:
            stdin.write(f"{blob}\n".encode("ascii"))
        stdin.close()
    except OSError:  # git stopped: the reader sees the end of its output
        pass


def _bounded(stream: IO[bytes], size: int, max_size: int) -> bytes | None:
    """``size`` bytes of ``stream``, or None (the bytes skipped) when over ``max_size``."""
    if size <= max_size:
        return stream.read(size)
    while size > 0:
        skipped = stream.read(min(size, 1 << 20))
        if not skipped:
            break
        size -= len(skipped)
    return None
