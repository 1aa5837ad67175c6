"""Finding and repairing mojibake in Chinese text (our own: ftfy, the library for this,
knows Latin-1/cp1252 mix-ups, not GBK ones).

Two kinds are repaired, both by going back to the bytes:

- GBK byte slips. A GBK page read one byte off turns "。”趙鳴" into "?!壁w鳴": the
  first character is lost ("?"), the next lead byte survives with its high bit
  stripped ("!" for 0xA1, "?" for 0xBF), and every following character is made of the trail byte of one and
  the lead byte of the next, until an ASCII byte puts the reading back in step.
  Re-encoding the run as GBK and prepending the lead byte gives the original. When
  the sign is lost too ("談?撚嘘P" for "談論有關"), dropping the run's first byte gives
  the rest; the lost character becomes U+FFFD and is flagged.
- UTF-8 read as GBK ("寰蒋" for "微软"): re-encode as GBK, decode as UTF-8.

A repair is accepted only when the repaired run reads as common Chinese and the damaged
one did not (models.text.encoding.chinese_score). What cannot be repaired is reported by
`suspect_spans` so that no claim is drawn from it.
"""

from __future__ import annotations

import re

from models.text.encoding import chinese_score, common_han, uncommon_han

# "?" (a lost character), a sign for the surviving lead byte, the slipped run, and an
# optional "?" where the run ends on an orphan lead byte.
# The lead byte survives with its high bit stripped (0xA1 → "!", 0xBF → "?", 0xBB → ";").
_SLIP = re.compile(r"\?([!-/:;?@\[-`{-~])([^\x00-\x7f]+[\x40-\x7e]?)(\??)")
# What a 0xA1 lead byte starts in a slipped quote: CJK punctuation.
_A1_PUNCT = set("“”《「『(。")
# What UTF-8 read as GBK is made of: Han, kana, bopomofo, private use, vertical forms.
# A slip whose sign was lost too: "?" (the lost character), then the run, resyncing on
# an ASCII trail byte ("談?撚嘘Ptransformer" for "談論有關transformer").
_SLIP_NO_SIGN = re.compile(r"\?([^\x00-\x7f\s。,,!?“”]{2,12})([\x40-\x7e])")
_HAN_RUN = re.compile(r"[\u3040-\u312f\u3400-\u9fff\ue000-\uf8ff\ufe30-\ufe4f]{4,}")
_LOST_SPACE = re.compile(r"(?<=[A-Za-z])\?(?=[A-Za-z])")
# Damage left after repair: slip signs and their runs, a "?" opening a short run that
# resyncs on an ASCII trail byte ("?撚嘘P"), replacement and private-use characters.
_SUSPECT_SIGNS = re.compile(
    r"\?[!?;][^\x00-\x7f]*|\?[^\x00-\x7f\s。,,!?“”]{1,8}[A-Za-z]|[\ufffd\ue000-\uf8ff]+"
)
_HAN = re.compile(r"[\u4e00-\u9fff]")

Edit = tuple[int, int, str]


def _gbk(text: str) -> bytes | None:
    """GBK bytes of `text` as Windows writes them (cp936: € is the single byte 0x80)."""
    try:
        return b"\x80".join(part.encode("gbk") for part in text.split("€"))
    except UnicodeEncodeError:
        return None


def _repair_slip(m: re.Match[str]) -> str | None:
    sign, run, orphan_mark = m.group(1), m.group(2), m.group(3)
    data = _gbk(run)
    if data is None:
        return None
    lead = ord(sign) | 0x80
    head = "。"  # the lost first character: in practice the full stop before a quote
    body = bytes([lead]) + data
    tail = ""
    if len(body) % 2 and body[-1] >= 0x81:
        body, tail = body[:-1], "\ufffd"  # an orphan lead byte: its character is lost
    elif orphan_mark:
        tail = "\ufffd"
    try:
        fixed = body.decode("gbk")
    except UnicodeDecodeError:
        return None
    if chinese_score(fixed) < 0.9:
        return None
    if lead == 0xA1:
        if fixed[:1] not in _A1_PUNCT:  # a real "?!" followed by text
            return None
    elif chinese_score(run) > chinese_score(fixed) - 0.2:
        return None
    return head + fixed + tail


