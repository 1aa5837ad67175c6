"""Figure frames: what a number counts, under which conditions, whose it is and when.

Two figures disagree only when they are figures of the same thing: the dead on board
and the dead on the ground share a unit, so do a company's whole workforce and its
corporate staff. A frame is read from the words around the figure, in its sentence,
with the vocabulary of seeds/measures.csv (data users extend, both languages):

measure    what is counted (deaths, missing, jobs_cut, orders_firm, price…); the word
           nearest the figure in its clause, event words (died, 裁员) before role nouns
           (passengers, 员工); none found = the figure is not compared;
figure     False for counts that are never figures of the story: sources (两名知情人士,
           two people familiar with the matter), ages, page furniture (阅读 3万);
scope      qualifiers: the level of the place it counts (in:province vs in:city, the
           nearest level word: 全省, 郑州市, provincial capital), a window (24小时 vs
           27分钟: window:86400s), and words such as on board / 地面 / corporate / total;
statistic  median, mean, max, min (a peak crowd count is a count, not a statistic);
whose      who gives the figure (民陣公布, police said, according to officials): two
           sources in one article can disagree;
parties    whose figure it is: organisations the clause names before it (gazetteer,
           capitalised names), the speaker announcing its own figure, a place a
           sentence opens with (In Thailand), a Chinese place in pinyin (zh:taiguo),
           else the headline's: Google's cuts are not Microsoft's;
as_of      the day the figure is true for: a cutoff (截至8月2日, as of), else the day it
           was given (said on Tuesday, 23日通报), else another day of its sentence (on
           Thursday, 9日), else the lead's news day, else publication (as_of_from);
running    its measure is a tally that grows as it is counted (measures.csv);
movement   rise / fall: the figure is stated as a change from an earlier one (升至,
           has risen to).

These are our own rules: no library reads figure frames from Chinese and English news.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from pydantic import BaseModel, Field

from models.compare.stories import place_names
from models.entities import Gazetteer
from models.script import fold
from models.values.dates import parse_dates
from models.values.quantities import Quantity


class Frame(BaseModel):
    """The frame of one quantity (see the module docstring)."""

    measure: str = ""
    figure: bool = True
    scope: str = ""  # "|"-joined, sorted qualifiers
    statistic: str = ""
    whose: str = ""
    parties: list[str] = Field(default_factory=list)
    as_of: date | None = None
    # "cutoff" (截至…, as of…) | "spoken" (the day it was given: said on Tuesday, 5月3日
    # 报道) | "text" (another day in its sentence) | "lead" (the article's news day) |
    # "published"
    as_of_from: str = ""
    movement: str = ""
    running: bool = False  # a tally that grows as it is counted (Vocabulary.running)


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
# Role nouns say who is counted, event words what happened to them: 12名乘客遇难 counts
# deaths. An event word anywhere in the clause wins over a role noun next to the figure.
ROLE_MEASURES = frozenset(
    {"passengers", "crew", "on_board", "participants", "employees", "population", "buildings"}
)
# Role nouns that, next to an event word, narrow what is counted (the dead on board).
ROLE_SCOPES = frozenset({"passengers", "crew", "on_board"})
AGGREGATE_PARTIES = 3  # a figure this many organisations share is their total
LEVELS = ("world", "country", "province", "city", "county", "town")  # broadest first
_DURATIONS = frozenset({"s"})


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


_SENTENCE_END = re.compile(r"[。！？!?；;\n]|(?<=[a-z0-9)”\"'])\.(?=\s|$)")
# An ASCII comma ends a clause before a space or next to Chinese text (scraped pages
# often use it there), not inside a number (1,500).
_COMMA = r",(?=\s)|(?<=[^\x00-\x7f]),|,(?=[^\x00-\x7f])"
_CLAUSE_END = re.compile(
    r"[，；;：:（）()]|" + _COMMA + r"|\s(?:while|but|whereas)\s|\s[-–—]+\s|——"
)
_BOUNDARY = re.compile(r"[，。；;：:、（）()「」“”\"\n]|" + _COMMA + r"|\s(?:while|and|but)\s")
_ZH_WHO_CUT = re.compile(
    r"[在于於]|去年|今年|上周|本周|近日|稍后|稍後|深夜|当时|當時|晚间|凌晨|下午|上午|中午|昨|今|前|日|晚|早|\d|当天|隨後|随后|其后|其後|此前|早前|则|則|也|亦|还|還|再|已|曾|均|都"
)
_EN_WHO_CUT = re.compile(r"\s(?:of|in|on|at|from|for|who|had|has|have|would|will|also)\b")
_EN_RELATIVE = re.compile(r"(?:which|who)\b")
_EN_ARTICLE = re.compile(r"^(?:the|a|an|its|their)\s+")
_ACCORDING = re.compile(r"according to ([a-z][a-z .'-]{1,40}?)(?=[,.;]|$)")


def sentence_at(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end] (offsets into text)."""
    s = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 400), start)), default=0)
    if s == 0 and start > 400:
        s = start - 400
    m = _SENTENCE_END.search(text, end)
    return s, (m.end() if m else len(text))


