"""Cleaning article text while keeping every character traceable to the raw text.

Every step works on a `Mapped` text: the text and, for each of its characters, the
offset in the raw text it came from. Steps drop characters (furniture lines, comment
sections, HTML remnants, injected pinyin) or replace short runs (mojibake repairs,
HTML entities); a replacement's characters point at the raw run they replace. At the
end the per-character map is compressed into (clean_start, raw_start) pairs: each
segment of the cleaned text from one pair's clean_start to the next was copied from
the raw text at raw_start (within a repaired run the mapping points into the damaged
raw run, character by character, as near as lengths allow).
"""

from __future__ import annotations

import bisect
import html
import re
from array import array
from dataclasses import dataclass, field

from models.text.mojibake import repair_edits, suspect_spans

# Lines that are page furniture, not article content.
_FURNITURE = re.compile(
    r"^\s*(?:"
    r"打印\s*\(被阅读\s*\d*\s*次\)"
    r"|【[^】。\n]{0,40}】?"  # link and spam blocks: 【…】 lines
    r"|【?免责声明】?.*"
    r"|.{0,80}\(组图\)\s*-\s*\d+"  # image-caption furniture
    r"|[^\s:=]{1,8}\s*[::]\s*[^\s:=]{1,8}\s*=\s*[\d.]+"  # currency ticker
    r"|\d{1,2}月\d{1,2}日\s*-?\d*\s*°C\s*[-~]\s*-?\d*\s*°C"  # weather widget
    r"|最好看的新闻,最实用的信息"  # a site slogan (Media Today Group)
    r"|(?:Copyright|©|版权所有|版權所有)(?!.*[.。!?!?]$).{0,150}"  # not a sentence about copyright
    r"|(?:分享新闻电话|联系邮箱|联系电话|联系我们|新闻爆料|法律顾问|商业合作|商务合作|投稿邮箱)\s*[::].*"
    r"|(?:图片来源|圖片來源)\s*[::].{0,40}"
    r"|.{0,80}原文链接\s*评论\d+条"
    r"|[?\ufffd]+"  # a line left with nothing but mojibake
    r")\s*$",
    re.IGNORECASE,
)
# A line that starts a comment section: it and everything after it are dropped.
_COMMENTS_START = re.compile(
    r"^\s*(?:\S{1,30}\s+发表评论于|(?:今日评论\s*)?网友评论|登录后才可评论|最新评论\s*[\((]\d+[\))])"
)
_TAGS = "span|div|strong|p|b|i|em|a|br|font|u|section|article|h[1-6]|li|ul|ol|img|table|tr|td"
# HTML tags left in text, including ones whose "<" a mojibake slip swallowed ("?/span>").
_HTML_REMNANT = re.compile(rf"\?/(?:{_TAGS})>|</?(?:{_TAGS})\b[^<>\n]{{0,200}}>", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_SYLLABLE = rf"[a-zü]*[{_TONED}][a-zü]*"
# Pinyin injected after a character: 網(wǎng)站 → 網站. Only syllables with a tone mark, so
# "(MLE)" or "(Tokyo Electron)" stay.
# A mojibake slip can swallow the "(" and leave "?wù)": that remnant goes too.
_PINYIN = re.compile(rf"(?<=\S)[\((]{_SYLLABLE}(?:\s{_SYLLABLE})*[\))]|(?<=\?){_SYLLABLE}[\))]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")


@dataclass
class Mapped:
    """Text plus, for each character, its offset in the raw text."""

    text: str
    raw_at: array[int]

    @classmethod
    def identity(cls, raw: str) -> Mapped:
        return cls(raw, array("i", range(len(raw))))


def apply_edits(m: Mapped, edits: list[tuple[int, int, str]]) -> Mapped:
    """`m` with each (start, end, replacement) applied; edits sorted, not overlapping."""
    if not edits:
        return m
    parts: list[str] = []
    raw_at = array("i")
    pos = 0
    for start, end, new in edits:
        if start < pos:
            continue
        parts.append(m.text[pos:start])
        raw_at.extend(m.raw_at[pos:start])
        parts.append(new)
        span = max(end - start, 1)
        raw_at.extend(
            m.raw_at[min(start + min(i, span - 1), len(m.raw_at) - 1)] for i in range(len(new))
        )
        pos = end
    parts.append(m.text[pos:])
    raw_at.extend(m.raw_at[pos:])
    return Mapped("".join(parts), raw_at)


def keep_ranges(m: Mapped, ranges: list[tuple[int, int]]) -> Mapped:
    """Only the characters of `m` inside `ranges` (sorted, not overlapping)."""
    raw_at = array("i")
    for s, e in ranges:
        raw_at.extend(m.raw_at[s:e])
    return Mapped("".join(m.text[s:e] for s, e in ranges), raw_at)


def compress(raw_at: array[int]) -> list[tuple[int, int]]:
    """(clean_start, raw_start) pairs for runs of consecutive raw offsets."""
    pairs: list[tuple[int, int]] = []
    prev = -2
    for i, r in enumerate(raw_at):
        if r != prev + 1:
            pairs.append((i, r))
        prev = r
    return pairs


@dataclass
class Cleaned:
    text: str
    raw_offsets: list[tuple[int, int]] = field(default_factory=list)
    # Spans of `text` too damaged to draw claims from.
    low_quality: list[tuple[int, int]] = field(default_factory=list)
    n_repairs: int = 0

    def to_raw(self, offset: int) -> int:
        """The raw offset of cleaned offset `offset`."""
        if not self.raw_offsets:
            return offset
        i = bisect.bisect_right([c for c, _ in self.raw_offsets], offset) - 1
        clean_start, raw_start = self.raw_offsets[max(i, 0)]
        return raw_start + (offset - clean_start)


def _inline_edits(text: str) -> list[tuple[int, int, str]]:
    edits = [(m.start(), m.end(), "") for m in _HTML_REMNANT.finditer(text)]
    edits += [(m.start(), m.end(), "") for m in _PINYIN.finditer(text)]
    edits += [(m.start(), m.end(), "") for m in _INVISIBLE.finditer(text)]
    for m in _ENTITY.finditer(text):
        value = html.unescape(m.group())
        if value != m.group():
            edits.append((m.start(), m.end(), value))
    return sorted(edits)


def _line_ranges(text: str) -> list[tuple[int, int]]:
    """Ranges to keep: drop furniture lines, the comment section, leading and trailing
    spaces, and collapse blank runs into one paragraph break."""
    keep: list[tuple[int, int]] = []
    kept = 0
    blank_run = 0
    pos = 0
    for line in text.splitlines(keepends=True):
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
        if kept and blank_run:
            nl = text.rfind("\n", 0, start)  # one paragraph break: the first one skipped
            keep.append((nl, nl + 1))
        blank_run = 0
        keep.append((start + lead, stripped_end))
        kept += stripped_end - start - lead
        newline_at = start + len(body)
        if newline_at < pos:
            keep.append((newline_at, newline_at + 1))
    while keep and text[keep[-1][0] : keep[-1][1]] == "\n":
        keep.pop()
    return keep


def clean_mapped(m: Mapped) -> Cleaned:
    """Clean a mapped text (a raw text, or an HTML body already mapped into its page)."""
    m = apply_edits(m, _inline_edits(m.text))
    repairs = repair_edits(m.text)
    m = apply_edits(m, repairs)
    m = keep_ranges(m, _line_ranges(m.text))
    return Cleaned(m.text, compress(m.raw_at), suspect_spans(m.text), len(repairs))


def clean_text(raw: str) -> Cleaned:
    """Drop furniture lines, the comment section, HTML remnants, injected pinyin and
    invisible characters; repair mojibake; keep everything else character for
    character, with the map back to `raw`."""
    return clean_mapped(Mapped.identity(raw))
