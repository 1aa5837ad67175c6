"""Cleaning article text while keeping every character traceable to the raw text.

Cleaning only ever *drops* raw characters (whole lines, runs inside a line), never
rewrites them, so the cleaned text is a concatenation of raw slices and a short list
of (clean_start, raw_start) pairs maps any cleaned offset back to the raw text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

# Lines that are page furniture, not article content.
_FURNITURE = re.compile(
    r"^\s*(打印\s*\(被阅读\s*\d*\s*次\)|【[^】]{0,40}】\s*(</?\w+>)?|.{0,80}\(组图\)\s*-\s*\d+)\s*$"
)
# A line that starts a comment section: it and everything after it are dropped.
_COMMENTS_START = re.compile(r"^\s*(\S{1,30}\s+发表评论于|网友评论|登录后才可评论)")


@dataclass
class Cleaned:
    text: str
    raw_offsets: list[tuple[int, int]] = field(default_factory=list)

    def to_raw(self, offset: int) -> int:
        """The raw offset of cleaned offset `offset`."""
        if not self.raw_offsets:
            return offset
        i = bisect.bisect_right([c for c, _ in self.raw_offsets], offset) - 1
        clean_start, raw_start = self.raw_offsets[max(i, 0)]
        return raw_start + (offset - clean_start)


class _Builder:
    """Appends raw slices and records where each one came from."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.offsets: list[tuple[int, int]] = []
        self.length = 0
        self._raw_end = -1  # raw end of the previous slice, to merge contiguous ones

    def add(self, raw: str, start: int, end: int) -> None:
        if end <= start:
            return
        if start != self._raw_end:
            self.offsets.append((self.length, start))
        self.parts.append(raw[start:end])
        self.length += end - start
        self._raw_end = end

    def build(self) -> Cleaned:
        return Cleaned("".join(self.parts), self.offsets)


def clean_text(raw: str) -> Cleaned:
    """Drop furniture lines and the comment section, trailing spaces and repeated blank
    lines; keep everything else character for character."""
    out = _Builder()
    blank_run = 0
    pos = 0
    for line in raw.splitlines(keepends=True):
        start, pos = pos, pos + len(line)
        body = line.rstrip("\r\n")
        if _COMMENTS_START.match(body):
            break
        if _FURNITURE.match(body):
            continue
        stripped_end = start + len(body.rstrip())
        lead = len(body) - len(body.lstrip())
        if stripped_end - (start + lead) <= 0:
            blank_run += 1
            continue
        if out.length and blank_run:
            # Keep one paragraph break from the raw text: the first newline we skipped.
            nl = raw.rfind("\n", 0, start)
            out.add(raw, nl, nl + 1)
        blank_run = 0
        out.add(raw, start + lead, stripped_end)
        newline_at = start + len(body)
        if newline_at < pos:
            out.add(raw, newline_at, newline_at + 1)
    cleaned = out.build()
    text = cleaned.text.rstrip("\n")
    return Cleaned(text, cleaned.raw_offsets)