def _repair_slip_without_sign(m: re.Match[str]) -> str | None:
    data = _gbk(m.group(1))
    if data is None:
        return None
    try:
        fixed = (data[1:] + m.group(2).encode()).decode("gbk")
    except UnicodeDecodeError:
        return None
    # The shifted reading must be wholly common Chinese: ordinary text after a real "?"
    # reads as rare characters when shifted ("作为S" → "魑猄").
    if chinese_score(fixed) < 1.0 or not _HAN.search(fixed):
        return None
    return "\ufffd" + fixed


def _repair_utf8_as_gbk(run: str) -> str | None:
    if chinese_score(run) >= 0.6:
        return None
    data = _gbk(run)
    if data is None:
        return None
    try:
        fixed = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return fixed if chinese_score(fixed) >= 0.9 else None


def repair_edits(text: str) -> list[Edit]:
    """(start, end, replacement) for each repairable damaged run of `text`, in order."""
    edits: list[Edit] = []
    for m in _SLIP.finditer(text):
        fixed = _repair_slip(m)
        if fixed is not None:
            edits.append((m.start(), m.end(), fixed))
    taken = [(s, e) for s, e, _ in edits]
    for m in _SLIP_NO_SIGN.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        fixed = _repair_slip_without_sign(m)
        if fixed is not None:
            edits.append((m.start(), m.end(), fixed))
    taken = [(s, e) for s, e, _ in edits]
    for m in _HAN_RUN.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        fixed = _repair_utf8_as_gbk(m.group())
        if fixed is not None:
            edits.append((m.start(), m.end(), fixed))
    for m in _LOST_SPACE.finditer(text):
        if not any(s <= m.start() < e for s, e in taken):
            edits.append((m.start(), m.end(), " "))
    return sorted(edits)


def _damaged(found: str) -> bool:
    """Whether a _SUSPECT_SIGNS match is damage rather than a real "?!" or "?" followed
    by ordinary text: a slip's run reads as uncommon characters (or is empty)."""
    if not found.startswith("?"):
        return True
    if found[1:2] in ("!", "?", ";"):
        run = found[2:]
        return not run or chinese_score(run) < 0.9
    return chinese_score(found[1:-1]) < 0.9


def suspect_spans(text: str, window: int = 6, rare: int = 4) -> list[tuple[int, int]]:
    """Spans of `text` that still look damaged: slip signs, U+FFFD, and stretches where
    `rare` of `window` consecutive Han characters are uncommon. Merged and sorted."""
    spans = [(m.start(), m.end()) for m in _SUSPECT_SIGNS.finditer(text) if _damaged(m.group())]
    if _has_rare_cluster(text, window, rare):
        spans.extend(_rare_stretches(text, window, rare))
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def _has_rare_cluster(text: str, window: int, rare: int) -> bool:
    """Whether `rare` uncommon Han characters lie closer together than `window * 2`:
    a window of `_rare_stretches` can only fire where they do, and ordinary text
    rarely has such a cluster, so the per-character scan is skipped for it."""
    if rare <= 0:
        return True
    found = [m.start() for m in uncommon_han().finditer(text) if "\u4e00" <= m.group() <= "\u9fff"]
    return any(found[k + rare - 1] - found[k] < window * 2 for k in range(len(found) - rare + 1))


def _rare_stretches(text: str, window: int, rare: int) -> list[tuple[int, int]]:
    """Each window of `window` consecutive Han characters, `rare` of them uncommon."""
    spans: list[tuple[int, int]] = []
    common = common_han()
    han = [(m.start(), m.group() not in common) for m in _HAN.finditer(text)]
    n_rare = sum(r for _, r in han[:window])
    for i in range(len(han) - window + 1):
        if i:
            n_rare += han[i + window - 1][1] - han[i - 1][1]
        first, last = han[i][0], han[i + window - 1][0]
        if n_rare >= rare and last - first < window * 2:
            spans.append((first, last + 1))
    return spans
