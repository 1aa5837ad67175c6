"""Chinese script folding and language detection.

Folding (traditional → simplified, via OpenCC's t2s table) is for *matching* only:
quotes and offsets always use the text as written.
"""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def fold(text: str) -> str:
    """Simplified-script copy of `text` for matching. Nearly always the same length as
    `text` (t2s maps character to character); callers that map offsets check it."""
    return str(_t2s().convert(text))


def detect_language(text: str) -> str:
    """'zh-Hans', 'zh-Hant', 'en' or 'und' from a character census of the text."""
    sample = text[:20000]
    cjk = _CJK.findall(sample)
    latin = len(_LATIN.findall(sample))
    if len(cjk) >= 20 and len(cjk) * 2 >= latin / 4:
        han = "".join(cjk)
        changed = sum(1 for a, b in zip(han, fold(han), strict=True) if a != b)
        return "zh-Hant" if changed / len(han) > 0.05 else "zh-Hans"
    if latin >= 20:
        return "en"
    return "und"
