"""Who a claim is about: where a subject stands in a clause, which entities may be it,
where a second subject starts, and the clause made readable on its own."""

from __future__ import annotations

import re

from models.entities import SOURCE_KINDS, Gazetteer, Mention
from models.extract.attribution import Attribution
from models.values.quantities import parse_quantities

MIN_CLAIM_CHARS = 8
SPACE_AND_QUOTES = " \u3000\"“”「」'"
# 特斯拉首席执行官马斯克, OpenAI CEO奥尔特曼: the person, not the company, is the subject.
_TITLE_BETWEEN = re.compile(
    r"\s*(?:的)?\s*(?:前|联合|聯合)?(?:CEO|CTO|COO|首席[\u4e00-\u9fff]{1,4}官|创始人|創始人|董事长|董事長"
    r"|总裁|總裁|总经理|總經理|负责人|負責人|chief executive|founder)\s*",
    re.IGNORECASE,
)
_CLAUSE_PUNCT = re.compile(r"[，,；;]")
# A clause that starts with a new speaker: 警方则指…, 警方當時估計…, while police put…
_NEW_SPEAKER = re.compile(
    r"[^，,。；;\s]{1,8}?(?:则|則|当时|當時|亦|也|随后|隨後)?"
    r"(?:指出|指|称|稱|表示|估计|估計|公布|宣布|说|說)(?![数數])"
    r"|\s*(?:while|but|whereas)\s+(?:the\s+)?[A-Za-z][A-Za-z ]{1,30}?\s(?:said|says|put|estimated|gave)\b"
)


def second_subject_at(quote: str, mentions: list[Mention]) -> int | None:
    """Offset of the first clause break after which a new named subject starts."""
    for m in _CLAUSE_PUNCT.finditer(quote):
        if m.start() < MIN_CLAIM_CHARS:
            continue
        start = m.end()
        while start < len(quote) and quote[start] in SPACE_AND_QUOTES:
            start += 1
        if _NEW_SPEAKER.match(quote, start) and parse_quantities(quote[: m.start()]):
            return m.start()  # …103萬人參與，警方則指高峰期有24萬人: two voices, two claims
        listed = any(x.end == m.start() for x in mentions)  # 包括微软,谷歌,…: a list
        if not listed and any(
            x.start == start
            and x.entity.kind != "outlet"
            and not quote.startswith(("，", ",", "、"), x.end)
            for x in mentions
        ):
            return m.start()
    return None


def subject_region(clause: str, anchor: int | None) -> int:
    """Where a subject stands: the first clause (the first two when the first is a
    short lead-in such as 近日，), before the figure, at most 48 characters."""
    breaks = [m.start() for m in _CLAUSE_PUNCT.finditer(clause, 0, 64)]
    end = breaks[0] if breaks else len(clause)
    if end < 6:
        end = breaks[1] if len(breaks) > 1 else len(clause)
    return min(end, anchor if anchor is not None else len(clause), 48)


def candidates_of(mentions: list[Mention]) -> list[Mention]:
    return [m for m in mentions if m.entity.kind not in SOURCE_KINDS]


def subject_candidates(mentions: list[Mention], att: Attribution | None) -> list[Mention]:
    """Entities the clause may be about: not outlets, and nothing named only as the
    reporting source (路透社报道说…, Levels.fyi的数据显示…)."""
    out = []
    for m in mentions:
        if m.entity.kind == "outlet":
            continue
        if att is not None and att.is_outlet and att.span and att.span[0] <= m.start < att.span[1]:
            continue
        out.append(m)
    return out


def with_title(clause: str, candidates: list[Mention]) -> str:
    """The first entity, except 特斯拉首席执行官马斯克 (→ the person) and 马斯克的xAI (→ the
    company)."""
    first = candidates[0]
    if len(candidates) > 1:
        second = candidates[1]
        if second.entity.kind == "person" and _TITLE_BETWEEN.fullmatch(
            clause, first.end, second.start
        ):
            return second.entity.name
        if (
            first.entity.kind == "person"
            and second.entity.kind != "person"
            and clause[first.end : second.start] == "的"
        ):
            return second.entity.name
    return first.entity.name


def standalone(
    clause: str,
    subject: str | None,
    mentions: list[Mention],
    replaced: tuple[int, int] | None,
    gazetteer: Gazetteer,
    english: bool,
) -> str:
    """The claim readable on its own: the pronoun replaced by the subject, or the
    subject put in front when the clause never names it."""
    if not subject:
        return clause
    if replaced is not None:
        a, b = replaced
        return clause[:a] + subject + clause[b:]
    key = gazetteer.key_of(subject)
    if subject in clause or any(m.entity.key == key for m in mentions):
        return clause
    return f"{subject}: {clause}" if english else f"{subject}：{clause}"
