"""pulldown-cmark (pmlint's fast path) gives every body exactly as markdown-it-py does.

The full check is ``benchmarks/parser_equivalence.py`` on thousands of files and
generated documents (docs/performance.md); this keeps a bounded share of it in CI,
plus one example of each construct the two parsers read differently, which must
go to markdown-it-py.
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter

import pytest
from conftest import CORPUS, FIXTURES, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from pmlint.reading import body
from pmlint.reading.body import Heading, Item, TextBlock, links, markdownit

spec = importlib.util.spec_from_file_location(
    "parser_equivalence", ROOT / "benchmarks" / "parser_equivalence.py"
)
assert spec and spec.loader
equivalence = importlib.util.module_from_spec(spec)
sys.modules["parser_equivalence"] = equivalence
spec.loader.exec_module(equivalence)


def test_files_and_generated_markdown_read_alike() -> None:
    paths = sorted(FIXTURES.rglob("*.md")) + sorted(CORPUS.glob("*.md"))
    texts = [
        variant
        for path in paths
        if _utf8(path.read_bytes())
        for variant in equivalence.variants(path)
    ]
    texts += [(text, 1) for text in equivalence.generated(150)]
    outcome: Counter[str] = Counter()
    different = []
    for text, first_line in texts:
        result, bodies = equivalence.check(text, first_line)
        outcome[result] += 1
        if bodies is not None:
            different.append((text, bodies))
    assert different == []
    # Most texts must really go through pulldown-cmark, or this proves nothing.
    assert outcome["identical"] > len(texts) // 2, outcome


@pytest.mark.parametrize(
    "text",
    [
        "[x](javascript:alert(1))\n",  # markdown-it-py refuses the link (not CommonMark)
        "x\t\ny\n",  # markdown-it-py keeps a tab before a line break
        "a\xa0\n",  # markdown-it-py strips U+00A0 from a paragraph's ends
        "| a |\n---\n",  # a setext heading to pulldown-cmark and cmark-gfm
        "x\ny |\n| - |\n",  # a table interrupting a paragraph, to markdown-it-py
        "a \\| b\n|---|\n",  # a table to markdown-it-py
        "- | a |\n  |---|---|\n",  # a table (marker as a cell) to markdown-it-py
        "| a |\n|---|\n|\n| b |\n",  # a lone pipe ends the table for pulldown-cmark
        "> a <!-- x\n> y -->\n",  # pulldown-cmark keeps the quote marker in the comment
        "- ![a\n  b](x)\n",  # pmlint reads alt text from the source, markers and all
        "  1. a\n      * b\n    * c\n",  # a lazy line to cmark, a code block to markdown-it-py
        "- " * 60 + "x\n",  # markdown-it-py stops reading 100 blocks deep
    ],
)
def test_what_the_parsers_read_differently_goes_to_markdown_it_py(text: str) -> None:
    for variant in (text, f"## Summary\n\n{text}"):
        old, new = equivalence.readings(variant)
        assert new is None
        assert equivalence.plain(body.parse(variant, 1, equivalence.ALIASES)) == old


def test_a_body_read_with_pulldown_cmark() -> None:
    text = (
        "# Title <!-- a -->\n"
        "\n"
        "## Follow-up actions\n"
        "\n"
        "Intro with [a link](http://x.y/ü) and ![alt *t*](i.png).\n"
        "\n"
        "| Action | Owner |\n"
        "|---|---|\n"
        "| Fix [it](https://t/1) | @a |\n"
        "\n"
        "- first `item`\n"
        "  - nested\n"
        "- <http://a.b/c%20d>\n"
        "\n"
        "> - quoted item\n"
        "\n"
        "```text\n"
        "<!-- not a comment -->\n"
        "```\n"
        "<div>\n"
        "<!-- in html -->\n"
        "</div>\n"
    )
    assert not body.markdownit.differs(text)
    parsed = body.pulldown.read(text, 10, {})  # the pulldown-cmark path, never routed
    assert parsed.title == "Title "
    assert [(h.level, h.text, h.line) for h in parsed.headings] == [
        (1, "Title ", 10),
        (2, "Follow-up actions", 12),
    ]
    assert parsed.comments == [(10, "<!-- a -->"), (30, "<!-- in html -->")]
    (section,) = parsed.sections
    assert section.heading == Heading(2, "Follow-up actions", 12, "follow_up_actions")
    assert section.blocks == [
        TextBlock(14, "Intro with a link and alt *t*."),
        TextBlock(18, "Fix it | @a"),
        TextBlock(20, "first item"),
        TextBlock(21, "nested"),
        TextBlock(22, "http://a.b/c d"),
        TextBlock(24, "quoted item"),
        TextBlock(27, "<!-- not a comment -->\n"),
        TextBlock(29, "<div>\n\n</div>\n"),
    ]
    assert section.items == [
        Item(18, "Fix it | @a", ("Fix it", "@a"), ("https://t/1", ""), ("Action", "Owner"), 16),
        Item(20, "first item"),
        Item(22, "http://a.b/c d", links=("http://a.b/c%20d",)),
    ]


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


URLS = [
    "https://jira.example.com/browse/AI-123",
    "https://example.com/a b/ü?q=ä#frag",
    "http://bücher.example/über",
    "https://xn--bcher-kva.example/x",
    "mailto:oncall@bücher.example",
    "//host.example/path",
    "http://[::1]:8080/x y",
    "http://user:pa ss@[2001:db8::1]/%zz%41",
    "skype:name",
    "relative/path with space.md",
    "%E2%9C%93",
    "https://例え.テスト/パス",
    "",
]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(URLS) | st.text(max_size=40) | st.from_regex(r"https?://[^\s]{0,30}"))
def test_link_targets_are_normalised_as_markdown_it_py_does(url: str) -> None:
    """body copies markdown-it-py's link normalisation; a new markdown-it-py may change it."""
    from markdown_it.common.normalize_url import normalizeLink, normalizeLinkText

    assert links.link_target(url) == normalizeLink(url)
    assert links.link_text(url) == normalizeLinkText(url)


