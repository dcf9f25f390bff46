"""Time pmlint against its peers on the same generated corpus, as whole processes.

For each corpus size it measures, as the median wall time of several runs:

- the floor: a Python process that reads and hashes every file;
- pmlint cold (no cache on disk), pmlint cached (nothing changed since the last run),
  and pmlint cold with one worker;
- markdownlint-cli2 on the same Markdown files (style only, no schema);
- check-jsonschema on the front-matter of the same files, extracted as .yaml files;

and, on the largest corpus, the pre-commit case: one file named on the command line in
a repository whose configured paths hold every postmortem (so cross-file rules see them
all), with no cache, with a warm cache, and with a warm cache and the file just edited
(what a commit hook sees), and with ``--staged`` as under pre-commit (the other files'
ids from Git's index: the corpus is made a Git repository with every file staged), beside
its floor, a Python process that stats every file and reads and hashes the named one, and
check-jsonschema on the named file's front-matter, in the same rounds. Runs of the
tools compared are interleaved round by round, so a busy spell on a shared machine slows
them alike; runs of a second or less are repeated
``--short-runs`` times, since they vary most. It prints medians, ratios against the
peers and the floor (with the range of the ratios round by round), and the peak RSS of
each kind of run.

    python benchmarks/run.py --quick           # 1 and 1,000 files, 3 runs: while iterating
    python benchmarks/run.py                   # 1, 1,000 and 10,000 files (several minutes)

markdownlint-cli2 is installed with npm into benchmarks/.tools and check-jsonschema with
pip into the running interpreter's environment when they are missing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import generate_corpus
import targets

HERE = Path(__file__).resolve().parent
TOOLS = HERE / ".tools"
MARKDOWNLINT = "markdownlint-cli2@0.22.1"
CHECK_JSONSCHEMA = "check-jsonschema==0.39.0"
#: Children run as a user's shell would: Python may cache compiled modules (.pyc).
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
FLOOR = """
import hashlib, os, sys
total = 0
for root, dirs, files in os.walk(sys.argv[1]):
    dirs.sort()
    for name in sorted(files):
        if name.endswith(".md"):
            with open(os.path.join(root, name), "rb") as handle:
                total ^= int.from_bytes(hashlib.blake2b(handle.read()).digest()[:8], "big")
print(total)
"""
#: The configuration an older pmlint (--baseline) gets in the pre-commit case.
BASELINE_CONFIG = ".pmlint-baseline.toml"
#: The configuration of the pre-commit case under Git's index (--staged).
STAGED_CONFIG = ".pmlint-staged.toml"
#: The same for the older pmlint (--baseline-staged).
BASELINE_STAGED_CONFIG = ".pmlint-baseline-staged.toml"
#: The least a correct one-file run with cross-file rules does: start Python, stat every
#: configured file (has any other changed since its id was read?), read and hash the named one.
PRE_COMMIT_FLOOR = """
import hashlib, os, sys
stats = 0
for root, dirs, files in os.walk(sys.argv[1]):
    for name in files:
        if name.endswith(".md"):
            stats ^= os.stat(os.path.join(root, name)).st_mtime_ns
with open(sys.argv[2], "rb") as handle:
    print(stats, hashlib.blake2b(handle.read()).hexdigest())
