"""The atheris harness under fuzz/ still runs: a short, fixed number of executions.

The long coverage-guided runs are done by hand (docs/security.md); this only
keeps the script working as pmlint changes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, require_module


def test_the_atheris_harness_runs_from_its_seeds(tmp_path: Path) -> None:
    require_module("atheris")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "fuzz" / "fuzz_lint.py"),
            str(corpus),
            str(ROOT / "fuzz" / "seeds"),
            "-runs=400",
            "-seed=1",
            "-timeout=10",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Done 400 runs" in done.stderr
    assert "seed corpus: files: 6 " in done.stderr


#: Loads the harness as atheris runs it, lints one seed (which imports whatever pmlint loads
#: lazily), then sorts every pmlint module loaded by whether its functions carry atheris's
#: branch tracing: a module imported outside the instrumented block has none. Modules whose
#: functions never branch have nothing to trace and are left out.
PROBE = """
import dis, importlib.util, inspect, json, sys
from pathlib import Path
harness, seed = Path(sys.argv[1]), Path(sys.argv[2])
sys.argv = [str(harness)]
spec = importlib.util.spec_from_file_location("fuzz_lint", harness)
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
module.lint_bytes(seed.read_bytes())

def codes(module):
    for value in vars(module).values():
        found = [value] if inspect.isfunction(value) else []
        if inspect.isclass(value):
            found = [f for f in vars(value).values() if inspect.isfunction(f)]
        for function in found:
            if function.__code__.co_filename == module.__file__:  # not dataclass-made
                yield function.__code__

def walk(code):
    yield code
    for nested in code.co_consts:
        if inspect.iscode(nested):
            yield from walk(nested)

def branches(code):
    return any("JUMP_IF" in i.opname or i.opname == "FOR_ITER" for i in dis.get_instructions(code))

seen = {"instrumented": [], "blind": []}
for name, loaded in sorted(sys.modules.items()):
    found = [c for top in codes(loaded) for c in walk(top)] if name.startswith("pmlint") else []
    if any(branches(code) for code in found):
        traced = any("_trace_branch" in code.co_names for code in found)
        seen["instrumented" if traced else "blind"].append(name)
print(json.dumps(seen))
"""


def test_the_harness_instruments_the_reader_the_rules_and_the_schema() -> None:
    """Modules imported after ``instrument_imports`` are blind to the fuzzer (129 edges)."""
    require_module("atheris")
    seed = ROOT / "fixtures" / "good" / "worked-example.md"
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(ROOT / "fuzz" / "fuzz_lint.py"), str(seed)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout)
    assert seen["blind"] == []
    rules = {path.stem for path in (ROOT / "pmlint" / "checking" / "rules").glob("[!_]*.py")}
    expected = {
        "pmlint.reading.body.pulldown",
        "pmlint.reading.frontmatter",
        "pmlint.reading.directives",
        "pmlint.reading.document",
        "pmlint.checking.schema",
        "pmlint.checking.quickschema",
        "pmlint.checking.lint",
        "pmlint.checking.facts",
        "pmlint.formats",
        *(f"pmlint.checking.rules.{name}" for name in rules),
    }
    assert expected <= set(seen["instrumented"])
