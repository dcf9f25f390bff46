"""The cache and the worker pool change how fast a run is, never what it reports.

Every test lints a generated corpus with defects (benchmarks/generate_corpus.py)
and compares byte-for-byte JSON reports against a run with no cache and one
process, the way pmlint ran before either existed.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import os
from pathlib import Path
from types import MappingProxyType, ModuleType
from typing import Any

import pytest
from conftest import ROOT

from pmlint import config as config_module
from pmlint.cli import run
from pmlint.formats import as_json
from pmlint.running import cache_auth
from pmlint.running import workers as parallel
from pmlint.running.linter import lint_paths

COUNT = 3 * parallel.THRESHOLD  # enough files for a worker pool
OLD = 1_600_000_000 * 10**9  # a stat this old is trusted by the cache


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "generate_corpus", ROOT / "benchmarks" / "generate_corpus.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository of postmortems, a fifth of them with defects, configured to see them all."""
    files = _generator().generate(tmp_path / "postmortems", COUNT, defect_rate=0.3, seed=7)
    for path in files:
        os.utime(path, ns=(OLD, OLD))
    (tmp_path / ".pmlint.toml").write_text('paths = ["postmortems"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def report(repo: Path, *paths: str, jobs: int = 1, cache: bool = True, **settings: Any) -> str:
    config = config_module.load(repo / ".pmlint.toml")
    config = dataclasses.replace(
        config, jobs=jobs, cache_dir=".pmlint_cache" if cache else None, **settings
    )
    return as_json(lint_paths(paths, config))


def test_the_corpus_has_defects_of_many_kinds(repo: Path) -> None:
    problems = json.loads(report(repo, cache=False))["problems"]
    codes = {problem["rule"] for problem in problems}
    assert {"PM010", "PM101", "PM102", "PM402", "PM403", "PM601", "PM602"} <= codes
    assert len({problem["path"] for problem in problems}) > COUNT // 10


def test_workers_and_cache_give_byte_identical_reports(repo: Path) -> None:
    assert parallel.workers_for(2, COUNT) == 2, "the pool must actually be used"
    reference = report(repo, cache=False, jobs=1)
    assert report(repo, cache=False, jobs=2) == reference
    assert report(repo, jobs=2) == reference  # cold cache, written
    assert (repo / ".pmlint_cache" / "results.json").is_file()
    assert report(repo, jobs=2) == reference  # everything from the cache
    assert report(repo, jobs=1) == reference


def _poison(repo: Path, rows: list[list[object]], sign: bool) -> None:
    """Every stored result's problems replaced by ``rows``, signed with the user's key or not."""
    stored = repo / ".pmlint_cache" / "results.json"
    signature, _, text = stored.read_bytes().partition(b"\n")
    assert cache_auth.verify(cache_auth.user_key() or b"", "results.json", signature, text)
    data = json.loads(text)
    for entry in data["entries"].values():
        entry[0] = rows
    text = json.dumps(data).encode()
    key = cache_auth.user_key() if sign else b"an attacker's key, not the user's"
    stored.write_bytes(cache_auth.sign(key or b"", "results.json", text).encode() + b"\n" + text)
    (repo / ".pmlint_cache" / "results.json.log").unlink(missing_ok=True)


def test_cached_results_are_the_ones_reused(repo: Path) -> None:
    """Poisoning the stored results shows in the next report: the cache is really read."""
    report(repo)
    _poison(repo, [[1, 1, "PM003", "schema-violation", "error", "poisoned", "", ""]], sign=True)
    problems = json.loads(report(repo))["problems"]
    assert sum(problem["message"] == "poisoned" for problem in problems) == COUNT


def test_pre_commit_run_sees_the_whole_repository(repo: Path) -> None:
    """One named file; cross-file rules see every configured file, cached or not."""
    named = "postmortems/2024/inc-2024-00040.md"
    report(repo)  # warm the cache with every file
    assert report(repo, named) == report(repo, named, cache=False)
    # Another file takes the named file's id: the stat changed, so it is read again.
    other = repo / "postmortems/2024/inc-2024-00090.md"
    text = other.read_text(encoding="utf-8").replace("id: INC-2024-00090", "id: INC-2024-00040")
    other.write_text(text, encoding="utf-8")
    cached = report(repo, named)
    assert cached == report(repo, named, cache=False)
    assert '"rule": "PM601"' in cached


def test_settings_are_part_of_the_key(repo: Path) -> None:
    report(repo)
    relevelled = report(repo, severity={"PM402": "error"})
    assert relevelled == report(repo, cache=False, severity={"PM402": "error"})
    assert relevelled != report(repo, cache=False)


@pytest.mark.parametrize("damage", ["garbage", "wrong shape", "empty"])
def test_a_corrupt_cache_is_ignored(repo: Path, damage: str) -> None:
    reference = report(repo, cache=False)
    report(repo)
    for name in ("files.json", "results.json"):
        path = repo / ".pmlint_cache" / name
        content = {"garbage": "\x00{not json", "wrong shape": '{"format": 1, "facts": 3}'}
        path.write_text(content.get(damage, ""), encoding="utf-8")
    assert report(repo) == reference
    assert report(repo) == reference  # and the rewritten cache is sound


def test_an_unwritable_cache_is_not_fatal(repo: Path) -> None:
    (repo / "blocked").write_text("a file where the cache folder would go", encoding="utf-8")
    reference = report(repo, cache=False)
    config = dataclasses.replace(config_module.load(repo / ".pmlint.toml"), cache_dir="blocked")
    assert as_json(lint_paths((), config)) == reference


def test_no_cache_writes_nothing_and_jobs_is_accepted(repo: Path) -> None:
    assert run(["--no-cache", "--jobs", "2", "-f", "json", "-o", "a.json"]) == 1
    assert not (repo / ".pmlint_cache").exists()
    assert run(["-j", "1", "-f", "json", "-o", "b.json"]) == 1
    assert (repo / ".pmlint_cache" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    assert (repo / "a.json").read_bytes() == (repo / "b.json").read_bytes()


def test_one_pass_gives_what_linting_each_file_with_every_id_gives(repo: Path) -> None:
    """A run lints each file once, then judges the cross-file rules from the facts.

    The straightforward way, every id first and then each file against all of them,
    must give the very same problems: sub-postmortems whose parent exists, unknown
    parents and shared ids included.
    """
    from pmlint.checking.rules import Context
    from pmlint.reading import document, frontmatter
    from pmlint.running.linter import lint_text

    config = dataclasses.replace(config_module.load(repo / ".pmlint.toml"), jobs=1, cache_dir=None)
    files = sorted(path.relative_to(repo).as_posix() for path in repo.rglob("*.md"))
    texts = {path: (repo / path).read_text(encoding="utf-8") for path in files}
    ids: dict[str, list[str]] = {}
    parents = 0
    for path, text in texts.items():
        front = frontmatter.read(document.split_lines(text)).data or {}
        if isinstance(front.get("id"), str) and front["id"]:
            ids.setdefault(front["id"], []).append(path)
        parents += isinstance(front.get("parent"), str)
    context = Context(
        config=config,
        today=config.today,
        ids=MappingProxyType({key: tuple(sorted(paths)) for key, paths in sorted(ids.items())}),
    )
    expected = sorted(
        problem
        for path, text in texts.items()
        for problem in lint_text(text, path, config, context)
    )
    codes = {problem.code for problem in expected}
    assert parents and {"PM601", "PM602"} <= codes  # the corpus exercises both cross-file rules
    assert list(lint_paths([], config).problems) == expected


def test_a_cold_run_builds_each_document_once(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Shared ids and sub-postmortems are judged from facts: no file is linted twice."""
    built = _count_builds(monkeypatch)
    config = dataclasses.replace(config_module.load(repo / ".pmlint.toml"), jobs=1, cache_dir=None)
    lint_paths([], config)
    fronts = _front_matters(repo)
    parents = sum(isinstance(front.get("parent"), str) for front in fronts.values())
    shared = _shared_ids(fronts)
    assert parents > 10 and shared  # the corpus has both cases
    assert sorted(built) == sorted(fronts)


def _count_builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of the documents built from now on, one entry per build."""
    from pmlint.reading import document

    build = document.build
    built: list[str] = []

    def counting(text: str, path: str, config: config_module.Config) -> document.Document:
        built.append(path)
        return build(text, path, config)

    monkeypatch.setattr(document, "build", counting)
    return built


@pytest.mark.parametrize("cache", [False, True], ids=["no cache", "cold cache"])
def test_a_cold_run_reads_each_file_once(
    repo: Path, monkeypatch: pytest.MonkeyPatch, cache: bool
) -> None:
    """With nothing known, the lint's own read is the only one (no survey before it)."""
    from pmlint.reading.source import read_file as read
    from pmlint.running import repository

    paths: list[str] = []

    def counting(path: str, max_size: int) -> tuple[bytes, os.stat_result]:
        paths.append(os.path.normpath(path))
        return read(path, max_size)

    monkeypatch.setattr(repository, "read_file", counting)
    report(repo, cache=cache)
    assert len(paths) == len(set(paths)) == COUNT


def _front_matters(repo: Path) -> dict[str, dict[str, object]]:
    """Each postmortem's front-matter (empty where it cannot be read), by path."""
    from pmlint.reading import document, frontmatter

    fronts = {}
    for path in repo.rglob("*.md"):
        lines = document.split_lines(path.read_text(encoding="utf-8"))
        fronts[str(path.relative_to(repo))] = frontmatter.read(lines).data or {}
    return fronts


def _shared_ids(fronts: dict[str, dict[str, object]]) -> set[str]:
    """The files whose id another file also declares: those are linted (and read) again."""
    owners: dict[object, list[str]] = {}
    for path, front in fronts.items():
        owners.setdefault(front.get("id"), []).append(path)
    return {path for key, found in owners.items() if key and len(found) > 1 for path in found}


def _cache_files(repo: Path) -> dict[str, bytes]:
    folder = repo / ".pmlint_cache"
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def _edit(repo: Path, named: str, line: str) -> None:
    """Change a file the way an author does, with a stat old enough to be remembered."""
    path = repo / named
    path.write_text(path.read_text(encoding="utf-8") + line, encoding="utf-8")
    os.utime(path, ns=(OLD, OLD + len(line)))


def test_a_one_file_run_appends_to_the_journals(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A commit hook in a large repository writes a few lines, not the whole cache again,
    and the next run reads them back: it lints nothing."""
    named = "postmortems/2024/inc-2024-00040.md"
    report(repo)
    before = _cache_files(repo)
    assert set(before) == {".gitignore", "files.json", "results.json"}
    _edit(repo, named, "\nOne more line.\n")
    edited = report(repo, named)
    after = _cache_files(repo)
    assert {name: after[name] for name in before} == before  # the files are not rewritten
    for name in ("files.json.log", "results.json.log"):
        lines = after[name].decode("ascii").split("\n")
        assert lines[0] == "" and all(json.loads(line.split(" ", 1)[1]) for line in lines[1:])
    expected = (report(repo, named, cache=False), report(repo, cache=False))
    assert edited == expected[0]
    built = _count_builds(monkeypatch)
    assert (report(repo, named), report(repo)) == expected
    assert built == []  # both answered from the files and their journals


def test_a_journal_is_folded_once_it_outgrows_its_share(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pmlint.running import cache

    report(repo)
    monkeypatch.setattr(cache, "FOLD_AT", 0.0)
    _edit(repo, "postmortems/2024/inc-2024-00040.md", "\nOne more line.\n")
    reference = report(repo, cache=False)
    assert report(repo) == reference
    assert set(_cache_files(repo)) == {".gitignore", "files.json", "results.json"}
    assert report(repo) == reference


def test_journal_lines_that_are_torn_or_of_another_key_are_skipped(repo: Path) -> None:
    """A run killed while appending leaves half a line; another pmlint leaves other keys."""
    reference = report(repo, cache=False)
    report(repo)
    folder = repo / ".pmlint_cache"
    results = json.loads((folder / "results.json").read_bytes().partition(b"\n")[2])
    files = json.loads((folder / "files.json").read_bytes().partition(b"\n")[2])
    poisoned = [[1, 1, "PM003", "schema-violation", "error", "poisoned", "", ""]]
    torn = json.dumps([results["run"], ["result", "x"], poisoned])[:-9]
    garbage = "\n" + "\n".join([torn, "\x00{", "[1, 2]", '"text"'])
    journals = {
        "results.json.log": [
            ["another run", ["result", k], [poisoned, v[1]]] for k, v in results["entries"].items()
        ],
        "files.json.log": [["another code", ["facts", k], ["INC-1", None]] for k in files["facts"]],
    }
    key = cache_auth.user_key() or b""
    for name, lines in journals.items():
        signed = [
            f"{cache_auth.sign(key, name, json.dumps(x).encode())} {json.dumps(x)}" for x in lines
        ]
        text = "".join("\n" + line for line in signed) + garbage
        (folder / name).write_text(text, encoding="utf-8")
    assert report(repo) == reference
    assert report(repo) == reference


def test_a_file_name_that_is_not_utf8_is_cached(tmp_path: Path) -> None:
    """Linux allows any bytes in a name; Python gives them as lone surrogates."""
    name = os.fsdecode(b"inc-\xfe.md")
    try:
        (tmp_path / name).write_text("---\nid: INC-1\n---\n", encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    os.utime(tmp_path / name, ns=(OLD, OLD))
    config = dataclasses.replace(config_module.load(start=tmp_path), jobs=1)
    first = as_json(lint_paths([str(tmp_path)], config))
    assert '"missing-field"' in first  # the file was linted, and its problems cached
    assert (tmp_path / ".pmlint_cache" / "files.json").read_bytes().isascii()
    assert as_json(lint_paths([str(tmp_path)], config)) == first
