"""The offline extractor: check-worthy sentences → claims with subject, predicate,
source and hedging, without an LLM.

Deterministic and fast, for the demo, CI, air-gapped newsrooms and bulk runs. A
sentence (or its clause before a hypothetical tail) is a claim when it states a
figure (not a duration, age or small count), a factual verb or a stated date about a
named entity or source, or a company's official statement, and is not furniture,
opinion, a question or a hypothetical (models.extract.checkworthy). A sentence that goes on to
a second named subject is split into two claims when both halves are claims.

Context is carried the way a reader carries it: the source named in a paragraph
speaks for its later sentences (美国华尔街日报周四报道说… 其中一人说… stays the Journal's),
a bare 报道说 refers to the last outlet named, a predicate carries to a sentence that
only gives a figure (…打包赴美。涉及员工或达数百人。), and the subject falls back to the
entity last talked about; pronouns (其, 该公司, 他, 它, it, the company) resolve to the
nearest entity of a suitable kind. Gazetteer matching runs once per chunk; jieba's
part-of-speech tagging only for the claim sentences in which the gazetteer found no
subject.
"""

from __future__ import annotations

import bisect
import re
import threading
from dataclasses import dataclass, field, replace

from models.article import Article, Chunk
from models.claims import ExtractedClaim
from models.entities import SOURCE_KINDS, Gazetteer, Mention
from models.extract import pos
from models.extract.attribution import Attribution, attribution, hedged, trailing_attribution
from models.extract.checkworthy import (
    claim_clause,
    is_exclamation,
    is_furniture_line,
    tail_zone_start,
)
from models.extract.predicates import PREDICATES, first_predicate_at, is_pool, predicate_of
from models.extract.subjects import (
    MIN_CLAIM_CHARS,
    SPACE_AND_QUOTES,
    candidates_of,
    second_subject_at,
    standalone,
    subject_candidates,
    subject_region,
    with_title,
)
from models.text.chunking import split_sentences
from models.values.dates import parse_dates
from models.values.quantities import Quantity, parse_quantities

RULES_VERSION = 2
__all__ = [
    "PREDICATES",
    "RULES_VERSION",
    "extract_offline",
]  # PREDICATES: see models.extract.predicates
SMALL_COUNT = 10
_STATED_DATE = re.compile(r"\d|[一二三四五六七八九十]月")
_DURATION_UNITS = frozenset({"year", "month", "day", "s"})
# How far after a speaker's name the entity it talks about may start (…说，Meta给…).
SPEAKER_GAP = 8
# A source named in a paragraph speaks for at most this many sentences after it.
CARRY_SENTENCES = 4
# Long sentences without a figure are commentary far more often than one checkable fact.
MAX_PLAIN_CLAIM_CHARS = 120

# A pronoun counts only where a clause's subject stands: 此前他也押注了…, …表示，它正在计划….
_PRONOUN = re.compile(
    r"(?:^|(?<=[，,；;：:]))\s*(?:此前|随后|隨後|目前|同时|同時|还|還|也|则|則|并|並)?\s*(?:"
    r"(?P<org>该公司|該公司|这家公司|這家公司|该企业|該企業|它们|它們|它|\b(?:the company|it)\b)"
    r"|(?P<person>他们|他們|她们|她們|他|她|\b(?:he|she|they)\b)"
    r"|(?P<any>其(?![中他它余餘实實次])|\bits\b))",
    re.IGNORECASE,
)
_BREAK = re.compile(r"[，,：:]")
_LATIN_NUMBER = re.compile(
    r"(?<![\w.])\d[\d,.]*\s*(?:%|percent|million|billion|people|employees|jobs)?"
)
_YEAR_ONLY = re.compile(r"^(?:19|20)\d\d$")


