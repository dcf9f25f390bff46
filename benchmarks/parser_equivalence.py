"""Check that pulldown-cmark and markdown-it-py give every body alike.

``pmlint/reading/body/pulldown.py`` reads a body from pulldown-cmark's events (pyromark), and
sends the few texts holding a construct the two parsers read differently to
markdown-it-py (``markdownit.differs``, ``pulldown.Differs``). This script builds each body both
ways and compares everything a Body holds: headings, sections, text blocks,
items (cells, links, header), title and comments, with their lines. A text
pmlint reads with pulldown-cmark whose body differs from markdown-it-py's is
printed and makes the exit status 1: find out which parser is right (CommonMark
0.31, GFM), then route the construct in ``markdownit.differs`` or fix ``pulldown``.

    python benchmarks/parser_equivalence.py fixtures tests/data ../shared/corpus/real-world
    python benchmarks/generate_corpus.py --count 2000 --defect-rate 0.2 /tmp/pm2k
    python benchmarks/parser_equivalence.py /tmp/pm2k --generated 5000 --postmortems 2000

Each file is checked as the linter parses it (the body after the front-matter)
and as a whole; each text also under a ``## Summary`` heading, so that text
before any heading is compared too. ``--generated N`` adds N documents drawn by
hypothesis from fragments that stress the parsers (setext headings, nested lists
and quotes, ragged tables, escaped pipes, fences, comments, entities, links of
every kind, tabs, non-ASCII); ``--postmortems N`` adds N postmortems from
tests/test_fuzz.py. The summary counts how many texts were sent to markdown-it-py
and, of those, how many the two parsers really read differently.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from pmlint.reading import body, frontmatter
from pmlint.reading.document import split_lines

ROOT = Path(__file__).resolve().parent.parent
ALIASES = {"what went wrong": "cause"}


def plain(parsed: body.Body) -> tuple[Any, ...]:
    """Everything a Body holds, as plain tuples (sections' blocks and items included)."""
    sections = [
        (
            tuple(section.heading),
            [tuple(block) for block in section.blocks],
            [tuple(item) for item in section.items],
        )
        for section in parsed.sections
    ]
    headings = [tuple(heading) for heading in parsed.headings]
    return headings, sections, parsed.title, parsed.comments


def readings(text: str, first_line: int = 1) -> tuple[Any, Any | None]:
    """markdown-it-py's body of ``text``, and pulldown-cmark's (None if pmlint routes it)."""
    text = body.normalise(text)
    old = plain(body.markdownit.read(text, first_line, ALIASES))
    if body.markdownit.differs(text):
        return old, None
    return old, _pulldown(text, first_line)


def _pulldown(text: str, first_line: int) -> Any:
    """pulldown-cmark's body, or None where its reader hands the text to markdown-it-py."""
    try:
        return plain(body.pulldown.read(body.normalise(text), first_line, ALIASES))
    except body.pulldown.Differs:
        return None


def check(text: str, first_line: int = 1) -> tuple[str, tuple[Any, Any] | None]:
    """The outcome for ``text``, and both bodies when pmlint would read it wrongly.

    The text is also read under a section heading, so that what comes before any
    heading (which a Body does not keep) is compared too.
    """
    for variant in (text, f"## Summary\n\n{text}"):
        old, new = readings(variant, first_line)
        if new is None:
            anyway = _pulldown(variant, first_line)
            return f"sent to markdown-it-py, {'same' if anyway == old else 'differs'}", None
        if old != new:
            return "DIFFERENT", (old, new)
    return "identical", None


def variants(path: Path) -> list[tuple[str, int]]:
    text = path.read_bytes().decode("utf-8")
    lines = split_lines(text)
    front = frontmatter.read(lines)
    return [("\n".join(lines[front.body_start :]), front.body_start + 1), (text, 1)]


FRAGMENTS = [
    *("plain", "word", "*em*", "**strong**", "_u_", "***x***", "`code`", "``a ` b``", "` `"),
    *("`<!-- x -->`", "<!-- c -->", "<!-- pmlint-disable PM101 -->", "<!-- a -- b -->"),
    *("<!-- multi\nline -->", "<!--", "-->", "<!-->", "<!--->", "<hint>", "<b>bold</b>"),
    *("</div>", "<?php x ?>", "<![CDATA[x]]>", "<!DOCTYPE x>"),
    *("&amp;", "&#x27;", "&nbsp;", "&bogus;", "&#0;", "\\*", "\\|", "\\\\", "\\", "|", "||"),
    *("[link](http://x.y/ü)", "[ref]", "[a [b] c](u)", '[a](<b c> "t")', "[", "]", "[]"),
    *("![alt *t*](i.png)", "![a\n  b](x)", "[![img](i)](l)", "<http://a.b/c%20d>", "![](e)"),
    *("![a [b](c) `]`](d)", "![x][ref]", "[x][ref]", "[ref][]", "[u](http://bücher.de/a b)"),
    *("<http://xn--bcher-kva.de/>", "[v6](http://[::1]:80/p)", "[m](mailto:a@b@c)", "<a@b.c>"),
    *("[j](javascript:alert(1))", "[i](#anchor)"),
    *("[e](<>)", "[s](/a%20b?c=d&e#f)", "[q](u 'title')", "[p](u (t))"),
    *("<me@x.org>", "ü", "😀", "日本", "a\tb", "  ", "x  \ny", "x\\\ny", "TBD", "*", "`", "~~s~~"),
    *("a\r\nb", "a\rb", "\x00", "\u2028", "\x7f", "\ufeff"),
]


def generated(count: int) -> list[str]:
    """``count`` Markdown documents drawn by hypothesis (same seed, same documents)."""
    from hypothesis import strategies as st

    inline = st.lists(st.sampled_from(FRAGMENTS), max_size=6).map(" ".join)
    headings = st.sampled_from(
        ["Summary", "Impact", "Root cause", "Follow-up actions", "Lessons learned", "Résumé"]
    )
    title = st.one_of(headings, inline)
    marker = st.sampled_from(["-", "*", "+", "1.", "2)"])
    indent = st.sampled_from(["", "  ", "   ", "    ", "\t", " \t"])
    delimiter = st.sampled_from(
        ["|---|---|", "| --- | :-: | --: |", "|---|", "---|---", "--", "| - |", "|:-:|"]
    )
    cell = st.one_of(inline, st.sampled_from(["", " ", "`a|b`", "a \\| b", "[t](http://t/1)"]))
    row_text = st.lists(cell, max_size=5).map(
        lambda cells: "| " + " | ".join(cells) + " |"
    ) | st.lists(cell, min_size=1, max_size=3).map(" | ".join)
    table = st.builds(
        lambda head, rows, rule: "\n".join([head, rule, *rows]),
        row_text,
        st.lists(row_text, max_size=4),
        delimiter,
    )
    block: Any = st.one_of(
        inline,
        st.builds(lambda level, text: "#" * level + " " + text, st.integers(1, 7), title),
        st.builds(lambda text, under: f"{text}\n{under * 3}", title, st.sampled_from("=-")),
        st.builds(
            lambda items, pad, mark: "\n".join(f"{pad}{mark} {item}" for item in items),
            st.lists(inline, min_size=1, max_size=4),
            indent,
            marker,
        ),
        st.builds(lambda lines: "\n".join("> " + line for line in lines), st.lists(inline)),
        table,
        st.builds(lambda t: "- " + t.replace("\n", "\n  "), table),
        st.builds(lambda t: "> " + t.replace("\n", "\n> "), table),
        st.builds(lambda text, fence: f"{fence}text\n{text}\n{fence}", inline, st.just("```")),
        st.just("```\n<!-- pmlint-disable -->\n# not a heading\n```"),
        st.just("- ```\n  code\n  ```\n- <div>\n  x\n\n  y\n  </div>"),
        st.builds(lambda text: "    " + text, inline),
        st.builds(lambda text: f"<div>\n{text}\n</div>", inline),
        st.builds(lambda text: f"  <!-- {text}\n\n-->", inline),
        st.builds(lambda a, b: f"- {a}\n\n  {b}\n  - nested {a}\n    1. deep", inline, inline),
        st.builds(lambda a: f"> - {a}\n>   > ## Impact\n> {a}", inline),
        st.builds(lambda a, n: "- " * n + a, inline, st.integers(1, 60)),
        st.builds(lambda a, n: ">" * n + " " + a, inline, st.integers(1, 120)),
        st.sampled_from(
            ["***", "---", "", "-", '[ref]: http://r.example "T"', "[r]: javascript:x"]
        ),
    )
    separators = st.sampled_from(["\n", "\n\n", "\r\n\r\n", "\n  \n", "", "\n\n\t"])
    documents = st.lists(st.tuples(block, separators), min_size=1, max_size=14).map(
        lambda parts: "".join(text + separator for text, separator in parts)
    )
    return _drawn(documents, count, 5)


def postmortems(count: int) -> list[str]:
    """``count`` postmortems from the fuzz test's strategy (same seed, same documents)."""
    sys.path.insert(0, str(ROOT / "tests"))
    spec = importlib.util.spec_from_file_location("fuzz_strategies", ROOT / "tests/test_fuzz.py")
    assert spec and spec.loader
    fuzz = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fuzz)
    return _drawn(fuzz.postmortem(), count, 6)