def _clause(folded: str, start: int, end: int) -> tuple[int, int]:
    s = max((m.end() for m in _CLAUSE_END.finditer(folded, 0, start)), default=0)
    m = _CLAUSE_END.search(folded, end)
    return s, (m.start() if m else len(folded))


class FrameReader:
    """Frames of the quantities of one article; a sentence is read once."""

    def __init__(
        self, text: str, published_at: date | None, vocab: Vocabulary, gazetteer: Gazetteer
    ):
        self.text = text
        self.published_at = published_at
        self.vocab = vocab
        self.gazetteer = gazetteer
        self._sentences: dict[tuple[int, int], _Sentence] = {}
        self._news_day: date | bool | None = False  # False: not read yet
        self._head_parties: list[str] | None = None

    @property
    def news_day(self) -> date | None:
        """The day the news happened, as the lead states it (昨日（9日）, July 23, 7月23日):
        the as-of of a figure whose own sentence names no day. A lead date more than
        NEWS_DAY_LAG days before publication is background, not the news day."""
        if self._news_day is False:
            self._news_day = self.published_at
            lead = _lead(self.text)
            days = [
                (m.start, m.end_value or m.value)
                for m in parse_dates(lead, self.published_at)
                if m.precision == "day"
            ]
            days += [(s, day) for s, _, day in _english_days(lead, self.published_at, None)]
            for _, day in sorted(days, key=lambda d: d[0]):
                if self.published_at and 0 <= (self.published_at - day).days <= NEWS_DAY_LAG:
                    self._news_day = day
                    break
        return self._news_day  # type: ignore[return-value]

    def sentence(self, start: int, end: int) -> _Sentence:
        span = sentence_at(self.text, start, end)
        s = self._sentences.get(span)
        if s is None:
            s = self._sentences[span] = _Sentence(self, *span)
        return s

    @property
    def head_parties(self) -> list[str]:
        """The organisations the headline (the text's first line) names, else its
        Chinese places: whose figure a figure of the article is when its own sentence
        names nobody (Google parent Alphabet to cut 12,000 jobs; 谷歌宣布裁员1万人;
        河南强降雨已致25人遇难)."""
        if self._head_parties is None:
            head = self.text.split("\n", 1)[0][:200]
            kinds = ("org", "product")
            found = {m.entity.key for m in self.gazetteer.find(head) if m.entity.kind in kinds}
            if not found and _HAN.search(head):  # 河南强降雨已致25人遇难: the place
                found = {f"zh:{p}" for w, p in place_names(head) if w not in self.vocab}
            self._head_parties = sorted(found)
        return self._head_parties

    def event_before(self, start: int) -> list[Hit]:
        """The first event word (a measure that is not a role noun) of the sentence
        before the one starting at `start`, with offsets far from any figure."""
        if start <= 1:
            return []
        prev = self.sentence(*sentence_at(self.text, start - 1, start - 1))
        for h in prev.hits:
            if h.kind == "measure" and h.key not in ROLE_MEASURES:
                return [Hit(-1, -1, h.key, h.kind)]
        return []

    def frames(self, quantities: list[Quantity]) -> list[Frame]:
        """One frame per quantity (article offsets), windows read from the durations
        among them."""
        return [self.frame(q, quantities) for q in quantities]

    def frame(self, q: Quantity, others: list[Quantity]) -> Frame:
        sent = self.sentence(q.start, q.end)
        return sent.frame(q.start - sent.start, q.end - sent.start, q, others)