THEMATIC_BREAKS = [
    "***\n", "---\n", "___\n", " - - -\n", "**  * ** * ** * **\n", "-\t-\t-\n", "--\n", "- - x\n",
    "_____________________________________\n", "    ***\n", "a\n***\n", "a\n---\n", "* * *x\n",
    "- foo\n***\n- bar\n", "> ***\n", "- - - - - x\n", "+++\n", "*-*\n", "", "-", "\n\n---",
    "- " * 30 + "x\n", "- " * 30 + "\n", "1. ---\n", "Foo\n    ***\n",
]  # fmt: skip


@pytest.mark.parametrize("text", THEMATIC_BREAKS)
def test_the_faster_thematic_break_rule_reads_as_markdown_it_py_does(text: str) -> None:
    """body replaces markdown-it-py's ``hr`` rule (a Python loop over the line) with a pattern."""
    from markdown_it import MarkdownIt

    stock = MarkdownIt("commonmark", {"maxNesting": markdownit.MAX_NESTING}).enable("table")
    ours = body.markdown()
    for chain in ("", "paragraph", "reference", "blockquote", "list"):
        assert "_thematic_break" in [rule.__name__ for rule in ours.block.ruler.getRules(chain)]
    assert [t.as_dict() for t in ours.parse(text)] == [t.as_dict() for t in stock.parse(text)]


def test_a_section_named_at_another_level_is_found_once_for_the_missing_section_message() -> None:
    from pmlint.config import Config
    from pmlint.running.linter import lint_text

    text = "# T\n\n### Summary\n\nx\n\n## Cause\n\ny\n\n#### Summary\n"
    parsed = body.parse(text, 1, {})
    assert parsed.misplaced_heading("summary") == Heading(3, "Summary", 3, "summary")
    assert parsed.misplaced_heading("cause") is None
    messages = [p.message for p in lint_text(f"---\nid: x\n---\n{text}", "a.md", Config())]
    assert any("a level-3 heading 'Summary' at line 6 was found" in m for m in messages)