"""


@dataclass
class Timing:
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system, workers included
    peak_rss_kib: int = 0

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def timed(
    command: list[str], cwd: Path, before: list[str] | None = None
) -> tuple[float, float, int]:
    """Wall time, CPU time and peak RSS (KiB) of one process; ``before`` is removed first.

    CPU time counts the process and the workers it waited for; on a shared, busy
    machine it moves less than wall time.
    """
    for name in before or ():
        shutil.rmtree(cwd / name, ignore_errors=True)
    with tempfile.TemporaryFile("w+") as errors:  # a pipe would fill up and block the tool
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=errors
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in (0, 1):
            errors.seek(0)
            raise SystemExit(
                f"{' '.join(command[:3])}... exited {process.returncode}:\n{errors.read()}"
            )
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


@dataclass
class Job:
    """One kind of run: its command, what to delete or edit before each run, how often."""

    command: list[str]
    runs: int
    before: list[str] | None = None  # folders removed before each run (the cache: cold)
    warm: bool = False  # one untimed run first (to fill the cache, or the page cache)
    edit: Path | None = None  # a file given a new last line before each run (a commit's change)


def measure_together(jobs: dict[str, Job], cwd: Path) -> dict[str, Timing]:
    """Time every job, round by round, so a busy spell on the machine hits them all alike.

    A job with fewer runs (a slow peer) takes part in the first rounds only.
    """
    timings = {name: Timing() for name in jobs}
    originals = {job.edit: job.edit.read_bytes() for job in jobs.values() if job.edit}
    # New to every cache, this invocation's earlier ones included: a cache that outlives
    # the run (the staged case's) would otherwise know the edited content already.
    stamp = time.time_ns()
    try:
        for job in jobs.values():
            if job.warm:
                timed(job.command, cwd, job.before)
        for round_number in range(max(job.runs for job in jobs.values())):
            for name, job in jobs.items():
                if round_number >= job.runs:
                    continue
                if job.edit is not None:
                    job.edit.write_bytes(
                        originals[job.edit] + f"\n<!-- edit {round_number} {stamp} -->\n".encode()
                    )
                seconds, cpu, rss = timed(job.command, cwd, job.before)
                timings[name].seconds.append(seconds)
                timings[name].cpu.append(cpu)
                timings[name].peak_rss_kib = max(timings[name].peak_rss_kib, rss)
    finally:
        for path, data in originals.items():
            path.write_bytes(data)
    return timings


def ensure_markdownlint() -> str:
    found = shutil.which("markdownlint-cli2") or TOOLS / "node_modules/.bin/markdownlint-cli2"
    if not Path(found).exists():
        print(f"installing {MARKDOWNLINT} into {TOOLS}", file=sys.stderr)
        npm = ["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(TOOLS)]
        subprocess.run([*npm, MARKDOWNLINT], check=True)
    return str(found)


def ensure_check_jsonschema() -> str:
    beside = Path(sys.executable).parent / "check-jsonschema"
    found = shutil.which("check-jsonschema") or (str(beside) if beside.exists() else None)
    if found is None:
        print(f"installing {CHECK_JSONSCHEMA}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", CHECK_JSONSCHEMA], check=True)
        found = str(beside)
    return found


def corpus(work: Path, count: int, defect_rate: float) -> Path:
    """A repository of ``count`` postmortems with pmlint configured to see them all."""
    repo = work / f"repo-{count}-{defect_rate}"
    marker = repo / ".complete"
    if not marker.exists():
        shutil.rmtree(repo, ignore_errors=True)
        generate_corpus.generate(repo / "postmortems", count, defect_rate)
        (repo / ".pmlint.toml").write_text('paths = ["postmortems"]\n', encoding="utf-8")
        _extract_front_matter(repo)
        marker.touch()
    return repo


def _extract_front_matter(repo: Path) -> None:
    """What check-jsonschema gets: each file's front-matter as a .yaml file."""
    for path in sorted((repo / "postmortems").rglob("*.md")):
        lines = path.read_text(encoding="utf-8").split("\n")
        end = lines.index("---", 1)
        target = repo / "front-matter" / path.relative_to(repo / "postmortems")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.with_suffix(".yaml").write_text("\n".join(lines[1:end]) + "\n", encoding="utf-8")
    schema = json.loads((HERE.parent / "schemas" / "postmortem.schema.json").read_text())
    front = dict(schema["properties"]["front_matter"])
    front["$schema"] = schema["$schema"]
    front["$defs"] = schema["$defs"]
    (repo / "front-matter.schema.json").write_text(json.dumps(front), encoding="utf-8")


def pmlint_command(args: argparse.Namespace) -> list[str]:
    if args.pmlint:
        return args.pmlint.split()
    return [str(Path(sys.executable).parent / "pmlint")]


