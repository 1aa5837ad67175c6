"""Named entities from a gazetteer, with scripts folded and aliases linked.

微软 = 微軟 = Microsoft share one key, so claims about them block together. The
gazetteer is data (seeds/entities.csv, which users extend); this module only matches.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from models.script import fold

_DOTS = str.maketrans({"・": "·", "•": "·", "‧": "·", "∙": "·", "･": "·"})
# Kinds that report or state claims rather than being their subject.
SOURCE_KINDS = frozenset({"outlet", "agency"})


@dataclass(frozen=True)
class Entity:
    key: str  # canonical key, e.g. "microsoft"
    name: str  # display name, e.g. "微软"
    kind: str  # org | outlet | agency | person | place


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    entity: Entity


class Gazetteer:
    """Matches known names (any script, any alias) in text."""

    def __init__(self, rows: list[tuple[str, str, str, str]]):
        """rows: (key, display name, kind, alias) — one row per alias."""
        self._by_alias: dict[str, Entity] = {}
        # Latin aliases written with capitals (Apple, Meta) are names only when the text
        # capitalizes them too: "apple pie", "meta-analysis" are not mentions.
        self._cased: set[str] = set()
        for key, name, kind, alias in rows:
            self._by_alias[self._norm(alias)] = Entity(key, name, kind)
            if alias.isascii() and alias != alias.lower():
                self._cased.add(self._norm(alias))
        aliases = sorted(self._by_alias, key=len, reverse=True)
        # The lookahead on first characters lets the engine skip most positions without
        # trying every alias (this runs over every chunk).
        first = "".join(sorted({re.escape(a[0]) for a in aliases}))
        self._pattern = (
            re.compile(f"(?=[{first}])(?:" + "|".join(re.escape(a) for a in aliases) + ")")
            if aliases
            else None
        )

    @staticmethod
    def _norm(s: str) -> str:
        """Folded script, lower case, one middle dot (亚历山大・王 = 亚历山大·王); the
        length never changes, so offsets in the folded text are offsets in `s`."""
        return fold(s).lower().translate(_DOTS)

    @classmethod
    def from_csv_text(cls, text: str) -> Gazetteer:
        """Columns: key, name, kind, aliases (separated by |)."""
        rows = []
        for rec in csv.DictReader(io.StringIO(text)):
            aliases = [a.strip() for a in (rec.get("aliases") or "").split("|") if a.strip()]
            for alias in [rec["name"], *aliases]:
                rows.append((rec["key"].strip(), rec["name"].strip(), rec["kind"].strip(), alias))
        return cls(rows)

    def find(self, text: str) -> list[Mention]:
        """Non-overlapping mentions, longest name first at each position."""
        if self._pattern is None:
            return []
        folded = self._norm(text)
        if len(folded) != len(text):
            return []
        out = []
        for m in self._pattern.finditer(folded):
            if _inside_latin_word(folded, m.start(), m.end()):
                continue
            if m.group() in self._cased and text[m.start() : m.end()].islower():
                continue
            out.append(Mention(m.start(), m.end(), self._by_alias[m.group()]))
        return out

    def known_key(self, name: str) -> str | None:
        """The canonical key of a name the gazetteer knows, else None."""
        entity = self._by_alias.get(self._norm(name.strip()))
        return entity.key if entity else None

    def key_of(self, name: str | None) -> str | None:
        """The canonical key of a name, or its folded form when it is not known."""
        if not name:
            return None
        norm = self._norm(name.strip())
        entity = self._by_alias.get(norm)
        return entity.key if entity else norm


def _inside_latin_word(text: str, start: int, end: int) -> bool:
    """True when an ASCII-letter alias is part of a longer word ('meta' in 'metadata')."""
    if not text[start:end].isascii():
        return False
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return (before.isascii() and before.isalnum()) or (after.isascii() and after.isalnum())