def extract_offline(chunk: Chunk, article: Article, gazetteer: Gazetteer) -> list[ExtractedClaim]:
    """Claims in `chunk`, with quotes copied from it and `chunk_start` set.

    What the article said before the chunk (who is talking, about whom) is read from
    the article's start, or resumed from where the previous chunk of the same article
    left off: the result is the same either way, only faster when chunks come in order.
    """
    text = article.text
    key = (article.article_id, id(gazetteer), chunk.start)
    with _RESUME_LOCK:
        saved = _RESUME.pop(key, None)
    start = saved[0] if saved else 0
    reader = _Reader(article, gazetteer, start, chunk.end)
    if saved:
        reader.state = replace(saved[1])
    claims: list[ExtractedClaim] = []
    for s, e in split_sentences(text, start, chunk.end):
        for offset, claim in reader.read(s, e, emit=s >= chunk.start):
            claim.chunk_start = s + offset - chunk.start
            claims.append(claim)
    next_start = chunk.end
    while next_start < len(text) and text[next_start].isspace():
        next_start += 1
    with _RESUME_LOCK:
        _RESUME[(article.article_id, id(gazetteer), next_start)] = (
            next_start,
            replace(reader.state),
        )
        while len(_RESUME) > RESUME_SLOTS:
            _RESUME.pop(next(iter(_RESUME)))
    return claims


# Reader states at the end of recent chunks, keyed by (article, gazetteer, offset of
# the next chunk): a memo, so processing a chunk alone gives the same claims.
_RESUME: dict[tuple[str, int, int], tuple[int, _State]] = {}
RESUME_SLOTS = 256
_RESUME_LOCK = threading.Lock()  # extractors may run chunks on several threads


@dataclass
class _State:
    """What the text so far says about who is talking, about whom, doing what."""

    source: str | None = None  # named in this paragraph
    source_about: str | None = None  # key of what the sourced sentence was about
    source_age: int = 0  # sentences since the source was named
    predicate: str | None = None  # this paragraph's verb
    last_outlet: str | None = None  # what a bare 报道说 refers to
    subject: str | None = None
    subject_kind: str | None = None
    last_person: str | None = None
    last_org: str | None = None
    paragraph_start: int = -1


