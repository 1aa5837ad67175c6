"""Which sentences may hold a claim of *this* article, and which clause of them.

Cheap regex checks run before anything costly. A sentence is never a claim when it
sits on a heading-like line (no closing punctuation: titles, section heads, bylines),
on the title of an unrelated linked page ("… - Foresight News", "… | ZDNET", "…_手机搜狐网"),
after the start of the comments or the footer, or when it is an opinion, a question, a
bare exclamation or a hypothetical. A hypothetical tail (…，如果同意外迁，…) is cut off
and the clause before it is kept when it stands alone.
"""

from __future__ import annotations

import re

# Line ends that close a sentence; a line ending otherwise is a heading or furniture.
_CLOSED_LINE = re.compile(r"""[。！？!?.…；;:：”」』"')）\]]\s*$""")
HEADING_MAX = 80
# "Title - Site", "Title | Site", "Title_Site", "Title- 知乎": a linked page, not ours.
_SITE_TAIL = re.compile(
    r"(?:\s[-|–—]\s*|\s*\|\s*|(?<=\S)[-_]\s?)[A-Za-z\u4e00-\u9fff][\w .&'·\u4e00-\u9fff-]{0,30}$"
)
# Where comments, the footer or the disclaimer begin: nothing after is the article's.
_TAIL_ZONE = re.compile(
    r"^\s*(?:\S{1,30}\s+发表评论于|今日评论|最新评论|网友评论|登录后才可评论|【免责声明】"
    r"|Copyright\b|版权所有|版權所有|Related (?:stories|articles)|Read more)",
    re.MULTILINE,
)
_OPINION = re.compile(
    r"我个人|我個人|我们看到|我們看到|可以看出|我觉得|我覺得|我认为|我認為|我们可以|我們可以|我相信|在我看来|在我看來"
    r"|(?:普遍|一致)?(?:认为|認為|相信|觉得|覺得|感叹|感嘆|感觉|感覺|希望|担忧|擔憂|期待)"
    r"|不妨|应该|應該|显然|顯然|毫无疑问|毫無疑問|不可否认|不可否認|意在|深谙|深諳|揭示了"
    r"|\bI (?:think|believe|feel)\b|\bwe (?:believe|think)\b|\bin my (?:view|opinion)\b"
    r"|\bshould\b|\bclearly\b|\barguably\b",
    re.IGNORECASE,
)
_QUESTION = re.compile(r"[?？][”」』\"')）]*\s*$|[吗嗎呢][”」』\"')）]*\s*$")
_EXCLAMATION = re.compile(r"[!！][”」』\"')）]*\s*$")
_HYPOTHETICAL_START = re.compile(
    r"^\s*(?:如果|假如|假若|要是|若是|倘若|一旦|如若|万一|萬一|If\b|Unless\b|Should\b|Were\b)",
    re.IGNORECASE,
)
_HYPOTHETICAL_TAIL = re.compile(
    r"[，,、]\s*(?:如果|假如|假若|要是|若|倘若|一旦|万一|萬一|否则|否則|if\b|unless\b|otherwise\b)",
    re.IGNORECASE,
)


def tail_zone_start(text: str) -> int:
    """Offset where comments, footer or disclaimer begin (len(text) when none do)."""
    m = _TAIL_ZONE.search(text)
    return m.start() if m else len(text)


def is_furniture_line(text: str, start: int) -> bool:
    """True when the line holding offset `start` is a heading, a link title or page
    furniture rather than running text."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : len(text) if line_end < 0 else line_end].strip()
    if not line:
        return True
    if _CLOSED_LINE.search(line[-3:]):
        return False
    return len(line) <= HEADING_MAX or bool(_SITE_TAIL.search(line[-40:]))


def claim_clause(sentence: str) -> str | None:
    """The part of `sentence` that can be a claim, or None when none can: opinions,
    questions, exclamations without a named source, hypotheticals. A hypothetical tail
    is cut off (the kept clause is a prefix, so it stays an exact span)."""
    if _HYPOTHETICAL_START.match(sentence) or _QUESTION.search(sentence):
        return None
    tail = _HYPOTHETICAL_TAIL.search(sentence)
    if tail:
        sentence = sentence[: tail.start()]
    if _OPINION.search(sentence):
        return None
    return sentence


def is_exclamation(sentence: str) -> bool:
    return bool(_EXCLAMATION.search(sentence))
