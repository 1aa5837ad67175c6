"""The vocabulary figure frames are read with (seeds/measures.csv): its words, matched
in folded text by one regex of prefix trees."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from models.script import fold

KINDS = (
    "measure",
    "not_figure",
    "level",
    "scope",
    "statistic",
    "movement",
    "speech",
    "ignore",
    "refer",  # 涉及, involving: the figure counts those of the event just told
)


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    key: str
    kind: str


class Vocabulary:
    """The words of seeds/measures.csv (key, kind, zh, en, running), matched in folded
    text. A running measure is a tally that grows as it is counted (deaths, missing,
    orders): any later day's figure is an update. Another (a deal's price, a march's
    turnout, the staff asked to move) is one fact, restated by later reports."""

    def __init__(self, rows: list[tuple[str, str, str]], running: frozenset[str] = frozenset()):
        """rows: (key, kind, word); running: the measures that are running tallies."""
        self.running = running
        self._words: dict[str, list[tuple[str, str]]] = {}
        for key, kind, word in rows:
            if kind not in KINDS:
                raise ValueError(f"measures: unknown kind {kind!r} for {key!r} (use {KINDS})")
            w = fold(word).lower()
            self._words.setdefault(w, []).append((key, kind))
        # One regex of two prefix trees (Chinese words; English words between word
        # boundaries), longest word first at each place: a plain alternation of
        # hundreds of words made this the costliest step of normalize.
        zh = [w for w in self._words if not w.isascii()]
        en = [w for w in self._words if w.isascii()]
        alts = ([_trie_pattern(zh)] if zh else []) + (
            [rf"(?<![a-z]){_trie_pattern(en)}(?![a-z])"] if en else []
        )
        self._pattern = re.compile("|".join(alts)) if alts else None

    @classmethod
    def from_csv_text(cls, text: str) -> Vocabulary:
        rows, running = [], set()
        for rec in csv.DictReader(io.StringIO(text)):
            key, kind = rec["key"].strip(), rec["kind"].strip()
            if (rec.get("running") or "").strip().lower() in ("yes", "true", "1"):
                running.add(key)
            for lang in ("zh", "en"):
                for word in (rec.get(lang) or "").split("|"):
                    if word.strip():
                        rows.append((key, kind, word.strip()))
        return cls(rows, frozenset(running))

    def __contains__(self, word: str) -> bool:
        """Whether `word` (as written) is one of the vocabulary's words."""
        return fold(word).lower() in self._words

    def hits(self, folded: str) -> list[Hit]:
        """Every word in `folded` (lower-cased, simplified), longest first at each place."""
        if self._pattern is None:
            return []
        out = []
        for m in self._pattern.finditer(folded):
            w = m.group()
            if len(w) == 1 and not _place_char(folded, m.start()):
                continue
            for key, kind in self._words[w]:
                out.append(Hit(m.start(), m.end(), key, kind))
        return out

    def measure_key(self, word: str) -> str:
        """The measure key a free-form name of what a figure counts stands for (an
        LLM's "Jobs-Cut", "death toll", "staff", 裁员): the name itself when it is a key
        of kind measure, else the first measure word in it; "" when neither."""
        name = fold(word or "").strip().lower()
        key = re.sub(r"[\s\-]+", "_", name)
        if any(k == key and kind == "measure" for ks in self._words.values() for k, kind in ks):
            return key
        return next((h.key for h in self.hits(name.replace("_", " ")) if h.kind == "measure"), "")


def _trie_pattern(words: list[str]) -> str:
    """A regex matching any of `words`, the longest at each place, written as a prefix
    tree ((?:ab(?:c)?|d)) so the engine tries each prefix once."""
    root: dict[str, dict] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        ends = "" in node
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and not ends else "(?:" + "|".join(alts) + ")"
        return body + ("?" if ends else "")

    return "(?:" + emit(root) + ")"


# 市, 省, 县 alone are a level only after a name (郑州市, 河南省), not in 市场, 上市, 节省.
_NOT_BEFORE_PLACE = frozenset("上城超股门开退入早夜集黑闹都反节自外本")
_NOT_AFTER_PLACE = frozenset("场值")


def _place_char(text: str, at: int) -> bool:
    before = text[at - 1] if at else ""
    after = text[at + 1] if at + 1 < len(text) else ""
    return (
        "\u4e00" <= before <= "\u9fff"
        and before not in _NOT_BEFORE_PLACE
        and after not in _NOT_AFTER_PLACE
    )
