"""How long a reply may be, and whether one cut off at that length was looping.

Every request carries a `max_tokens` sized to its text (`output_budget`): without one, a
small model that starts repeating itself writes until its context is full. A reply cut
off at that limit is read by `looks_repetitive` before anyone splits its chunk.
"""

from __future__ import annotations

import math
import re
from collections import Counter

# Output budget: a small multiple of the input's tokens, with a floor and a cap. A reply
# quotes each claim's span and restates it, so an honest one is rarely 3 times longer
# than its text; a cut at this limit is a model rambling, or a chunk to split.
OUTPUT_PER_INPUT_TOKEN = 3
OUTPUT_TOKENS_BASE = 256
OUTPUT_TOKENS_FLOOR = 512
OUTPUT_TOKENS_CAP = 4096

_CJK = re.compile(
    r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]"
)


def estimate_tokens(text: str) -> int:
    """A tokenizer-free estimate that errs high: one token per CJK character (BPE
    tokenizers give 1.3-1.6 characters a token), one per 3.5 other characters."""
    cjk = len(_CJK.findall(text))
    return cjk + math.ceil((len(text) - cjk) / 3.5)


def output_budget(text: str) -> int:
    """`max_tokens` for a reply about `text`: proportional to it, within floor and cap."""
    wanted = OUTPUT_PER_INPUT_TOKEN * estimate_tokens(text) + OUTPUT_TOKENS_BASE
    return max(OUTPUT_TOKENS_FLOOR, min(OUTPUT_TOKENS_CAP, wanted))


_FIELD = re.compile(r'"(quote|claim_text)"\s*:\s*"((?:[^"\\]|\\.)*)"')


def looks_repetitive(content: str | None) -> str | None:
    """Why a cut-off reply is a loop rather than a long answer, or None: the same claim
    (quote and claim_text) given twice, one quote four times (two claims may share a
    quote, a compound sentence a few), or a tail that is one short unit over and over
    (the same figure, character or fragment)."""
    if not content:
        return None
    quotes: list[str] = []
    claims: list[tuple[str, str]] = []
    pending: str | None = None
    for key, value in _FIELD.findall(content):
        value = value.strip()
        if key == "quote":
            quotes.append(value)
            pending = value
        elif pending is not None:
            claims.append((pending, value))
            pending = None
    for (quote, _), n in Counter(claims).most_common(1):
        if n >= 2 and quote:
            return f"the claim quoting {quote[:40]!r} was given {n} times"
    for quote, n in Counter(quotes).most_common(1):
        if n >= 4 and quote:
            return f"the quote {quote[:40]!r} was given {n} times"
    tail = content[-1200:]
    for period in range(1, 201):
        span = max(4 * period, 64)  # at least four repeats, at least 64 characters
        if len(tail) < span + period:
            break
        if tail[-span:] == tail[-span - period : -period]:
            unit = tail[-period:]
            return f"the reply ends repeating {unit[:40]!r}"
    return None
