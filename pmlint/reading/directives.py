"""Inline ``<!-- pmlint-disable ... -->`` comments that silence rules."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

#: The codes part stops at the next '<' or '>' so that a line full of unclosed
#: directives is scanned once, not once per directive.
_DIRECTIVE = re.compile(
    r"<!--\s*pmlint-(disable-next-line|disable-file|disable|enable)\b([^<>]*?)-->"
)
_CODE = re.compile(r"PM\d{3}")
_ALL = "*"
_END = 1 << 62


@dataclass
class Suppressions:
    """Which codes are silenced on which lines; ``"*"`` stands for every rule."""

    whole_file: set[str] = field(default_factory=set)
    ranges: list[tuple[str, int, int]] = field(default_factory=list)
    next_lines: set[tuple[str, int]] = field(default_factory=set)

    def suppressed(self, code: str, line: int) -> bool:
        codes = (code, _ALL)
        if any(c in self.whole_file for c in codes):
            return True
        if any((c, line) in self.next_lines for c in codes):
            return True
        return any(c in codes and start <= line < end for c, start, end in self.ranges)


def parse(comments: Iterable[tuple[int, str]]) -> Suppressions:
    """Read directives from the body's HTML comments, given with their lines, in order.

    Comments come from the Markdown parse, so a directive shown in a code block
    or a code span is example text, not a directive.
    """
    result = Suppressions()
    open_ranges: dict[str, int] = {}
    for number, text in comments:
        for match in _DIRECTIVE.finditer(text):
            kind = match.group(1)
            codes = _CODE.findall(match.group(2)) or [_ALL]
            if kind == "disable-file":
                result.whole_file.update(codes)
            elif kind == "disable-next-line":
                line = number + text.count("\n", 0, match.end())
                result.next_lines.update((code, line + 1) for code in codes)
            elif kind == "disable":
                for code in codes:
                    open_ranges.setdefault(code, number)
            else:
                closing = list(open_ranges) if codes == [_ALL] else codes
                for code in closing:
                    if code in open_ranges:
                        result.ranges.append((code, open_ranges.pop(code), number))
    result.ranges.extend((code, start, _END) for code, start in open_ranges.items())
    return result