class _Sentence:
    def __init__(self, reader: FrameReader, start: int, end: int):
        self.reader = reader
        self.start = start
        self.raw = reader.text[start:end]
        folded = fold(self.raw).lower()
        self.folded = folded if len(folded) == len(self.raw) else self.raw.lower()
        self.hits = reader.vocab.hits(self.folded)
        self._speakers: list[tuple[int, int, str]] | None = None
        self._dates: list[tuple[int, int, date]] | None = None
        self._places: dict[tuple[int, int], list[str]] = {}

    # --- what the figure counts ------------------------------------------------------

    def frame(self, qs: int, qe: int, q: Quantity, others: list[Quantity]) -> Frame:
        if q.unit in _DURATIONS or q.unit in ("year", "month", "week", "day", "hour"):
            return Frame(figure=False, measure="duration")
        cs, ce = _clause(self.folded, qs, qe)
        in_clause = [h for h in self.hits if h.start >= cs and h.end <= ce]

        def dist(h: Hit) -> int:
            return qs - h.end if h.end <= qs else max(0, h.start - qe)

        if _RESTATED.search(self.folded, max(0, qs - 8), qs):
            prev = [
                o for o in others if self.start <= o.start and o.end <= q.start and o.unit == q.unit
            ]
            if prev:  # 大定88898台，也就是近9万台: the same figure, rounded
                p = prev[-1]
                return self.frame(p.start - self.start, p.end - self.start, p, others)
        share = self._share_base(qs, qe, ce)
        if _REFERENCE.search(self.folded, max(0, qs - 6), qs):
            return Frame(figure=False, measure="reference")  # 这两个领域: named before
        near = [h for h in in_clause if h.kind == "not_figure" and dist(h) <= 3]
        if near or (q.measure_word and fold(q.measure_word) in ("岁",)):
            return Frame(figure=False, measure=near[0].key if near else "age")
        ignored = [(h.start, h.end) for h in self.hits if h.kind == "ignore"]
        measures = [h for h in in_clause if h.kind == "measure" and not _ignored(h, ignored)]
        if not measures and _BASE.search(self.folded, max(0, qs - 24), qs):
            # …186,779 employees, up from about 150,000 a year earlier: the same measure
            measures = [
                h
                for h in self.hits
                if h.kind == "measure" and h.end <= qs and not _ignored(h, ignored)
            ][-1:]
        if not measures:  # the clause says nothing: the rest of the sentence may
            measures = [
                h
                for h in self.hits
                if h.kind == "measure" and dist(h) <= 40 and not _ignored(h, ignored)
            ]
        measure = ""
        scope = self._scope(qs, qe, cs, ce, others)
        if all(h.key in ROLE_MEASURES for h in measures) and any(
            h.kind == "refer" and h.end <= qs for h in in_clause
        ):
            # 涉及员工或达数百人 after a sentence about a relocation: those involved in
            # the event the previous sentence tells, not the whole staff.
            measures = self.reader.event_before(self.start) or measures
        if measures:
            best = min(measures, key=lambda h: (h.key in ROLE_MEASURES, dist(h), h.start))
            if _REACHED.search(self.folded, max(0, qs - 16), qs):
                # The death toll from Friday's magnitude 7.7 quake has risen to 1,644: what
                # rose is the clause's subject, its first measure before the figure.
                before = [h for h in measures if h.end <= qs and h.start >= cs]
                best = min(before, key=lambda h: h.start) if before else best
            measure = best.key
            # 12名乘客遇难: the dead among the passengers, not all the dead.
            role = [
                h.key
                for h in measures
                if h.key in ROLE_SCOPES and h.key != measure and dist(h) <= 2
            ]
            if role and measure not in ROLE_MEASURES:
                scope = "|".join(sorted({*filter(None, scope.split("|")), f"of:{role[0]}"}))
        if share:  # 占公司约35万个岗位的近10%: the whole the news figure is a share of
            scope = "|".join(sorted({*filter(None, scope.split("|")), "pool"}))
        parties = self._parties(cs, qs) or self.reader.head_parties
        organisations = [p for p in parties if ":" not in p]  # gazetteer keys
        if len(organisations) >= AGGREGATE_PARTIES:  # Meta、谷歌、微软、亚马逊已裁员超过10万人
            scope = "|".join(sorted({*filter(None, scope.split("|")), "total"}))
        return Frame(
            measure=measure,
            running=measure in self.reader.vocab.running,
            scope=scope,
            statistic=next(
                (
                    h.key
                    for h in in_clause
                    if h.kind == "statistic" and h.end <= qs and not _ignored(h, ignored)
                ),
                "",
            ),
            whose=self._whose(qs),
            parties=parties,
            movement=next(
                (h.key for h in self.hits if h.kind == "movement" and 0 <= qs - h.end <= 3), ""
            ),
            **self._as_of(qs, qe),
        )

    def _scope(self, qs: int, qe: int, cs: int, ce: int, others: list[Quantity]) -> str:
        # Qualifiers before the figure in its sentence, or after it in its clause.
        out = {
            h.key
            for h in self.hits
            if h.kind == "scope" and (h.end <= qs or (qe <= h.start and h.end <= ce))
        }
        # 150个县, 1663个乡镇: units counted, not the place the figure counts.
        levels = [
            h
            for h in self.hits
            if h.kind == "level"
            and not _COUNTED_UNIT.search(self.folded, max(0, h.start - 3), h.start)
        ]
        before = [h for h in levels if h.end <= qs]
        after = [h for h in levels if h.start >= qe and h.end <= ce]
        level = max(before, key=lambda h: h.end) if before else (after[0] if after else None)
        if level is not None:
            out.add(f"in:{level.key}")
        for o in others:  # a window in the clause: 24小时大定, in the first 24 hours
            s, e = o.start - self.start, o.end - self.start
            window = o.unit in _DURATIONS and cs <= s and e <= ce and (s, e) != (qs, qe)
            # …of the figure next to it: 从24小时8.8万台大定到目前4万多台锁单
            lo, hi = (e, qs) if e <= qs else (qe, s)
            between = any(
                x is not o and lo <= x.start - self.start and x.end - self.start <= hi
                for x in others
            )
            if window and not between and o.low is not None and o.low == o.high:
                out.add(f"window:{o.low:g}s")
        return "|".join(sorted(out))

    # --- whose figure it is -----------------------------------------------------------

    def _whose(self, qs: int) -> str:
        speaker = self._speaker(qs)
        return speaker[2] if speaker else ""

    def _speaker(self, qs: int) -> tuple[int, int, str] | None:
        """The speaker nearest before the figure in its sentence, else the last after."""
        if self._speakers is None:
            self._speakers = self._find_speakers()
        before = [s for s in self._speakers if s[1] <= qs]
        if before:
            return before[-1]
        # After it, a speaker who gives no figure of their own (…, police said), not
        # one who goes on to another figure (…1萬人，亞馬遜也表示將裁撤逾1萬8000個).
        after = [s for s in self._speakers if s[0] >= qs and not _FIGURE.search(self.folded, s[1])]
        return after[-1] if after else None

    def _find_speakers(self) -> list[tuple[int, int, str]]:
        out = []
        f = self.folded
        for h in self.hits:
            if h.kind != "speech":
                continue
            cut = max(
                (m.end() for m in _BOUNDARY.finditer(f, max(0, h.start - 60), h.start)), default=0
            )
            cut = max(cut, h.start - 60)
            who = f[cut : h.start].strip()
            while not who and cut > 1 and f[cut - 1] == ",":
                # The Front, which called the march, put the turnout at…: the speaker is
                # before the relative clause.
                prev = max(
                    (m.end() for m in _BOUNDARY.finditer(f, max(0, cut - 61), cut - 1)),
                    default=max(0, cut - 61),
                )
                clause = f[prev : cut - 1].strip()
                if not _EN_RELATIVE.match(clause):
                    break
                end = prev - 1
                prev = max(
                    (m.end() for m in _BOUNDARY.finditer(f, max(0, end - 60), end)),
                    default=max(0, end - 60),
                )
                cut, who = prev, f[prev:end].strip()
            if who.isascii():
                who = _EN_ARTICLE.sub("", _EN_WHO_CUT.split(" " + who, maxsplit=1)[0].strip())
                who = who if 1 <= len(who.split()) <= 5 else ""
            else:
                who = _ZH_WHO_CUT.split(who, maxsplit=1)[0][-8:]
                who = who if len(who) >= 2 else ""
            if who:
                out.append((cut, h.end, who))
        for m in _ACCORDING.finditer(f):
            out.append((m.start(), m.end(), _EN_ARTICLE.sub("", m.group(1).strip())))
        return sorted(out)

    def _parties(self, cs: int, qs: int) -> list[str]:
        """Who the figure belongs to: organisations and products the gazetteer knows,
        and capitalised names, in its clause before it (not the one who states it)."""
        gaz = self.reader.gazetteer
        if self._speakers is None:
            self._speakers = self._find_speakers()
        spoken = [(a, b) for a, b, _ in self._speakers]
        found = set()
        # The clause, with a gloss in brackets kept in it: 微軟（Microsoft）2天前宣布裁員1萬人.
        ps = max((m.end() for m in _PARTY_CUT.finditer(self.folded, 0, qs)), default=0)
        for m in gaz.find(self.raw[ps:qs]):
            if m.entity.kind in ("org", "product") and not _within(ps + m.start, spoken):
                found.add(m.entity.key)
        speaker = self._speaker(qs)
        if not found and speaker is not None:
            # 亚马逊宣布裁员1.8万人, Meta said it would cut 11,000: an organisation
            # announcing a figure of its own.
            a, b, _ = speaker
            kinds = ("org", "product")
            found = {m.entity.key for m in gaz.find(self.raw[a:b]) if m.entity.kind in kinds}
        words = self.raw.split()
        if sum(w[:1].isupper() for w in words) > 0.6 * len(words):
            return sorted(found)  # A Headline In Title Case names nothing by capitals
        for n in _NAME.finditer(self.raw, cs, qs):
            if n.start() == 0 or _within(n.start(), spoken):
                continue  # a sentence's first word is capitalised anyway
            name = n.group().lower()
            if name not in _NOT_PARTY:
                found.add(gaz.known_key(name) or name)
        for p in _IN_PLACE.finditer(self.raw, 0, qs):
            # In Thailand, which was also hit, authorities said 20 died: the place a
            # sentence opens with is where its figures are.
            name = p.group(1).lower()
            if name not in _NOT_PARTY:
                found.add(gaz.known_key(name) or name)
        if _HAN.search(self.raw, 0, qs) and not found:
            # 其中泰国曼谷一座高楼倒塌，上百人下落不明: the places of the nearest clause
            # before the figure that names any (jieba tags a few verbs as places, 波及:
            # a vocabulary word is not one).
            ends = [0, *(m.end() for m in _PARTY_CUT.finditer(self.folded, 0, qs)), qs]
            for start, end in reversed(list(itertools.pairwise(ends))):
                if (start, end) not in self._places:
                    names = place_names(self.raw[start:end])
                    self._places[start, end] = [p for w, p in names if w not in self.reader.vocab]
                if self._places[start, end]:
                    found.update(f"zh:{p}" for p in self._places[start, end])
                    break
        return sorted(found)

    # --- when it is true --------------------------------------------------------------

    def _share_base(self, qs: int, qe: int, ce: int) -> bool:
        """The figure is what a percentage is of: 占公司约35万个岗位的近10%, 10% of its
        350,000 corporate employees."""
        f = self.folded
        if _SHARE_OF_ZH.search(f, max(0, qs - 8), qs) and _PERCENT_AFTER.match(f, qe, ce):
            return True
        return bool(_SHARE_OF_EN.search(f, max(0, qs - 30), qs))

    def _next_to_speech(self, start: int, end: int) -> bool:
        """A date right after a speech word (said on Tuesday) or right before one
        (23日通报, on Tuesday said)."""
        return any(
            h.kind == "speech" and (0 <= start - h.end <= 4 or 0 <= h.start - end <= 3)
            for h in self.hits
        )

    def _as_of(self, qs: int, qe: int) -> dict[str, Any]:
        published = self.reader.published_at
        if self._dates is None:
            self._dates = []
            for m in parse_dates(self.raw, published):
                if (
                    m.open == "after"
                    or _SINCE.match(self.raw, m.end)
                    or _UNTIL.match(self.raw, m.end)
                    or self.raw[m.end : m.end + 1] in _NUMBERED
                ):
                    continue  # 7月16日以来: when the period began, not when it was counted
                day = m.end_value or m.value
                if published is not None and day > published:
                    continue  # a forecast or a deadline
                self._dates.append((m.start, m.end, day))
            self._dates += _english_days(self.raw, published, self.reader.news_day)
        _, ce = _clause(self.folded, qs, qe)
        # The day a figure was given (…has reached 2,719, the junta chief said on Tuesday;
        # 河南省23日通报) wins over other days of its sentence (the quake that struck on
        # Friday), else a day before the figure in its sentence or after it in its
        # clause: a day in another clause after it is some other event's.
        cutoff = [
            d
            for d in self._dates
            if d[1] <= qs and _CUTOFF.search(self.folded, max(0, d[0] - 8), d[0])
        ]
        if cutoff:  # 截至3月31日12时, as of April 24: the day the count stands at
            return {"as_of": cutoff[-1][2], "as_of_from": "cutoff"}
        near = [d for d in self._dates if d[1] <= qs or (qe <= d[0] and d[1] <= ce)]
        # A speech day before the figure, or in a trailing attribution after it with no
        # other figure between (…has reached 2,719, the junta chief said on Tuesday).
        spoken = [
            d
            for d in self._dates
            if self._next_to_speech(d[0], d[1])
            and (
                d[1] <= qs
                or (
                    qe <= d[0]
                    and not _FIGURE.search(self.folded, qe, d[0])
                    and not _FIGURE.search(self.folded, d[1])
                )
            )
        ]
        days = spoken or near
        if days:
            _, _, day = min(days, key=lambda d: qs - d[1] if d[1] <= qs else d[0] - qe + 5)
            return {"as_of": day, "as_of_from": "spoken" if spoken else "text"}
        news_day = self.reader.news_day
        if news_day is not None:
            kind = "published" if news_day == published else "lead"
            return {"as_of": news_day, "as_of_from": kind}
        return {}


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_EN_WEEKDAY = re.compile(
    r"\b(?:(?:on|since|by|last) (" + "|".join(_WEEKDAYS) + r")\b|(" + "|".join(_WEEKDAYS) + r")'s)",
    re.I,
)
_EN_BACK = re.compile(
    r"\b(?:(a week|a day|two days|two weeks|a year) (?:earlier|before|ago)|(last week)|(yesterday))\b",
    re.I,
)
_BACK_DAYS = {
    "a week": 7,
    "two weeks": 14,
    "a year": 365,
    "a day": 1,
    "two days": 2,
    "last week": 7,
    "yesterday": 1,
}


