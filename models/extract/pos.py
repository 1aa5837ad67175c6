"""Named entities the gazetteer does not know, from jieba's part-of-speech tags.

jieba's dictionary is slow to load and its tagger slow per character (figures in
benchmarks/README.md), so it is loaded lazily, once per process, and only asked about
the few claim sentences in which the gazetteer found no subject. Text is folded to simplified script first (jieba's
dictionary is simplified); folding keeps offsets.

jieba reads its bundled dictionary and keeps a cache file in the temp directory: that
is the library's own data, like OpenCC's tables in models.script.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from models.script import fold

# jieba's tags for names: person, place, organisation, other proper noun.
NAME_TAGS = ("nt", "nr", "nz", "ns")
# Words jieba tags as names that are not (places-as-adjectives, titles, common nouns).
_NOT_NAMES = frozenset(
    [
        "亚太",
        "硅谷",
        "湾区",
        "美国",
        "中国",
        "中方",
        "美方",
        "国内",
        "海外",
        "华人",
        "华裔",
        "全球",
        "人类",
        "世界",
        "北京",
        "华盛顿",
        "日本",
        "欧洲",
        "印度",
        "上海",
        "旧金山",
        "中美",
        "美中",
        "亚洲",
        "国际",
        "双方",
        "总统",
        "官员",
        "人工智能",
        "大模型",
        "初创",
        "巨头",
        "首席",
        "CEO",
        "AI",
        "GPU",
    ]
)
_CJK_OR_LATIN = re.compile(r"[\u4e00-\u9fffA-Za-z]")


@dataclass(frozen=True)
class Tagged:
    start: int
    end: int
    word: str
    tag: str


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return jieba.posseg.POSTokenizer(jieba.Tokenizer())


def warm_up() -> None:
    """Load jieba's dictionary now (benchmarks and servers call this before timing)."""
    _tokenizer().tokenizer.initialize()


def names(text: str) -> list[Tagged]:
    """Words of `text` tagged as names (nr, ns, nt, nz), with offsets into `text`."""
    folded = fold(text)
    if len(folded) != len(text):
        folded = text
    out: list[Tagged] = []
    pos = 0
    for pair in _tokenizer().cut(folded):
        word, tag = pair.word, pair.flag
        start, pos = pos, pos + len(word)
        if (
            tag in NAME_TAGS
            and len(word) >= 2
            and word not in _NOT_NAMES
            and _CJK_OR_LATIN.search(word)
        ):
            out.append(Tagged(start, pos, text[start:pos], tag))
    return out


def best_name(text: str, skip: Sequence[tuple[int, int]] = ()) -> Tagged | None:
    """The likeliest subject among the names in `text` outside the `skip` spans: an
    organisation or person before other proper nouns, places last; the earliest
    within a rank."""
    found = [t for t in names(text) if not any(a < t.end and t.start < b for a, b in skip)]
    for tag in NAME_TAGS:
        for t in found:
            if t.tag == tag:
                return t
    return None