@dataclass
class _Reader:
    article: Article
    gazetteer: Gazetteer
    start: int
    end: int
    state: _State = field(default_factory=_State)

    def __post_init__(self) -> None:
        text = self.article.text
        self.zone = tail_zone_start(text)
        self.mentions = [
            Mention(m.start + self.start, m.end + self.start, m.entity)
            for m in self.gazetteer.find(text[self.start : self.end])
        ]
        self.starts = [m.start for m in self.mentions]

    def read(self, s: int, e: int, emit: bool) -> list[tuple[int, ExtractedClaim]]:
        """The claims of the sentence text[s:e] (with their offsets in it), and what it
        tells about the context; `emit` False only reads the context."""
        text = self.article.text
        if s >= self.zone or self._low_quality(s, e) or is_furniture_line(text, s):
            return []
        paragraph = text.rfind("\n", 0, s) + 1
        if paragraph != self.state.paragraph_start:
            self.state.paragraph_start = paragraph
            self.state.source = self.state.predicate = None
        sentence = text[s:e]
        mentions = self._mentions(s, e)
        att = attribution(sentence, mentions, SOURCE_KINDS)
        claims = self._claims(sentence, mentions, att, None) if emit else []
        self._update(sentence, mentions, att)
        return claims

    def _claims(
        self,
        sentence: str,
        mentions: list[Mention],
        att: Attribution | None,
        inherited: Attribution | None,
    ) -> list[tuple[int, ExtractedClaim]]:
        """Clause level: a sentence that goes on to a second named subject
        (涉及员工或达数百人，微软美国还表示…) is two claims when both halves are claims."""
        whole = self._claim(sentence, mentions, att, inherited)
        if whole is None:
            return []
        cut = second_subject_at(whole.quote, mentions)
        if cut is None:
            return [(0, whole)]
        left_text, left_mentions = sentence[:cut], [m for m in mentions if m.end <= cut]
        left_att = attribution(left_text, left_mentions, SOURCE_KINDS)
        left = self._claim(left_text, left_mentions, left_att, inherited)
        start = cut + 1
        while start < len(whole.quote) and whole.quote[start] in SPACE_AND_QUOTES:
            start += 1
        right_text = whole.quote[start:]
        right_mentions = [
            Mention(m.start - start, m.end - start, m.entity) for m in mentions if m.start >= start
        ]
        # 据X报道，A…，B…: the outlet speaks for both halves; a speaker only for its own.
        carried = left_att if left_att and (left_att.is_outlet or left_att.anonymous) else None
        right = self._claims(
            right_text,
            right_mentions,
            attribution(right_text, right_mentions, SOURCE_KINDS),
            carried or inherited,
        )
        if left is None or not right:
            return [(0, whole)]
        return [(0, left), *((start + offset, claim) for offset, claim in right)]

    def _low_quality(self, s: int, e: int) -> bool:
        return any(a < e and s < b for a, b in self.article.low_quality)

    def _mentions(self, s: int, e: int) -> list[Mention]:
        i, j = bisect.bisect_left(self.starts, s), bisect.bisect_left(self.starts, e)
        return [Mention(m.start - s, m.end - s, m.entity) for m in self.mentions[i:j] if m.end <= e]

    def _source(self, att: Attribution | None, about: list[Mention] | None = None) -> str | None:
        st = self.state
        if att is None:
            if st.source_age > CARRY_SENTENCES:
                return None
            # 微软称…。亚马逊…; 据彭博社报道，Meta…。苹果CEO库克…: a source speaks for
            # what it was talking about, not for the next company named.
            if st.source_about and about and about[0].entity.key != st.source_about:
                return None
            return st.source
        if att.anonymous:
            if att.refers_to_report:
                return self.state.source or self.state.last_outlet
            return self.state.source
        return att.name

    def _update(
        self,
        sentence: str,
        mentions: list[Mention],
        att: Attribution | None,
    ) -> None:
        st = self.state
        st.source_age += 1
        if att is not None:
            source = self._source(att)
            if source:
                st.source, st.source_age = source, 0
                after = [
                    m
                    for m in mentions
                    if m.entity.kind not in SOURCE_KINDS
                    and (att.span is None or m.start >= att.span[1])
                ]
                speaker = None if att.is_outlet or att.anonymous else self._key(source)
                subject_key = self.gazetteer.key_of(st.subject) if st.subject else None
                st.source_about = after[0].entity.key if after else speaker or subject_key
            if att.is_outlet and att.name:
                st.last_outlet = att.name
        st.predicate = predicate_of(sentence) or st.predicate
        for m in mentions:
            if m.entity.kind == "person":
                st.last_person = m.entity.name
            elif m.entity.kind not in SOURCE_KINDS:
                st.last_org = m.entity.name
        # From the gazetteer only, so the state after a sentence is the same whether or
        # not it was read for claims (see extract_offline).
        candidates = [m for m in mentions if m.entity.kind not in SOURCE_KINDS]
        if candidates:
            st.subject = with_title(sentence, candidates)
            st.subject_kind = next(m.entity.kind for m in candidates if m.entity.name == st.subject)

    def _key(self, source: str) -> str | None:
        """The entity behind a speaking source (微软员工 → microsoft)."""
        hits = self.gazetteer.find(source)
        return hits[0].entity.key if hits else None

    def _claim(
        self,
        sentence: str,
        mentions: list[Mention],
        sentence_att: Attribution | None,
        inherited: Attribution | None,
    ) -> ExtractedClaim | None:
        clause = claim_clause(sentence)
        if clause is None or len(clause.strip()) < MIN_CLAIM_CHARS:
            return None
        mentions = [m for m in mentions if m.end <= len(clause)]
        quantities = [q for q in parse_quantities(clause) if _is_figure(q, clause)]
        anchor = quantities[0].start if quantities else None
        english = self.article.language == "en" or clause.isascii()
        if english and anchor is None:
            numbers = [
                m for m in _LATIN_NUMBER.finditer(clause) if not _YEAR_ONLY.match(m.group().strip())
            ]
            anchor = numbers[0].start() if numbers else None
        # A source named after the figure speaks for what follows, not for the figure.
        head = clause[:anchor] if anchor is not None else clause
        att = (
            sentence_att
            if head == sentence
            else attribution(head, [m for m in mentions if m.end <= len(head)], SOURCE_KINDS)
        )
        if att is None and english:
            att = trailing_attribution(clause, mentions, SOURCE_KINDS)
        att = att or inherited
        if att is not None and att.span is not None and not (att.is_outlet or att.anonymous):
            # Meta进行了万人大裁员，扎克伯格曾称…: a speaker after the fact is not its source.
            verb_at = first_predicate_at(clause)
            named_before = any(m.end <= att.span[0] for m in candidates_of(mentions))
            if verb_at is not None and verb_at < att.span[0] and named_before:
                att = None
        if is_exclamation(clause) and not (att and att.is_outlet):
            return None
        own_predicate = predicate_of(clause, anchor)
        candidates = subject_candidates(mentions, att)
        pronoun = _PRONOUN.search(clause)
        # A stated date (5月15日, 2022年8月), not one worked out from 今天 or 最近两年.
        has_date = anchor is None and any(  # only asked when there is no figure
            _STATED_DATE.search(d.surface) for d in parse_dates(clause, self.article.published_at)
        )
        # 据Layoffs.fyi估计，…岗位被裁减: a named source vouches for an unnamed subject.
        named = bool(candidates) or pronoun is not None or bool(att and att.name)
        dated_event = has_date and (own_predicate is not None or att is not None)
        # 微软美国还表示…, Anthropic宣称…: what a company states officially is checkable.
        official = att is not None and att.speaker_kind in ("org", "agency")
        if anchor is None and (
            len(clause) > MAX_PLAIN_CLAIM_CHARS
            or not (dated_event or official or (named and (own_predicate or has_date)))
        ):
            return None
        # 奥特曼吐槽说，Meta给…: what the speaker talks about comes after the speaker,
        # unless the speaker goes straight on about itself (马斯克近日透露，将提高…).
        if att is not None and att.span is not None:
            after = [m for m in candidates if m.start >= att.span[1]]
            gap = clause[att.span[1] : after[0].start] if after else ""
            if after and (att.is_outlet or (len(gap) <= SPEAKER_GAP and _BREAK.search(gap))):
                candidates = after + [m for m in candidates if m.start < att.span[1]]
        skip = [(m.start, m.end) for m in mentions if m.entity.kind in SOURCE_KINDS]
        if att is not None and att.span is not None and att.is_outlet:
            skip.append(att.span)
        subject, replaced = self._subject(clause, candidates, pronoun, anchor, skip)
        predicate = own_predicate or self.state.predicate
        if quantities and all(is_pool(clause, q.end) for q in quantities):
            predicate = f"{predicate} (pool)" if predicate else "pool"
        return ExtractedClaim(
            quote=clause,
            claim_text=standalone(clause, subject, mentions, replaced, self.gazetteer, english),
            subject=subject,
            predicate=predicate,
            attributed_to=self._source(att, candidates),
            hedged=hedged(clause),
        )

    def _subject(
        self,
        clause: str,
        candidates: list[Mention],
        pronoun: re.Match[str] | None,
        anchor: int | None,
        skip: list[tuple[int, int]],
    ) -> tuple[str | None, tuple[int, int] | None]:
        """The subject's name, and the pronoun span it replaces (if any)."""
        if candidates and (pronoun is None or candidates[0].start < pronoun.start()):
            return with_title(clause, candidates), None
        if pronoun is not None:
            kind = pronoun.lastgroup
            st = self.state
            before = [m for m in candidates if m.start < pronoun.start()]
            # The last sentence's subject first (Meta invested…. It also hired…), then the
            # last entity of the pronoun's kind.
            if kind == "person":
                name = st.subject if st.subject_kind == "person" else st.last_person
            elif kind == "org":
                name = st.subject if st.subject_kind not in (None, "person") else st.last_org
            else:
                name = before[-1].entity.name if before else st.subject
            if kind == "person" and pronoun.group() in ("他们", "他們", "they", "They"):
                name = st.subject  # 他们 is as often a company's people as a person
            if name:
                return name, pronoun.span(kind or 0)
            if candidates:
                return with_title(clause, candidates), None
        # Names are looked for where a subject stands (jieba is the slowest step).
        end = subject_region(clause, anchor)
        tagged = pos.best_name(clause[:end], skip)
        if tagged is not None and (anchor is None or tagged.start < anchor):
            return tagged.word, None
        return self.state.subject, None


def _is_figure(q: Quantity, clause: str) -> bool:
    """Whether an amount can make a sentence a claim: not an ordinal (第二个), a
    duration or age (最近两年, 两周之内, 28岁: context of a claim, not its figure) or a
    small count (两个关键领域, 几个趋势: figures of speech)."""
    if clause[: q.start].endswith("第") or q.unit in _DURATION_UNITS:
        return False
    return not (q.unit == "count" and q.high is not None and q.high < SMALL_COUNT)
