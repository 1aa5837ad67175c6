"""The offline extractor's rules: check-worthy sentences, subject, attribution, hedging.

Deterministic and fast, so the demo, CI and bulk runs need no LLM. A sentence is a
claim when it states a quantity, or a factual verb with a known entity. Attribution and
the verb carry forward inside a paragraph (据凤凰网报道…。涉及员工或达数百人。), and the
subject falls back to the last organisation mentioned before the sentence.
"""

from __future__ import annotations

import re

from models.article import Article, Chunk
from models.chunking import split_sentences
from models.claims import ExtractedClaim
from models.entities import SOURCE_KINDS, Gazetteer, Mention
from models.quantities import parse_quantities

# Factual verbs → a normalized predicate. Order matters: first match wins.
PREDICATES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), name)
    for p, name in [
        (r"迁往|迁移|遷移|搬迁|搬遷|外迁|外遷|调动|調動|赴美|打包|轮岗|輪崗|relocat", "relocate"),
        (r"裁员|裁員|裁减|解雇|lay(?:s|ing)? off|laid off", "lay off"),
        (r"雇佣|雇用|僱用|雇傭|employ", "employ"),
        (r"收购|收購|并购|併購|acquir", "acquire"),
        (r"投资|投資|注资|押注|invest", "invest"),
        (r"融资|融資|估值|rais", "raise"),
        (r"招聘|招揽|挖人|挖走|挖角|hire|hiring", "hire"),
        (r"发布|發布|推出|launch|release", "release"),
        (r"宣布|announce", "announce"),
    ]
]
_ATTRIBUTION = [
    re.compile(r"据(?P<src>[^，,。；]{2,16}?)(?:等多家媒体|等媒体)?(?:报道|報道|消息|透露)"),
    re.compile(r"援引(?P<src>[^，,。；]{2,16}?)(?:的)?(?:消息|报道|說|说)"),
    re.compile(
        r"(?P<src>[^，,。；]{2,16}?)(?:周[一二三四五六日]|星期[一二三四五六日])?(?:报道说|報道說|报道称|報道稱|报道)"
    ),
    re.compile(
        r"(?:according to|reported by) (?P<src>[A-Z][\w .&'-]{1,40}?)(?:,|\.| said| reported)"
    ),
]
_SPEAKER = re.compile(
    r"(?P<src>[^，,。；：:\s]{2,16}?)(?:回应表示|回應表示|表示|回应称|回應稱|宣称|宣稱|透露|称|稱|说|說)"
)
_ROLE = re.compile(
    r"(?:的|中国区|中國區|方面)?(?:一位|部分)?(员工|員工|发言人|發言人|相关人士|相關人士|人士|高管)"
)
_HEDGE = re.compile(r"传闻|傳聞|据悉|據悉|爆料|或达|或達|或涉及|可能|据传|據傳|reportedly|rumou?r")
_OPINION = re.compile(r"我个人|我個人|我觉得|我認為|我认为|我们可以|我們可以|[?？]\s*$|如果|假如")
RULES_VERSION = 1
_SUPERSET = re.compile(r"中的一部分|中的一部份|之中|之一")


def extract_offline(chunk: Chunk, article: Article, gazetteer: Gazetteer) -> list[ExtractedClaim]:
    """Claims in `chunk`, with quotes copied from it and `chunk_start` set."""
    text = article.text
    para_start = text.rfind("\n", 0, chunk.start) + 1
    state = _ParagraphState()
    # Read the paragraph's earlier sentences for attribution and verbs to carry forward.
    for s, e in split_sentences(text, para_start, chunk.start):
        state.update(text[s:e], gazetteer, paragraph_break=False)
    claims: list[ExtractedClaim] = []
    last_break = para_start
    for s, e in split_sentences(text, chunk.start, chunk.end):
        new_paragraph = text.rfind("\n", last_break, s) >= 0
        last_break = s
        sentence = text[s:e]
        if new_paragraph:
            state.source = state.predicate = None
        claim = _claim_of(sentence, state, gazetteer)
        state.update(sentence, gazetteer, paragraph_break=False)
        if claim is not None:
            claim.chunk_start = s - chunk.start
            claims.append(claim)
    return claims


class _ParagraphState:
    """What the paragraph so far says about who is talking, about whom, doing what."""

    def __init__(self) -> None:
        self.source: str | None = None
        self.predicate: str | None = None
        self.subject: str | None = None  # last organisation or person seen, any paragraph

    def update(self, sentence: str, gazetteer: Gazetteer, paragraph_break: bool) -> None:
        if paragraph_break:
            self.source = self.predicate = None
        mentions = gazetteer.find(sentence)
        source = attribution(sentence, mentions)
        if source:
            self.source = source
        predicate = predicate_of(sentence)
        if predicate:
            self.predicate = predicate
        subject = _subject(mentions, sentence)
        if subject:
            self.subject = subject


def attribution(sentence: str, mentions: list[Mention]) -> str | None:
    """Who the sentence says is making the claim: a named outlet or agency first, then a
    named speaker; None when nobody named is (anonymous sources carry the paragraph's
    outlet forward instead)."""
    for pattern in _ATTRIBUTION:
        m = pattern.search(sentence)
        if m:
            named = [x for x in mentions if m.start("src") <= x.start < m.end("src")]
            if named:
                return named[0].entity.name
    m = _SPEAKER.search(sentence)
    if m:
        named = [x for x in mentions if m.start("src") <= x.start < m.end("src")]
        if named:
            # 微软员工 / 微软发言人 speak for themselves, not for 微软.
            role = _ROLE.match(sentence, named[-1].end, m.end("src"))
            return named[-1].entity.name + (role.group(1) if role else "")
    return None


def predicate_of(sentence: str) -> str | None:
    for pattern, name in PREDICATES:
        if pattern.search(sentence):
            return name
    return None


def _subject(mentions: list[Mention], sentence: str) -> str | None:
    for m in mentions:
        if m.entity.kind not in SOURCE_KINDS:
            return m.entity.name
    return None


def _claim_of(sentence: str, state: _ParagraphState, gazetteer: Gazetteer) -> ExtractedClaim | None:
    if len(sentence) < 8 or _OPINION.search(sentence):
        return None
    quantities = parse_quantities(sentence)
    own_predicate = predicate_of(sentence)
    mentions = gazetteer.find(sentence)
    subject = _subject(mentions, sentence)
    if not quantities and not (own_predicate and subject):
        return None
    subject = subject or state.subject
    predicate = own_predicate or state.predicate
    # A source named after the figure speaks for what follows, not for the figure.
    head = sentence[: quantities[0].start] if quantities else sentence
    source = attribution(head, [m for m in mentions if m.end <= len(head)]) or state.source
    if quantities and all(_SUPERSET.match(sentence, q.end) for q in quantities):
        predicate = f"{predicate} (pool)" if predicate else "pool"
    claim_text = sentence if not subject or subject in sentence else f"{subject}: {sentence}"
    return ExtractedClaim(
        quote=sentence,
        claim_text=claim_text,
        subject=subject,
        predicate=predicate,
        attributed_to=source,
        hedged=bool(_HEDGE.search(sentence)),
    )
