"""FrameReader: the frames of an article's quantities, read sentence by sentence with
the vocabulary (models.compare.frames says what a frame holds)."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from models.compare import frame_words as fw
from models.compare.frames import Frame
from models.compare.stories import place_names
from models.compare.vocabulary import Hit, Vocabulary
from models.entities import Gazetteer
from models.script import fold
from models.values.dates import parse_dates
from models.values.quantities import Quantity


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
        fw.NEWS_DAY_LAG days before publication is background, not the news day."""
        if self._news_day is False:
            self._news_day = self.published_at
            lead = fw.lead(self.text)
            days = [
                (m.start, m.end_value or m.value)
                for m in parse_dates(lead, self.published_at)
                if m.precision == "day"
            ]
            days += [(s, day) for s, _, day in fw.english_days(lead, self.published_at, None)]
            for _, day in sorted(days, key=lambda d: d[0]):
                if self.published_at and 0 <= (self.published_at - day).days <= fw.NEWS_DAY_LAG:
                    self._news_day = day
                    break
        return self._news_day  # type: ignore[return-value]

    def sentence(self, start: int, end: int) -> _Sentence:
        span = fw.sentence_at(self.text, start, end)
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
            if not found and fw.HAN.search(head):  # 河南强降雨已致25人遇难: the place
                found = {f"zh:{p}" for w, p in place_names(head) if w not in self.vocab}
            self._head_parties = sorted(found)
        return self._head_parties

    def event_before(self, start: int) -> list[Hit]:
        """The first event word (a measure that is not a role noun) of the sentence
        before the one starting at `start`, with offsets far from any figure."""
        if start <= 1:
            return []
        prev = self.sentence(*fw.sentence_at(self.text, start - 1, start - 1))
        for h in prev.hits:
            if h.kind == "measure" and h.key not in fw.ROLE_MEASURES:
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
        if q.unit in fw.DURATIONS or q.unit in ("year", "month", "week", "day", "hour"):
            return Frame(figure=False, measure="duration")
        cs, ce = fw.clause(self.folded, qs, qe)
        in_clause = [h for h in self.hits if h.start >= cs and h.end <= ce]

        def dist(h: Hit) -> int:
            return qs - h.end if h.end <= qs else max(0, h.start - qe)

        if fw.RESTATED.search(self.folded, max(0, qs - 8), qs):
            prev = [
                o for o in others if self.start <= o.start and o.end <= q.start and o.unit == q.unit
            ]
            if prev:  # 大定88898台，也就是近9万台: the same figure, rounded
                p = prev[-1]
                return self.frame(p.start - self.start, p.end - self.start, p, others)
        share = self._share_base(qs, qe, ce)
        if fw.REFERENCE.search(self.folded, max(0, qs - 6), qs):
            return Frame(figure=False, measure="reference")  # 这两个领域: named before
        near = [h for h in in_clause if h.kind == "not_figure" and dist(h) <= 3]
        if near or (q.measure_word and fold(q.measure_word) in ("岁",)):
            return Frame(figure=False, measure=near[0].key if near else "age")
        ignored = [(h.start, h.end) for h in self.hits if h.kind == "ignore"]
        measures = [h for h in in_clause if h.kind == "measure" and not fw.ignored(h, ignored)]
        if not measures and fw.BASE.search(self.folded, max(0, qs - 24), qs):
            # …186,779 employees, up from about 150,000 a year earlier: the same measure
            measures = [
                h
                for h in self.hits
                if h.kind == "measure" and h.end <= qs and not fw.ignored(h, ignored)
            ][-1:]
        if not measures:  # the clause says nothing: the rest of the sentence may
            measures = [
                h
                for h in self.hits
                if h.kind == "measure" and dist(h) <= 40 and not fw.ignored(h, ignored)
            ]
        measure = ""
        scope = self._scope(qs, qe, cs, ce, others)
        if all(h.key in fw.ROLE_MEASURES for h in measures) and any(
            h.kind == "refer" and h.end <= qs for h in in_clause
        ):
            # 涉及员工或达数百人 after a sentence about a relocation: those involved in
            # the event the previous sentence tells, not the whole staff.
            measures = self.reader.event_before(self.start) or measures
        if measures:
            best = min(measures, key=lambda h: (h.key in fw.ROLE_MEASURES, dist(h), h.start))
            if fw.REACHED.search(self.folded, max(0, qs - 16), qs):
                # The death toll from Friday's magnitude 7.7 quake has risen to 1,644: what
                # rose is the clause's subject, its first measure before the figure.
                before = [h for h in measures if h.end <= qs and h.start >= cs]
                best = min(before, key=lambda h: h.start) if before else best
            measure = best.key
            # 12名乘客遇难: the dead among the passengers, not all the dead.
            role = [
                h.key
                for h in measures
                if h.key in fw.ROLE_SCOPES and h.key != measure and dist(h) <= 2
            ]
            if role and measure not in fw.ROLE_MEASURES:
                scope = "|".join(sorted({*filter(None, scope.split("|")), f"of:{role[0]}"}))
        if share:  # 占公司约35万个岗位的近10%: the whole the news figure is a share of
            scope = "|".join(sorted({*filter(None, scope.split("|")), "pool"}))
        parties = self._parties(cs, qs) or self.reader.head_parties
        organisations = [p for p in parties if ":" not in p]  # gazetteer keys
        if len(organisations) >= fw.AGGREGATE_PARTIES:  # Meta、谷歌、微软、亚马逊已裁员超过10万人
            scope = "|".join(sorted({*filter(None, scope.split("|")), "total"}))
        return Frame(
            measure=measure,
            running=measure in self.reader.vocab.running,
            scope=scope,
            statistic=next(
                (
                    h.key
                    for h in in_clause
                    if h.kind == "statistic" and h.end <= qs and not fw.ignored(h, ignored)
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
            and not fw.COUNTED_UNIT.search(self.folded, max(0, h.start - 3), h.start)
        ]
        before = [h for h in levels if h.end <= qs]
        after = [h for h in levels if h.start >= qe and h.end <= ce]
        level = max(before, key=lambda h: h.end) if before else (after[0] if after else None)
        if level is not None:
            out.add(f"in:{level.key}")
        for o in others:  # a window in the clause: 24小时大定, in the first 24 hours
            s, e = o.start - self.start, o.end - self.start
            window = o.unit in fw.DURATIONS and cs <= s and e <= ce and (s, e) != (qs, qe)
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
        after = [
            s for s in self._speakers if s[0] >= qs and not fw.FIGURE.search(self.folded, s[1])
        ]
        return after[-1] if after else None

    def _find_speakers(self) -> list[tuple[int, int, str]]:
        out = []
        f = self.folded
        for h in self.hits:
            if h.kind != "speech":
                continue
            cut = max(
                (m.end() for m in fw.BOUNDARY.finditer(f, max(0, h.start - 60), h.start)), default=0
            )
            cut = max(cut, h.start - 60)
            who = f[cut : h.start].strip()
            while not who and cut > 1 and f[cut - 1] == ",":
                # The Front, which called the march, put the turnout at…: the speaker is
                # before the relative clause.
                prev = max(
                    (m.end() for m in fw.BOUNDARY.finditer(f, max(0, cut - 61), cut - 1)),
                    default=max(0, cut - 61),
                )
                clause = f[prev : cut - 1].strip()
                if not fw.EN_RELATIVE.match(clause):
                    break
                end = prev - 1
                prev = max(
                    (m.end() for m in fw.BOUNDARY.finditer(f, max(0, end - 60), end)),
                    default=max(0, end - 60),
                )
                cut, who = prev, f[prev:end].strip()
            if who.isascii():
                who = fw.EN_ARTICLE.sub("", fw.EN_WHO_CUT.split(" " + who, maxsplit=1)[0].strip())
                who = who if 1 <= len(who.split()) <= 5 else ""
            else:
                who = fw.ZH_WHO_CUT.split(who, maxsplit=1)[0][-8:]
                who = who if len(who) >= 2 else ""
            if who:
                out.append((cut, h.end, who))
        for m in fw.ACCORDING.finditer(f):
            out.append((m.start(), m.end(), fw.EN_ARTICLE.sub("", m.group(1).strip())))
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
        ps = max((m.end() for m in fw.PARTY_CUT.finditer(self.folded, 0, qs)), default=0)
        for m in gaz.find(self.raw[ps:qs]):
            if m.entity.kind in ("org", "product") and not fw.within(ps + m.start, spoken):
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
        for n in fw.NAME.finditer(self.raw, cs, qs):
            if n.start() == 0 or fw.within(n.start(), spoken):
                continue  # a sentence's first word is capitalised anyway
            name = n.group().lower()
            if name not in fw.NOT_PARTY:
                found.add(gaz.known_key(name) or name)
        for p in fw.IN_PLACE.finditer(self.raw, 0, qs):
            # In Thailand, which was also hit, authorities said 20 died: the place a
            # sentence opens with is where its figures are.
            name = p.group(1).lower()
            if name not in fw.NOT_PARTY:
                found.add(gaz.known_key(name) or name)
        if fw.HAN.search(self.raw, 0, qs) and not found:
            # 其中泰国曼谷一座高楼倒塌，上百人下落不明: the places of the nearest clause
            # before the figure that names any (jieba tags a few verbs as places, 波及:
            # a vocabulary word is not one).
            ends = [0, *(m.end() for m in fw.PARTY_CUT.finditer(self.folded, 0, qs)), qs]
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
        if fw.SHARE_OF_ZH.search(f, max(0, qs - 8), qs) and fw.PERCENT_AFTER.match(f, qe, ce):
            return True
        return bool(fw.SHARE_OF_EN.search(f, max(0, qs - 30), qs))

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
                    or fw.SINCE.match(self.raw, m.end)
                    or fw.UNTIL.match(self.raw, m.end)
                    or self.raw[m.end : m.end + 1] in fw.NUMBERED
                ):
                    continue  # 7月16日以来: when the period began, not when it was counted
                day = m.end_value or m.value
                if published is not None and day > published:
                    continue  # a forecast or a deadline
                self._dates.append((m.start, m.end, day))
            self._dates += fw.english_days(self.raw, published, self.reader.news_day)
        _, ce = fw.clause(self.folded, qs, qe)
        # The day a figure was given (…has reached 2,719, the junta chief said on Tuesday;
        # 河南省23日通报) wins over other days of its sentence (the quake that struck on
        # Friday), else a day before the figure in its sentence or after it in its
        # clause: a day in another clause after it is some other event's.
        cutoff = [
            d
            for d in self._dates
            if d[1] <= qs and fw.CUTOFF.search(self.folded, max(0, d[0] - 8), d[0])
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
                    and not fw.FIGURE.search(self.folded, qe, d[0])
                    and not fw.FIGURE.search(self.folded, d[1])
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
