"""Factual verbs and measures → one normalized predicate per claim.

Contradictions are only looked for between claims with the same subject, predicate and
unit, so the predicate must name the *measure* a figure is about, the same way for
every source (迁往, 外迁, 打包赴美, relocating → "relocate") and differently for
different measures (雇佣了约7000名 → "employ"; 数以千计…中的一部分 → "relocate (pool)").
Names are short base-form English verbs, the vocabulary the LLM extractor's prompt
asks for, so claims of both extractors block together (PREDICATES maps free text).

The lexicon is ordered by how specific a phrase is (when no figure anchors it, the most
specific phrase in the sentence wins); a claim's predicate is the phrase
nearest before its first figure in the same clause, else the first after it, else the
first in the sentence (see `predicate_of`).
"""

from __future__ import annotations

import re
from functools import lru_cache

# (Chinese phrases, English phrases, predicate). The English side is only tried on
# text with Latin words, and the two never share a regex: IGNORECASE alternations over
# CJK are the slow part of matching.
LEXICON: list[tuple[str, str, str]] = [
    (
        r"迁往|迁移|遷移|遷往|搬迁|搬遷|外迁|外遷|调动|調動|赴美|打包|轮岗|輪崗",
        r"relocat\w*|transfer(?:red|s)? (?:abroad|overseas)",
        "relocate",
    ),
    (
        r"裁员|裁員|裁掉|裁减|裁減|被裁|解雇|减少[^，,。]{0,8}职位|減少[^，,。]{0,8}職位",
        r"lay(?:s|ing)? off|laid off|layoffs?|job cuts|cut(?:s|ting)? [\d,]+ jobs",
        "lay off",
    ),
    (
        r"雇佣|雇用|僱用|僱傭|雇傭|员工总数|員工總數",
        r"employ(?:s|ed|ing)?|workforce|headcount",
        "employ",
    ),
    (r"收购|收購|并购|併購", r"acquir\w*|bought|buy(?:s|ing)?", "acquire"),
    (r"融资|融資|筹集|籌集|募资|募資", r"rais(?:e|ed|es|ing)", "raise"),
    (r"估值", r"valuation|valued at", "value"),
    (r"股份|股权|股權", r"stake", "hold stake"),
    (r"投资(?![人者])|投資(?![人者])|注资|注資|押注|豪掷|豪擲", r"invest(?!ors?\b)\w*", "invest"),
    (
        r"薪资|薪資|薪酬|年薪|薪水|月薪",
        r"salary|salaries|pay package|compensation",
        "pay",
    ),
    (r"营收|營收|收入|利润|利潤", r"revenue|profit|sales of", "earn"),
    (r"月活|日活|用户|用戶", r"users", "have users"),
    (r"离职|離職|出走|流失|跳槽", r"depart\w*|quit|left", "leave"),
    (
        r"挖走|挖角|挖人|招揽|招攬|招聘|聘用|加入",
        r"hir(?:e|ed|es|ing)|poach\w*|join\w*",
        "hire",
    ),
    (r"花费|花費|支付|购买|購買", r"spen[dt]\w*|paid|purchas\w*", "spend"),
    (r"占比|佔比|占[^，,。]{0,6}%|比例|份额|份額", r"share of", "make up"),
    (r"签订|簽訂|签署|簽署|达成|達成", r"sign(?:ed|s)?|agreement", "sign"),
    (
        r"限制(?!性)|禁止|出口管制|停止向",
        r"restrict\w*|ban(?:s|ned)?|export controls?",
        "restrict",
    ),
    (r"发布|發布|發佈|推出|上线|上線", r"launch\w*|releas\w*|unveil\w*", "release"),
    (r"宣布|宣佈", r"announc\w*", "announce"),
    (r"合作|携手|攜手|结盟|結盟", r"partner\w*|collaborat\w*", "partner"),
    (
        r"参与|參與|致力于|致力於|引起[^，,。]{0,12}关注|引起[^，,。]{0,12}關注",
        r"take part|committed to",
        "engage",
    ),
    (r"成立|创立|創立|创办|創辦", r"founded", "found"),
    (
        r"增长|增長|上涨|上漲|下降|下跌|跌幅|涨幅|漲幅",
        r"grew|rose|fell|dropped",
        "change",
    ),
]
_ZH = [(re.compile(zh), name) for zh, _, name in LEXICON]
_EN = [(re.compile(rf"\b(?:{en})\b", re.IGNORECASE), name) for _, en, name in LEXICON]
# A lookahead on the phrases' first characters lets the regex engine skip most
# positions without trying every alternative (the Chinese phrases are plain words).
_FIRST_CHARS = "".join(sorted({alt[0] for zh, _, _ in LEXICON for alt in zh.split("|")}))
_ANY_ZH = re.compile(
    f"(?=[{_FIRST_CHARS}])(?:" + "|".join(f"(?:{zh})" for zh, _, _ in LEXICON) + ")"
)
_ANY_EN = re.compile(
    r"\b(?:" + "|".join(f"(?:{en})" for _, en, _ in LEXICON) + r")\b", re.IGNORECASE
)
# Every phrase of a predicate, either language: how another extractor's free-form verb
# (an LLM's "Relocating", "迁往") is mapped onto this vocabulary.
PREDICATES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"(?:{zh})|\b(?:{en})\b", re.IGNORECASE), name) for zh, en, name in LEXICON
]
_LATIN_WORD = re.compile(r"[a-z]{3}")
_CLAUSE_BREAK = re.compile(r"[，,；;：:]")
# 数以千计工程师中的一部分: the figure is the pool the others are drawn from.
_POOL = re.compile(r"[^，,。]{0,8}?(?:中的一部分|中的一部份|中的一小部分|之中的|中的少数|的一部分)")