def _english_days(
    raw: str, published: date | None, news_day: date | None
) -> list[tuple[int, int, date]]:
    """Days English text names that parse_dates leaves alone: a year (in 2016), a
    weekday (on Thursday: the last one up to publication; Sunday's march only for the
    lead's news day, `news_day` None) and a step back from the news day (a week
    earlier, yesterday)."""
    if published is None or not raw.isascii():
        return []
    out = []
    for y in _EN_YEAR.finditer(raw):
        if int(y.group(1)) < published.year:
            out.append((y.start(), y.end(), date(int(y.group(1)), 12, 31)))
    for w in _EN_WEEKDAY.finditer(raw):
        if w.group(2) and news_day is not None:
            continue  # Friday's quake names the event's day, not when a toll was counted
        back = (published.weekday() - _WEEKDAYS.index((w.group(1) or w.group(2)).lower())) % 7
        out.append((w.start(), w.end(), published - timedelta(days=back)))
    for b in _EN_BACK.finditer(raw):
        phrase = next(g for g in b.groups() if g).lower()
        anchor = news_day or published
        out.append((b.start(), b.end(), anchor - timedelta(days=_BACK_DAYS[phrase])))
    return out


_EN_YEAR = re.compile(r"\b(?:in|since|of) ((?:19|20)\d\d)\b(?![-/.]\d)")
_CUTOFF = re.compile(
    r"(?:截至|截止|截至到|\bas of|\bas at|\bby)\s*(?:当地时间|北京时间|local time)?\s*$"
)
_SHARE_OF_ZH = re.compile(r"[占佔](?:到|了)?[^，。；,;]{0,6}$")
_PERCENT_AFTER = re.compile(
    r"[^，。；,;]{0,12}?的[^，。；,;]{0,4}?(?:\d|[一二三四五六七八九十半])[^，。；,;]{0,3}?(?:%|％|成|分之)"
)
_SHARE_OF_EN = re.compile(
    r"(?:%|per ?cent|percent) of (?:its|their|the|his|her)?\s*(?:[a-z-]+ )?(?:about |around |some |roughly |nearly )?$"
)
# 也就是近9万台, that is, nearly 90,000: the figure just before, restated.
_RESTATED = re.compile(r"(?:也就是|亦即|即|换言之|換言之|\bthat is,?|\bi\.e\.,?)\s*$")
# 这两个关键领域, these two companies: things already named, not a figure of the story.
_REFERENCE = re.compile(r"(?:[这那该此]|\b(?:these|those|both)\s+)$")
# 5号线, 3号楼: a numbered thing, not the 5th of the month.
_COUNTED_UNIT = re.compile(r"\d\s*[个個]?$|[个個]$")
_NUMBERED = frozenset("线線楼樓院门門口房车車位台")
NEWS_DAY_LAG = 3
_PARAGRAPH = re.compile(r"\n\s*\n")