def bench_size(args: argparse.Namespace, count: int, tools: dict[str, str]) -> dict[str, Timing]:
    repo = corpus(args.work, count, args.defect_rate)
    pmlint = [*pmlint_command(args), "-f", "json"]
    files = [str(p.relative_to(repo)) for p in sorted((repo / "postmortems").rglob("*.md"))]
    yamls = [str(p.relative_to(repo)) for p in sorted((repo / "front-matter").rglob("*.yaml"))]
    # Runs of a second or less are cheap, and the ones that vary most here: more of them.
    short = max(args.runs, args.short_runs)
    runs = short if count == 1 else args.runs
    peer_runs = args.peer_runs if count >= 10_000 else runs
    cache = [".pmlint_cache"]
    jobs: dict[str, Job] = {
        "floor: read+hash": Job([sys.executable, "-c", FLOOR, "postmortems"], runs, warm=True),
        "pmlint cold": Job([*pmlint, "postmortems"], runs, before=cache),
        "pmlint cached": Job([*pmlint, "postmortems"], runs, warm=True),
    }
    if args.baseline and count <= args.baseline_max:
        jobs["baseline pmlint (before)"] = Job(
            [*args.baseline.split(), "-f", "json", "postmortems"], peer_runs, before=cache
        )
        # Its own cache folder: each pmlint's code keys its cache, so a shared
        # folder would be found stale by whichever ran last.
        (repo / BASELINE_CONFIG).write_text(
            'paths = ["postmortems"]\ncache_dir = ".pmlint_cache_baseline"\n', encoding="utf-8"
        )
        jobs["baseline pmlint cached (before)"] = Job(
            [*args.baseline.split(), "-f", "json", "--config", BASELINE_CONFIG, "postmortems"],
            peer_runs,
            warm=True,
        )
    if args.jobs_one:
        jobs["pmlint cold --jobs 1"] = Job(
            [*pmlint, "--jobs", "1", "postmortems"], runs, before=cache
        )
    if "markdownlint" in tools:
        jobs["markdownlint-cli2"] = Job([tools["markdownlint"], "postmortems/**/*.md"], peer_runs)
    if "check-jsonschema" in tools:
        jobs["check-jsonschema"] = Job(
            [tools["check-jsonschema"], "--schemafile", "front-matter.schema.json", *yamls],
            peer_runs,
        )
    print(f"\n{count:,} files ({runs} runs, peers {peer_runs})", file=sys.stderr)
    results = {} if args.pre_commit_only else measure_together(jobs, repo)
    if count == max(args.sizes) and count > 1:
        one = files[len(files) // 2]
        pre_commit = {
            "pre-commit floor: walk+stat": Job(
                [sys.executable, "-c", PRE_COMMIT_FLOOR, "postmortems", one], short
            ),
            "pre-commit: 1 file, cold": Job([*pmlint, one], runs, before=cache),
            "pre-commit: 1 file, cached": Job([*pmlint, one], short, warm=True),
            "pre-commit: 1 changed file, warm": Job(
                [*pmlint, one], short, warm=True, edit=repo / one
            ),
        }
        if staged_index(repo):
            # Its own cache folder, which the cold runs do not remove: it holds the ids of
            # the staged blobs, as a hook's cache does after its first commit.
            (repo / STAGED_CONFIG).write_text(
                'paths = ["postmortems"]\ncache_dir = ".pmlint_cache_staged"\n', encoding="utf-8"
            )
            staged = [*pmlint, "--staged", "--config", STAGED_CONFIG, one]
            pre_commit["pre-commit --staged: 1 changed file, warm"] = Job(
                staged, short, warm=True, edit=repo / one
            )
        if "check-jsonschema" in tools:
            front = Path("front-matter", *Path(one).parts[1:]).with_suffix(".yaml")
            pre_commit["check-jsonschema: 1 file"] = Job(
                [tools["check-jsonschema"], "--schemafile", "front-matter.schema.json", str(front)],
                short,
            )
        if args.baseline and count <= args.baseline_max:
            baseline = [*args.baseline.split(), "-f", "json", "--config", BASELINE_CONFIG, one]
            pre_commit["baseline pre-commit: 1 changed file"] = Job(
                baseline, short, warm=True, edit=repo / one
            )
            if args.baseline_staged and staged_index(repo):
                (repo / BASELINE_STAGED_CONFIG).write_text(
                    'paths = ["postmortems"]\ncache_dir = ".pmlint_cache_baseline_staged"\n',
                    encoding="utf-8",
                )
                command = [*baseline[:-2], BASELINE_STAGED_CONFIG, "--staged", one]
                pre_commit["baseline pre-commit --staged: 1 changed file"] = Job(
                    command, short, warm=True, edit=repo / one
                )
        results.update(measure_together(pre_commit, repo))
    for name, timing in results.items():
        print(f"  {name:<28} {timing.median:8.3f} s  cpu {timing.median_cpu:8.3f} s"
              f"  {timing.peak_rss_kib / 1024:6.1f} MiB", file=sys.stderr)  # fmt: skip
    return results


def staged_index(repo: Path) -> bool:
    """Make the corpus a Git repository with every postmortem staged, once; False without git.

    ``pmlint --staged`` (what pre-commit runs) reads the other files' ids from the index.
    """
    if shutil.which("git") is None:
        return False
    if not (repo / ".git").is_dir():
        git = ["git", "-c", "core.fsmonitor=false"]
        subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
        subprocess.run([*git, "add", "postmortems", ".pmlint.toml"], cwd=repo, check=True)
    return True


def ratio(results: dict[str, Timing], top: str, bottom: str) -> str:
    """The ratio of the medians, and the range of the ratios round by round.

    Two jobs of one ``measure_together`` ran side by side in each round, so a
    round's ratio compares them at the same moment of a noisy machine: the range
    shows how far one invocation's ratio can be trusted.
    """
    if top not in results or bottom not in results:
        return "-"
    text = f"{results[top].median / results[bottom].median:.3f}x"
    # A job with fewer runs took part in the first rounds only: those are the pairs.
    pairs = zip(results[top].seconds, results[bottom].seconds, strict=False)
    rounds = [a / b for a, b in pairs]
    if len(rounds) > 1:
        text += f" ({min(rounds):.2f}-{max(rounds):.2f})"
    return text


def report(all_results: dict[int, dict[str, Timing]], one_file_peer: dict[str, Timing]) -> str:
    sizes = sorted(all_results)
    names = list(dict.fromkeys(name for r in all_results.values() for name in r))
    out = [
        f"pmlint benchmark, {dt.date.today()}, {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "",
        "| median wall time | " + " | ".join(f"{n:,} files" for n in sizes) + " | peak RSS |",
        "|---|" + "---|" * len(sizes) + "---|",
    ]
    for name in names:
        cells = [
            f"{all_results[n][name].median:.3f} s" if name in all_results[n] else "-" for n in sizes
        ]
        rss = max(r[name].peak_rss_kib for r in all_results.values() if name in r) / 1024
        out.append(f"| {name} | " + " | ".join(cells) + f" | {rss:.0f} MiB |")
    out += [
        "",
        "| median CPU time (user + system) | " + " | ".join(f"{n:,} files" for n in sizes) + " |",
    ]
    out.append("|---|" + "---|" * len(sizes))
    for name in names:
        cells = [
            f"{all_results[n][name].median_cpu:.3f} s" if name in all_results[n] else "-"
            for n in sizes
        ]
        out.append(f"| {name} | " + " | ".join(cells) + " |")
    heading = "| ratio of median wall times (range round by round) | "
    out += ["", heading + " | ".join(f"{n:,} files" for n in sizes) + " |"]
    out.append("|---|" + "---|" * len(sizes))
    for top, bottom in (
        ("pmlint cold", "markdownlint-cli2"),
        ("pmlint cold", "check-jsonschema"),
        ("pmlint cached", "floor: read+hash"),
        ("pmlint cold", "pmlint cold --jobs 1"),
        ("pmlint cold", "baseline pmlint (before)"),
        ("pmlint cached", "baseline pmlint cached (before)"),
        ("pre-commit: 1 changed file, warm", "baseline pre-commit: 1 changed file"),
        ("pre-commit: 1 changed file, warm", "pre-commit floor: walk+stat"),
        ("pre-commit: 1 changed file, warm", "check-jsonschema: 1 file"),
        ("pre-commit --staged: 1 changed file, warm", "check-jsonschema: 1 file"),
        ("pre-commit --staged: 1 changed file, warm", "pre-commit floor: walk+stat"),
        (
            "pre-commit --staged: 1 changed file, warm",
            "baseline pre-commit --staged: 1 changed file",
        ),
    ):
        cells = [ratio(all_results[n], top, bottom) for n in sizes]
        out.append(f"| {top} / {bottom} | " + " | ".join(cells) + " |")
    largest = all_results[sizes[-1]]
    if "check-jsonschema" in one_file_peer:
        for name in (
            "pre-commit floor: walk+stat",
            "pre-commit: 1 file, cold",
            "pre-commit: 1 file, cached",
            "pre-commit: 1 changed file, warm",
            "pre-commit --staged: 1 changed file, warm",
            "baseline pre-commit: 1 changed file",
            "baseline pre-commit --staged: 1 changed file",
        ):
            if name in largest:
                value = largest[name].median / one_file_peer["check-jsonschema"].median
                out.append(f"| {name} / check-jsonschema on 1 file | {value:.3f}x |")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,1000,10000", help="corpus sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement")
    parser.add_argument("--peer-runs", type=int, default=3, help="runs of peers on 10,000+ files")
    parser.add_argument(
        "--short-runs", type=int, default=15, help="runs of the 1-file and pre-commit cases"
    )
    parser.add_argument("--quick", action="store_true", help="sizes 1,1000 and 3 runs")
    parser.add_argument("--no-peers", action="store_true", help="time pmlint and the floor only")
    parser.add_argument(
        "--pre-commit-only",
        action="store_true",
        help="time only the pre-commit case on the largest size (check-jsonschema on one "
        "file beside it, unless --no-peers)",
    )
    parser.add_argument("--jobs-one", action="store_true", help="also time pmlint --jobs 1")
    parser.add_argument("--defect-rate", type=float, default=0.05)
    parser.add_argument("--pmlint", help="command to run instead of this environment's pmlint")
    parser.add_argument(
        "--baseline", help="another pmlint command (an older one) to time cold and pre-commit"
    )
    parser.add_argument("--baseline-max", type=int, default=1000, help="largest size for it")
    parser.add_argument(
        "--baseline-staged",
        action="store_true",
        help="also time the baseline in the pre-commit case with --staged (it must know it)",
    )
    parser.add_argument("--work", type=Path, default=HERE / ".work", help="corpus folder")
    parser.add_argument("--json", type=Path, help="also write the medians here")
    parser.add_argument(
        "--targets", action="store_true", help="also time the cold CPU a file and worst inputs"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.runs = "1,1000", 3
    args.sizes = [int(size) for size in args.sizes.split(",")]
    tools: dict[str, str] = {}
    if not args.no_peers:
        if not args.pre_commit_only:
            tools["markdownlint"] = ensure_markdownlint()
        tools["check-jsonschema"] = ensure_check_jsonschema()
    if args.pre_commit_only:
        args.sizes = [max(args.sizes)]
    results = {count: bench_size(args, count, tools) for count in args.sizes}
    one_file_peer = results.get(1) or (
        bench_size(args, 1, tools) if tools and not args.pre_commit_only else {}
    )
    text = report(results, one_file_peer)
    largest = max(args.sizes)
    rows = targets.run_rows(results[largest], largest)
    repo = corpus(args.work, largest, args.defect_rate)
    if not args.pre_commit_only:
        rows.append(targets.identical_reports(pmlint_command(args), repo))
    if args.targets:
        rows += targets.cold_cpu_row(1000, args.runs) + targets.worst_input_rows(args.runs)
    print(text + "\n" + targets.table(rows))
    if args.json:
        payload = {
            str(n): {k: {"median": t.median, "runs": t.seconds, "cpu": t.cpu,
                         "peak_rss_kib": t.peak_rss_kib} for k, t in r.items()}
            for n, r in results.items()
        }  # fmt: skip
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