def _drawn(strategy: Any, count: int, number: int) -> list[str]:
    """``count`` examples of ``strategy``, the same ones for the same seed ``number``."""
    from hypothesis import HealthCheck, Phase, given, seed, settings

    documents: list[str] = []

    @seed(number)
    @settings(
        max_examples=count,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def draw(text: str) -> None:
        documents.append(text)

    draw()
    return documents


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders of Markdown")
    parser.add_argument("--generated", type=int, default=0, help="fragment documents to add")
    parser.add_argument("--postmortems", type=int, default=0, help="fuzz postmortems to add")
    args = parser.parse_args(argv)
    outcome: Counter[str] = Counter()
    different: list[tuple[str, tuple[Any, Any]]] = []
    texts: list[tuple[str, str, int]] = []
    for root in args.paths:
        for path in sorted([root] if root.is_file() else root.rglob("*.md")):
            try:
                texts += [(f"{path} ({n})", t, f) for n, (t, f) in enumerate(variants(path))]
            except UnicodeDecodeError:  # pmlint refuses such a file before parsing it
                outcome["files skipped: not UTF-8"] += 1
    if args.generated:
        texts += [(f"generated {n}", t, 1) for n, t in enumerate(generated(args.generated))]
    if args.postmortems:
        texts += [(f"postmortem {n}", t, 1) for n, t in enumerate(postmortems(args.postmortems))]
    for name, text, first_line in texts:
        result, bodies = check(text, first_line)
        outcome[result] += 1
        if bodies is not None:
            different.append((f"{name}: {text!r}", bodies))
    print(f"{len(texts)} texts")
    for result, count in sorted(outcome.items()):
        print(f"  {count:6d}  {result}")
    for name, (old, new) in different[:10]:
        print(f"DIFFERENT: {name}\n  markdown-it-py:  {old}\n  pulldown-cmark: {new}")
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
