"""Who a sentence says is making its claim, and whether it is reported as uncertain.

Named outlets and agencies (据第一财经报道, 路透社报道说, according to Reuters) win over
the speakers they quote, so a Chinese outlet quoting the Wall Street Journal keeps the
Journal. Anonymous sources (其中一人说, 消息人士, 知情人士, people familiar with) and bare
references to "the report" (报道说, 报道援引) defer to the outlet named before them; the
caller carries that forward. A speaker's role stays on the name (微软员工, 微软发言人 speak
for themselves, not for 微软).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.entities import Mention

# A source's words start a clause (a lookbehind, so the regex engine tries only clause
# starts, not every character: this is the extractor's hottest loop).
_CLAUSE_START = r"(?:^|(?<=[，,。；;：:、“”\"「」\s]))"
_SRC = r"(?P<src>[^，,。；;:：“”\"]{2,32}?)"
_OUTLET_PATTERNS = [
    re.compile(
        rf"(?:据|據|根据|根據){_SRC}(?:等多家媒体|等多家媒體|等媒体|等媒體)?(?:的)?"
        r"(?:报道|報道|报导|報導|消息|透露|数据|數據|统计|統計|估计|估計|报告|報告|介绍|介紹)"
    ),
    re.compile(rf"(?:援引|引述){_SRC}(?:的)?(?:消息|报道|報道|說|说|称|稱)"),
    re.compile(
        rf"{_CLAUSE_START}{_SRC}(?:周[一二三四五六日]|週[一二三四五六日]|星期[一二三四五六日]|近日|日前|此前)?"
        r"(?:报道说|報道說|报道称|報道稱|报道|報道|发布的报告|發布的報告|的报告|的報告|的数据|的數據"
        r"|(?:报告|報告|数据|數據|财报|財報)(?=显示|顯示))"
        r"(?:[（(][^）)]{0,12}[)）])?(?:显示|顯示|说|說|称|稱|指出)?"
    ),
    re.compile(
        r"\b(?i:according to|reported by|citing|cited by|data from)\s+"
        r"(?P<src>(?:the |a )?[A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,5})"
    ),
    re.compile(
        r"(?P<src>(?:The |the )?[A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,5}) (?:reported|reports)\b"
    ),
]
_SPEAKER_PATTERNS = [
    re.compile(
        rf"{_CLAUSE_START}{_SRC}(?:[（(][^）)]{{0,30}}[)）])?(?:在[^，,。]{{0,20}}上|在一个声明中|在一份声明中)?"
        r"(?:回应表示|回應表示|回应称|回應稱|表示|宣称|宣稱|声称|聲稱|透露|爆料称|爆料稱|爆料|指出"
        r"|(?:宣布|宣佈|披露)(?!的)"
        r"|分享称|分享稱|告诉|告訴|(?<![号號堪被])(?:称|稱)(?![为為作之])|(?<![可来來所是者话話听聽虽雖再据據])(?:说|說)(?![明服])|坦言|证实|證實)"
    ),
    re.compile(
        r"(?P<src>(?:[A-Z][\w.&'-]*|a|an|the)(?: [\w.&'-]+){0,5}?) "
        r"(?:said|says|told|announced|confirmed|stated|wrote)\b"
    ),
    re.compile(r"\bsaid (?P<src>(?:a |an |the )?[\w.&' -]{2,40}?)(?:[,.]|$)"),
]
# Cheap tests first: most sentences name no source at all.
_OUTLET_CUE = re.compile(
    r"报道|報道|报导|報導|据|據|援引|引述|显示|顯示|according to|reported|citing|cited by|data from",
    re.IGNORECASE,
)
_SPEAKER_CUE = re.compile(
    r"表示|称|稱|说|說|透露|爆料|指出|告诉|告訴|坦言|证实|證實|宣布|宣佈|披露"
    r"|\b(?:said|says|told|announced|confirmed|stated|wrote)\b"
)
# Speakers who are nobody in particular: they defer to the outlet carrying them.
_ANONYMOUS = re.compile(
    r"其中一人|另一位人士|另一人士|熟悉此事|知情人士|消息人士|消息称|消息稱|有消息|相关人士|相關人士"
    r"|报道说|報道說|报道援引|報道援引|报道称|報道稱|该报|該報|报告显示|報告顯示"
    r"|people familiar|sources? (?:said|say|close)|a person familiar|the report",
    re.IGNORECASE,
)
_RECIPIENT = ("告诉", "告訴", "向", "接受", "对", "對")
_REPORT_REF = re.compile(r"报道|報道|该报|該報|the report", re.IGNORECASE)
# Words that are never a source's name on their own.
_NOT_A_NAME = re.compile(
    r"^(?:有|也有|还有|此前|对此|对此,|但|而|他|她|它|他们|她們|他們|我们|我們|记者|記者|报道|報道"
    r"|网友|網友|有人|员工|員工|人士|一位|部分|外界|外媒|媒体|媒體|作者|其|这|這|该|該|The|It|He|She|They"
    r"|We|I)$"
)
_ROLE = re.compile(
    r"\s?(?:的|中国区|中國區|方面|公司)?(?:一位|部分)?"
    r"(员工|員工|发言人|發言人|相关人士|相關人士|人士|高管|spokesperson|spokesman|spokeswoman)"
)
_HEDGE = re.compile(
    r"传闻|傳聞|据悉|據悉|爆料|据传|據傳|据称|據稱|被曝|曝出|曝光|或(?:达|達|涉及|将|將|超|近|有|已)"
    r"|可能|或许|或許|疑似|\breportedly\b|\ballegedly\b|\brumou?r|\bmay\b|\bmight\b|\bcould\b"
    r"|\bis said to\b|\bare said to\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Attribution:
    """What a sentence says about its source: a name, or an anonymous one deferring to
    the outlet before it."""

    name: str | None
    anonymous: bool = False
    is_outlet: bool = False
    refers_to_report: bool = False  # 报道说, 该报, the report: the last outlet named
    span: tuple[int, int] | None = None  # where the source's words are in the sentence
    speaker_kind: str | None = None  # the gazetteer kind of a named speaker (not a role)


def attribution(
    sentence: str, mentions: list[Mention], source_kinds: frozenset[str]
) -> Attribution | None:
    """The source named in `sentence` (mentions: gazetteer hits in it), or None."""
    outlet_cue = _OUTLET_CUE.search(sentence) is not None
    for pattern in _OUTLET_PATTERNS if outlet_cue else ():
        for m in pattern.finditer(sentence):
            span = m.span("src")
            named = _named(m, mentions)
            if named and sentence[: named[-1].start].endswith(_RECIPIENT):
                continue  # 告诉21世纪经济报道记者: the outlet is told, it does not tell
            if named:
                last = named[-1]
                # Matched as a reporting source (据…数据, …报告显示): an outlet here,
                # whatever its kind elsewhere.
                return Attribution(last.entity.name, is_outlet=True, span=span)
            if _ANONYMOUS.search(m.group("src")):
                return _anonymous(sentence[: m.end()])
            name = _plain_name(m.group("src"))
            if name:
                return Attribution(name, is_outlet=True, span=span)
    anonymous = _ANONYMOUS.search(sentence)
    for pattern in _SPEAKER_PATTERNS if _SPEAKER_CUE.search(sentence) else ():
        found = pattern.search(sentence)
        if not found or (anonymous and anonymous.start() < found.end()):
            continue
        m = found
        named = _named(m, mentions)
        if named:
            last = named[-1]
            role = _ROLE.match(sentence, last.end, m.end("src"))
            if role and last.entity.kind not in source_kinds:
                return Attribution(last.entity.name + _role_word(role.group(1)), span=m.span("src"))
            return Attribution(
                last.entity.name,
                is_outlet=last.entity.kind in source_kinds,
                span=m.span("src"),
                speaker_kind=last.entity.kind,
            )
        if m.re is _SPEAKER_PATTERNS[0] and not re.search("被", m.group("src")):
            name = _speaker_name(m.group("src"))
            if name:
                return Attribution(name, span=m.span("src"))
    if anonymous:
        return _anonymous(anonymous.group())
    return None


def _speaker_name(src: str) -> str | None:
    """A speaker the gazetteer does not know (秦天向作者表示 → 秦天), when short."""
    src = re.sub(
        r"(?:向|对|對|告诉|告訴|在|曾|也|还|還|则|則|近日|日前|突然|坦诚|坦誠|已经|已經|\w地).*$",
        "",
        src.strip(),
    )
    src = re.sub(r"^(?:美国|美國|中国|中國)", "", src)
    generic = r"^(?:有|也有|还有|一位|一名|部分|不少|很多|许多|公司|该|該|这|這|那)"
    if not 2 <= len(src) <= 8 or re.match(generic, src):
        return None
    return _plain_name(src)


def _anonymous(words: str) -> Attribution:
    return Attribution(None, anonymous=True, refers_to_report=bool(_REPORT_REF.search(words)))


# "…, the Wall Street Journal reported on Thursday." speaks for the whole sentence.
_TRAILING = re.compile(
    r"[,，]\s*[\"”]?\s*(?P<src>(?:the |a |an )?[\w.&' -]{2,50}?)\s+"
    r"(?:reported|said|says|told [\w ]{2,30}?|announced|wrote|confirmed)"
    r"(?:\s+(?:on|in|last)\s+\w+|\s+\w+day|\s+in a statement)?[.!\"”]*\s*$",
    re.IGNORECASE,
)


def trailing_attribution(
    sentence: str, mentions: list[Mention], source_kinds: frozenset[str]
) -> Attribution | None:
    """The source of an English sentence that names it at its end."""
    m = _TRAILING.search(sentence)
    if m is None:
        return None
    return attribution(
        sentence[m.start("src") - 1 :],
        [
            Mention(x.start - m.start("src") + 1, x.end - m.start("src") + 1, x.entity)
            for x in mentions
            if x.start >= m.start("src")
        ],
        source_kinds,
    ) or _trailing_plain(m)


def _trailing_plain(m: re.Match[str]) -> Attribution | None:
    name = _plain_name(m.group("src"))
    return Attribution(name, span=m.span("src")) if name else None


def hedged(sentence: str) -> bool:
    return bool(_HEDGE.search(sentence))


def _named(m: re.Match[str], mentions: list[Mention]) -> list[Mention]:
    return [x for x in mentions if m.start("src") <= x.start < m.end("src")]


def _plain_name(src: str) -> str | None:
    """A source not in the gazetteer, when the words look like a name (short, no
    clause inside): 红杉资本, 薪资数据网站Levels.fyi → Levels.fyi."""
    src = src.strip().strip("《》<>\"'“”").removeprefix("the ").removeprefix("The ")
    src = re.sub(r"^(?:美国|美國|中国|中國|英国|英國)(?=\S{2})", "", src)
    latin = re.findall(r"[A-Za-z][\w.&-]*(?: [A-Z][\w.&-]*)*", src)
    if latin and not src.isascii():
        src = latin[-1]
    if src[:1].islower():
        return None  # pinyin glosses (據(jù)…), lowercase words
    if len(src) > 12 or _NOT_A_NAME.match(src) or re.search(r"[的了在是将為为从從]", src):
        return None
    return src or None


def _role_word(role: str) -> str:
    """Role words in one script, so 微軟員工 and 微软员工 are one source."""
    return {
        "員工": "员工",
        "發言人": "发言人",
        "相關人士": "相关人士",
        "spokesperson": "发言人",
        "spokesman": "发言人",
        "spokeswoman": "发言人",
    }.get(role, role)