def _name(match_text: str) -> str:
    for pattern, name in _EN if match_text.isascii() else _ZH:
        if pattern.fullmatch(match_text):
            return name
    raise AssertionError(f"{match_text!r} matched the lexicon but no entry of it")


@lru_cache(maxsize=4096)
def _matches(sentence: str) -> tuple[re.Match[str], ...]:
    """Lexicon phrases in `sentence`, in order (cached: a sentence is asked about for
    its claim, its context and its speaker)."""
    found = list(_ANY_ZH.finditer(sentence))
    if _LATIN_WORD.search(sentence):
        found = sorted([*found, *_ANY_EN.finditer(sentence)], key=lambda m: m.start())
    return tuple(found)


def predicate_of(sentence: str, anchor: int | None = None) -> str | None:
    """The normalized predicate of `sentence`; `anchor` is where its first figure
    starts (the verb governing a figure is usually just before it, in its clause)."""
    matches = _matches(sentence)
    if not matches:
        return None
    if anchor is not None:
        clause_start = max(
            (m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, anchor)), default=0
        )
        next_break = _CLAUSE_BREAK.search(sentence, anchor)
        clause_end = next_break.start() if next_break else len(sentence)
        before = [m for m in matches if clause_start <= m.start() < anchor]
        if before:
            return _name(before[-1].group())
        after = [m for m in matches if anchor <= m.start() < clause_end]
        if after:
            return _name(after[0].group())
    # No figure to anchor on: the most specific phrase (lexicon order) wins.
    names = {_name(m.group()) for m in matches}
    return next(name for _, _, name in LEXICON if name in names)


def first_predicate_at(sentence: str) -> int | None:
    """Where the first factual verb or measure of `sentence` starts."""
    matches = _matches(sentence)
    return matches[0].start() if matches else None


def is_pool(sentence: str, quantity_end: int) -> bool:
    """True when the figure ending at `quantity_end` is the whole a part is taken from."""
    return bool(_POOL.match(sentence, quantity_end))


