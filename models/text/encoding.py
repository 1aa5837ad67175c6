"""Decoding file bytes: BOMs, UTF-16 without a BOM, UTF-8, GB18030 (⊃ GBK) and Big5.

Why our own chooser rather than charset-normalizer alone: Big5 bytes nearly always
decode *without error* as GB18030 (which accepts almost any byte pair), so the question
is not "which codec succeeds" but "which reading is Chinese". We answer it with a
census of common characters, taken from the codecs themselves: GB2312 level 1 (the
3,755 most frequent simplified characters) and Big5 level 1 (the 5,401 frequent
traditional ones). A right reading scores near 1; a wrong one reads kana, Cyrillic,
private-use or rare characters and scores far lower. charset-normalizer is kept as the
last resort for the rest of the world's encodings (Shift-JIS, cp1252…).
"""

from __future__ import annotations

import codecs
import contextlib
import re
from functools import lru_cache

from models.errors import TerminalError

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_CJK_CANDIDATES = ["gb18030", "big5"]
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# What a wrong double-byte reading of Chinese produces: kana, Greek, Cyrillic, box
# drawing, private use, Hangul.
_ODD = re.compile(r"[\u0370-\u04ff\u2500-\u257f\u3040-\u30ff\uac00-\ud7af\ue000-\uf8ff]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


class DecodeError(TerminalError, ValueError):
    """Bytes that are not text in any encoding we read; the message says which case."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


@lru_cache(maxsize=1)
def common_han() -> frozenset[str]:
    """GB2312 level 1 ∪ Big5 level 1: the characters ordinary Chinese text is made of."""
    chars: set[str] = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes([lead, trail]).decode("gb2312"))
    for lead in range(0xA4, 0xC7):
        for trail in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes([lead, trail]).decode("big5"))
    return frozenset(chars)


@lru_cache(maxsize=1)
def uncommon_han() -> re.Pattern[str]:
    """The Han characters (as _HAN matches them) that are not in `common_han()`, as one
    compiled character class: counting them in C is much faster than testing each
    character against the set in Python."""
    common = common_han()
    ranges: list[tuple[int, int]] = []
    for lo, hi in ((0x3400, 0x9FFF), (0xF900, 0xFAFF)):
        for cp in range(lo, hi + 1):
            if chr(cp) in common:
                continue
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    parts = (f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges)
    return re.compile("[" + "".join(parts) + "]")


def chinese_score(text: str) -> float:
    """Share of the Han (and odd) characters of `text` that are common Han characters:
    near 1 for real Chinese, well below for a wrong reading. 1.0 when there are none."""
    n_han = len(_HAN.findall(text))
    odd = len(_ODD.findall(text))
    if not n_han and not odd:
        return 1.0
    return (n_han - len(uncommon_han().findall(text))) / (n_han + odd)


def _looks_utf16(head: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NULs sit on one byte parity (BOM-less UTF-16)."""
    if len(head) < 4:
        return None
    even = head[0::2].count(0) / len(head[0::2])
    odd = head[1::2].count(0) / len(head[1::2])
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name) of `data`. Raises DecodeError (kind 'binary' or 'encoding')."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"starts with a {encoding} BOM but {exc.reason}", "encoding"
                ) from exc
    head = data[:4096]
    utf16 = _looks_utf16(head)
    if utf16:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            pass
        else:
            _reject_control(text)
            return text, utf16
    if b"\x00" in head:
        # Chinese UTF-16 without a BOM has NULs only in its few ASCII characters.
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if chinese_score(text[:20000]) >= 0.9 and _HAN.search(text[:20000]):
                _reject_control(text)
                return text, encoding
        raise DecodeError("binary file (NUL bytes), not text", "binary")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _reject_control(text)
        return text, "utf-8"
    readings = []
    # BOM-less UTF-16 Chinese has no NUL bytes: it competes on the census like the rest.
    candidates = _CJK_CANDIDATES + (["utf-16-le", "utf-16-be"] if len(data) % 2 == 0 else [])
    for encoding in candidates:
        try:
            readings.append((chinese_score(data.decode(encoding)[:20000]), encoding))
        except UnicodeDecodeError:
            continue
    # A reading that is not mostly common Chinese is no reading: leave it to the
    # last resort (a Latin-1 file "decodes" as UTF-16 into random Han characters).
    readings = [r for r in readings if r[0] >= (0.9 if r[1].startswith("utf-16") else 0.6)]
    if readings:
        _, encoding = max(readings, key=lambda r: (r[0], -candidates.index(r[1])))
        text = data.decode(encoding)
        _reject_control(text)
        return text, encoding
    return _last_resort(data)


def _reject_control(text: str) -> None:
    sample = text[:4096]
    if sample and len(_CONTROL.findall(sample)) / len(sample) > 0.02:
        raise DecodeError("binary file (control characters), not text", "binary")


def _last_resort(data: bytes) -> tuple[str, str]:
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DecodeError(
            "unknown encoding: not UTF-8, UTF-16, GB18030/GBK or Big5, and no other "
            "encoding reads it as text",
            "encoding",
        )
    text = str(best)
    _reject_control(text)
    return text, best.encoding