def _lead(text: str) -> str:
    """The first paragraph of the body with a full sentence (after the headline and any
    byline or date line)."""
    parts = [p.strip() for p in _PARAGRAPH.split(text[:3000]) if p.strip()]
    for p in parts[1:]:
        if len(p) >= 40:
            return p[:400]
    return parts[0][:400] if parts else ""


_SINCE = re.compile(r"\s*(?:以来|以來|起|开始|開始|至今)")
_UNTIL = re.compile(r"\s*(?:之前|以前|前|为止|為止)")


def _within(at: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= at < b for a, b in spans)


_REACHED = re.compile(
    r"\b(?:risen|rose|rises|climbed|jumped|increased|reached|reaches|topped|hit|stood|stands)"
    r"(?: to| at)?(?: more than| over| about| around)? $|(?:升至|增至|达到|達到|攀升至|上升至)$"
)
# The figure a change is measured from: up from about 150,000; 较去年同期的…
_BASE = re.compile(
    r"\b(?:up|down|rising|falling) from (?:about |around |some |nearly )?$|[较較比]$"
)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_PARTY_CUT = re.compile(r"[，；;：:。]|" + _COMMA + r"|\s(?:while|but|whereas)\s")
_FIGURE = re.compile(r"\d|[一二两三四五六七八九十百千万亿]")
_IN_PLACE = re.compile(r"\b(?:In|in) ([A-Z][a-z]+(?: [A-Z][a-z]+)?)\b")
_NAME = re.compile(r"\b[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+){0,2}\b")
_NOT_PARTY = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "for",
        "of",
        "by",
        "and",
        "but",
        "as",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "they",
        "we",
        "there",
        "his",
        "her",
        "their",
        "our",
        "after",
        "before",
        "since",
        "until",
        "from",
        "with",
        "about",
        "around",
        "nearly",
        "more",
        "than",
        "over",
        "under",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "rmb",
        "usd",
        "cny",
        "yuan",
        "us",
    ]
)


def _ignored(h: Hit, ignored: list[tuple[int, int]]) -> bool:
    return any(a <= h.start and h.end <= b for a, b in ignored)