# Free-form verbs another extractor (an LLM) gives that no phrase of LEXICON matches,
# as whole predicates only (工作 inside a longer phrase may be anything): Chinese verbs
# of the same measures, and English verbs in base form (see `_lemmas`).
ALIASES: dict[str, str] = {
    **dict.fromkeys(
        ["裁撤", "裁", "解聘", "辞退", "辭退", "开除", "開除", "遣散", "dismiss", "cut jobs"],
        "lay off",
    ),
    **dict.fromkeys(
        [
            *("工作", "任职", "任職", "就职", "就職", "供职", "供職", "在职", "在職", "雇", "僱"),
            *("work", "work at", "work for"),
        ],
        "employ",
    ),
    **dict.fromkeys(["迁", "遷", "搬", "外派", "move abroad", "move overseas"], "relocate"),
    **dict.fromkeys(["招募", "聘请", "聘請", "延揽", "延攬", "挖", "recruit"], "hire"),
    **dict.fromkeys(["买下", "買下", "收入囊中", "take over"], "acquire"),
    **dict.fromkeys(["投入", "出资", "出資"], "invest"),
    **dict.fromkeys(["募集", "fund"], "raise"),
    **dict.fromkeys(["辞职", "辭職", "resign"], "leave"),
}
NAMES = frozenset(name for _, _, name in LEXICON)
# Irregular English verb forms of this vocabulary (and the copula) → base form.
_IRREGULAR = {
    "laid": "lay",
    "paid": "pay",
    "bought": "buy",
    "spent": "spend",
    "left": "leave",
    "held": "hold",
    "had": "have",
    "has": "have",
    "made": "make",
    "took": "take",
    "taken": "take",
    "rose": "rise",
    "risen": "rise",
    "fell": "fall",
    "fallen": "fall",
    "grew": "grow",
    "grown": "grow",
    "sold": "sell",
    "is": "be",
    "are": "be",
    "was": "be",
    "were": "be",
    "been": "be",
}
# Aspect particles and auxiliaries around a Chinese verb: 裁撤了, 已经裁撤, 将迁往.
_ZH_AFFIXES = re.compile(r"^(?:已经|已經|已|将|將|正在|曾)|(?:了|着|著|过|過)$")
_PUNCT_EDGES = " \t\n\"'“”‘’「」『』()（）[]【】.。,，;；:：!！?？"


def _lemmas(word: str) -> list[str]:
    """Base-form candidates of an English verb form, most likely first (lays → lay,
    relocated → relocate, cutting → cut, hires → hire, employs → employ)."""
    if word in _IRREGULAR:
        return [_IRREGULAR[word]]
    out = [word]
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", "e")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            out.append(word[: -len(suffix)] + repl)
    for suffix in ("ed", "ing"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            out += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:  # cutting → cut, planned → plan
                out.append(stem[:-1])
    return out


def _known(phrase: str) -> str | None:
    if phrase in NAMES:
        return phrase
    return ALIASES.get(phrase)


def canonical_predicate(predicate: str | None) -> str | None:
    """An extractor's free-form predicate as a name of this vocabulary where it knows
    the verb, whatever the language (裁员, 裁撤了 → "lay off"; laid off, Lays off →
    "lay off"; Relocating, 迁往 → "relocate"; 工作 → "employ"), so claims of the LLM and
    of the rules block together; else the predicate as given, trimmed and lower-cased
    (是 stays 是). None when nothing is left."""
    text = " ".join((predicate or "").lower().replace("_", " ").split()).strip(_PUNCT_EDGES)
    if not text:
        return None
    if (known := _known(text)) is not None:
        return known
    if text.isascii():  # inflected English: the first word is the verb (lays off, holds stake)
        first, _, rest = text.partition(" ")
        for lemma in _lemmas(first):
            if (known := _known(f"{lemma} {rest}".strip())) is not None:
                return known
    else:
        bare = _ZH_AFFIXES.sub("", text)
        if bare and (known := _known(bare)) is not None:
            return known
    for pattern, name in PREDICATES:  # a phrase of the lexicon within it
        if pattern.search(text):
            return name
    return text
