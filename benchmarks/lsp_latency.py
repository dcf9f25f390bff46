"""How soon ``pmlint lsp`` answers an edit, measured by a real LSP client over stdio.

A repository of ``--count`` generated postmortems (benchmarks/generate_corpus.py)
plus one of about 20 KB open in the "editor"; ``--edits`` edits, each sent as an
editor sends it (``didChange`` with the new text) after the previous diagnostics
arrived. The latency of an edit is from sending it to receiving the
``publishDiagnostics`` of that version, so it includes the server's 50 ms
debounce. Reported: median, p95 and max, and the server's resident memory
(current and peak, from /proc).

    python benchmarks/lsp_latency.py --count 1000 --edits 50
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_corpus import generate, postmortem


def big_postmortem(size: int = 20_000) -> str:
    """A realistic postmortem grown to ``size`` bytes: a long timeline and many follow-ups."""
    _, text = postmortem(0, 7)
    timeline = [line for line in text.split("\n") if line.startswith("- ") and ":" in line[:8]]
    rows = [line for line in text.split("\n") if line.startswith("| ") and "---" not in line]
    extra_rows, extra_events = rows[1:] or rows, timeline or ["- 18:00 An event."]
    while len(text.encode()) < size:
        text = text.replace("\n## Cause", "\n" + extra_events[0] + " (again)\n\n## Cause", 1)
        if extra_rows:
            anchor = extra_rows[-1]
            text = text.replace(anchor, anchor + "\n" + extra_rows[0], 1)
    return text


def memory(pid: int) -> tuple[float, float]:
    """(resident, peak resident) in MB, from /proc (0 where /proc is absent)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0, 0.0
    values = {
        line.split(":")[0]: int(line.split()[1]) / 1024
        for line in status.splitlines()
        if line.startswith(("VmRSS", "VmHWM"))
    }
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


async def measure(repo: Path, document: Path, edits: int) -> tuple[list[float], float, int]:
    client = LanguageClient("pmlint-benchmark", "1")
    arrived: dict[int, float] = {}
    event = asyncio.Event()

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
        if params.version is not None:
            arrived[params.version] = time.perf_counter()
            event.set()

    await client.start_io(sys.executable, "-m", "pmlint", "lsp", cwd=str(repo))
    pid = client._server.pid  # type: ignore[union-attr]  # the subprocess pygls started
    await client.initialize_async(
        lsp.InitializeParams(capabilities=lsp.ClientCapabilities(), root_uri=repo.as_uri())
    )
    client.initialized(lsp.InitializedParams())
    uri, text = document.as_uri(), document.read_text()
    started = time.perf_counter()
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "markdown", 1, text))
    )
    await wait_for(arrived, event, 1)
    first = arrived[1] - started
    latencies = []
    typed = text.replace("## Summary\n\n", "## Summary\n\nx", 1)  # a character typed, then undone
    for version in range(2, edits + 2):
        sent = time.perf_counter()
        client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                lsp.VersionedTextDocumentIdentifier(version=version, uri=uri),
                [lsp.TextDocumentContentChangeWholeDocument(text=typed if version % 2 else text)],
            )
        )
        await wait_for(arrived, event, version)
        latencies.append(arrived[version] - sent)
    resident, peak = memory(pid)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    print(f"first diagnostics after open: {first * 1000:.0f} ms")
    return latencies, max(resident, peak), pid


async def wait_for(arrived: dict[int, float], event: asyncio.Event, version: int) -> None:
    while version not in arrived:
        event.clear()
        await asyncio.wait_for(event.wait(), timeout=60)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="postmortems in the repository")
    parser.add_argument("--edits", type=int, default=50)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        repo = Path(folder)
        generate(repo / "postmortems", args.count, defect_rate=0.2)
        (repo / ".pmlint.toml").write_text('paths = ["postmortems"]\n')
        document = repo / "postmortems" / "big.md"
        document.write_text(big_postmortem())
        size = document.stat().st_size
        latencies, peak, _ = asyncio.run(measure(repo, document, args.edits))
    ordered = sorted(latencies)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    print(f"repository: {args.count} postmortems + one of {size:,} bytes; {args.edits} edits")
    print(
        f"diagnostics latency: median {statistics.median(ordered) * 1000:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms, max {ordered[-1] * 1000:.0f} ms (debounce 50 ms included)"
    )
    print(f"server memory: peak resident {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
