"""The regexes that find amounts: figures, vague and range words, modifiers, percentages,
English forms, and the spans that are something else (dates, model names, idioms)."""

from __future__ import annotations

import re

from models.values.numerals import (
    CN_CHARS,
    DAXIE_DIGITS,
    EN_ONES,
    EN_SCALE,
    EN_TENS,
    EN_WORD_SCALES,
    PINYIN,
)
from models.values.units import (
    COUNT_MEASURE,
    CURRENCY_SIGNS,
    CURRENCY_WORDS,
    PERSON_MEASURE,
    PERSON_NOUN,
    PHYSICAL,
    UNIT_WORDS,
    alternation,
)

_CN_NO_QIAN = CN_CHARS.replace("千", "")
_ARABIC = r"\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?"
# 1萬2000人, 33萬8000人, 1万5千人, 1亿2000万: Arabic digits on both sides of an order word.
# The part after 万 must fill its four places (1万2000, 1万0500) or name its own (5千), so
# 1万5 (spoken 15 000, or a typo) is not guessed at; after 亿 the part is counted in 万.
_MIXED_ORDER = r"万(?:\d{4}(?![\d.,])|\d{1,3}[千百])|亿\d{1,4}万(?:\d{4}(?![\d.,]))?"


def _numeral(g: str) -> str:
    """A numeral, as a regex with named groups suffixed by `g` (used twice in a range)."""
    return (
        rf"(?P<num{g}>"
        rf"(?:{_ARABIC})(?:{_MIXED_ORDER}|\s?(?:[kw](?![A-Za-z])|[十百千万亿拾佰仟]+|个?[万亿]))?"
        rf"(?:\s?(?:{EN_SCALE})(?![A-Za-z]))?"
        rf"|(?:负|零下)?(?:数{PINYIN}(?=[十百千万亿倍])|[几{CN_CHARS}])(?:[几{_CN_NO_QIAN}]|千(?![克米瓦]))*"
        rf"(?:点[零〇○一二三四五六七八九幺]+[十百千万亿]*)?"
        r"|半(?=个?[年月天周小钟])"
        rf"|负?[{DAXIE_DIGITS}](?:[拾佰仟万亿]|(?=[元])|[{DAXIE_DIGITS}])[{CN_CHARS}{DAXIE_DIGITS}拾佰仟]*"
        rf")(?P<tail{g}>多|余|来)?(?P<big{g}>个?[万亿]+(?:多|余)?)?"
    )


_VAGUE = (
    r"(?P<yiji>数"
    + PINYIN
    + r"以(?P<yiu>[十百千万亿]+)(?P<yicur>"
    + alternation(CURRENCY_WORDS)
    + r")?计)"
    r"|(?P<cheng>成(?P<cu1>[百千万])上[千万亿])"
    r"|(?P<shang>上(?P<su>[百千万亿]+))"
    r"|(?P<half>一半|半数|过半)"
    r"|(?P<frac>(?![百千万]分之)(?P<fneg>负)?(?:(?P<fwhole>["
    + CN_CHARS
    + r"\d]+)又)?(?P<fden>["
    + CN_CHARS
    + r"\d]+)分之"
    r"(?P<fnum>[" + CN_CHARS + r"\d点.]+))"
)
LOWER_WORDS = ["超过了", "超过", "超出", "逾", "超", "多于", "高于", "大于", "不少于", "不低于",
                "至少", "起码", "突破", "破"]  # fmt: skip
UPPER_WORDS = ["不到", "不足", "未满", "少于", "低于", "小于", "不超过", "最多", "至多"]
NEARLY_WORDS = ["将近", "接近", "几近", "近", "差不多"]
UP_TO_WORDS = ["多达", "高达"]
APPROX_WORDS = ["约合", "大约", "大概", "约为", "约"]
LOWER_POST = {"以上", "开外", "有余", "之多"}
UPPER_POST = {"以下", "以内", "之内"}
APPROX_POST = {"左右", "上下", "前后", "许"}
_PREFIX_WORDS = LOWER_WORDS + UPPER_WORDS + NEARLY_WORDS + UP_TO_WORDS + APPROX_WORDS
_CUR_PRE = rf"(?:(?P<cpre{{g}}>{alternation(CURRENCY_WORDS + CURRENCY_SIGNS)})[ \t]?)?"
_SEP = r"(?:\(含\)|（含）)?\s*(?P<sep>~|-{1,2}|—{1,2}|–|到|至|或|to)\s*"
_UNIT = rf"(?P<unit{{g}}>[ \t]?(?:{alternation(UNIT_WORDS)}))?"

_QUANTITY = re.compile(
    _CUR_PRE.format(g="a")
    + rf"(?:{_VAGUE}|{_numeral('a')})"
    + _UNIT.format(g="a")
    + rf"(?P<rest>{_SEP}{_CUR_PRE.format(g='b')}{_numeral('b')}{_UNIT.format(g='b')})?"
    + r"(?P<post>\s?(?:\(含\)|（含）)?(?:左右|上下|前后|许|以上|以下|之多|有余|开外|以内|之内))?"
)
PERCENT = re.compile(
    rf"(?P<per>百分之|千分之|万分之|百分(?=[{CN_CHARS}]))(?P<pnum>负?[{CN_CHARS}\d点.几]+)"
    rf"(?:(?:到|至|~|-)(?:百分之)?(?P<pnum2>[{CN_CHARS}\d点.几]+))?"
    r"(?P<post>左右|以上|以下)?"
)
# Modifiers are found looking back from the figure, so that the scan can start at figures.
PREFIX_BEFORE = re.compile(rf"(?:{alternation(_PREFIX_WORDS)})\s?$")
# Where an amount can start: digits, numerals, vague words, currency signs and words.
_ANCHOR = re.compile(
    "["
    + re.escape(
        "0123456789"
        + CN_CHARS
        + "数几半负成上过"
        + DAXIE_DIGITS
        + "".join({w[0] for w in CURRENCY_WORDS + CURRENCY_SIGNS if not w[0].islower()})
    )
    + "]"
)
# Literals only (the ends of hundred, thousand, million): searched in C at full speed.
EN_HINT = re.compile(r"dozen| of |undred|housand|illion")
# The lookahead lets the scan skip, in C, every position no amount can start at.
QUANTITY_SCAN = re.compile(rf"(?={_ANCHOR.pattern})(?:{_QUANTITY.pattern})")
PLAIN = re.compile(r"[\d零〇○一二两三四五六七八九幺十百千廿]+")


EN_STATE_AFTER = re.compile(
    r" (?:others? |more |people )?(?:have been|has been|had been|were|are|remain|remained) "
    r"(?:killed|injured|missing|dead|hurt|wounded|confirmed|rescued|evacuated|arrested|detained)\b"
)
EN_MOVED = re.compile(
    r"\b(?:(?:risen|rose|rises|climbed|jumped|increased|grown|grew|fallen|fell|dropped|"
    r"stood|stands|revised|rising|climbing) (?:to|at)|reached|reaches|(?:put|puts|estimated|estimates|placed|places)"
    r"(?: the| that| its| their)? (?:turnout|toll|number|figure|crowd|total|count) at) $",
    re.I,
)


EN_VAGUE = re.compile(
    r"(?P<pre>more than |over |nearly |almost |about |around |some |up to |at least )?"
    r"(?:(?P<tens>tens of |hundreds of )?(?P<ord>dozens|hundreds|thousands|millions|billions)"
    r"(?![a-z])|(?:a few|several) (?P<ord2>hundred|thousand|million|billion)"
    r"|(?P<dozen>a dozen))"
    # Thousands died, tens of thousands, thousands of people: "of" joins the counted noun.
    r"(?:(?: of)? (?P<eunit>"
    + alternation(
        [w for w in PERSON_NOUN + COUNT_MEASURE if w.isascii()]
        + ["dollars", "yuan", "euros", "pounds"]
    )
    + "))?",
    re.I,
)
EN_PREFIX = re.compile(
    r"(?:more than|over|nearly|almost|about|around|approximately|roughly|some|up to|"
    r"at least|less than|fewer than|under|as many as|topped|surpassed|exceeded) $",
    re.I,
)
EN_PREFIX_WORD = {
    "more than": "超过", "over": "超过", "at least": "至少", "nearly": "近", "almost": "近",
    "about": "约", "around": "约", "approximately": "约", "roughly": "约", "some": "约",
    "up to": "多达", "as many as": "多达", "less than": "不到", "fewer than": "不到",
    "under": "不到", "topped": "超过", "surpassed": "超过", "exceeded": "超过",
}  # fmt: skip

# Spans that are dates, not amounts: 2024年, 5月15日, 2024-02-22, 2024/2/22, 二零零八年.
DATE_LIKE = re.compile(
    r"(?=[\d'零〇○一二三四五六七八九十])(?:(?<![\d.])(?<!\d,)(?:1[0-9]|20)\d{2}(?:\s?年|[-/]\d{1,2}(?:[-/]\d{1,2})?(?![\d%])"
    r"|\.\d{1,2}\.\d{1,2}(?![\d%]))"
    r"|(?<![\d.])\d{1,2}\s?月(?:\s?\d{1,2}\s?[日号])?|(?<![\d.,万亿])(?:3[01]|[12]\d|0?[1-9])\s?[日号](?!\d)"
    r"|(?!(?:一二|二三|三四|四五|五六|六七|七八|八九|三五|两三)年)[零〇○一二三四五六七八九]{2,4}年"
    r"|(?<!\d)0\d\s?年|(?<![\d.])\d{2}\s?年(?=\s?\d{1,2}\s?月)|(?<![个第])[一二三四五六七八九十]{1,2}月(?:[一二三四五六七八九十]{1,3}[日号])?"
    r"|(?<![\d零一二三四五六七八九十百千万亿])[一二三]?十[一二三四五六七八九]?[日号]"
    r"|'\d{2}年?|(?<=民国)\d{1,3}年|(?<=民國)\d{1,3}年"
    # in 2019, since 2020: a year, even when a noun follows (In 2019 people moved). Not
    # after by/of/from, which as often take an amount (rose by 2000 jobs, of 2000 staff).
    r"|(?:(?<=\b[Ii]n )|(?<=[Ss]ince )|(?<=[Uu]ntil )|(?<=[Bb]efore )|(?<=[Aa]fter )|(?<=[Dd]uring ))"
    r"(?:19|20)\d{2}(?![\d,.])"
    r")"
)
# What makes a figure part of something else: ordinals, model names, versions, tickers.
# 200萬+1人: a "+N" right after a figure is part of that figure (a slogan, a tally), not
# an amount of its own; +5% alone is a change and stays.
BEFORE_NOT = re.compile(
    r"(?:第|[A-Za-z][-_]?|No\.\s?|#|[\d.]|[=:：/]|[\d万亿]\+"
    # Line 5, Flight 171, runway 23: a numbered thing, not an amount
    r"|\b(?:[Ll]ine|[Ff]light|[Rr]oute|[Rr]unway|[Gg]ate|[Pp]latform|[Bb]us|[Rr]oom|[Ee]xit|[Pp]hase) )$"
)
AFTER_NOT = re.compile(r"[A-Za-z\d]|[点时:：]|后(?![^\W\d_])")
IDIOMS = re.compile(
    r"十年树木|百年树人|千万(?=[不别要记])|三年五载|一年半载|千秋万代|万一|万众|万分|万事|万物|万象|"
    r"千方百计|百分百|千家万户|成千上万|千千万万|万无一失|一五一十|九死一生"
)
SECOND_CURRENCY = re.compile(alternation([w for w in CURRENCY_WORDS if w != "元"]))
JIAO_FEN = re.compile(
    rf"零?(?:(?P<jiao>[{CN_CHARS}{DAXIE_DIGITS}\d])[角毛])?"
    rf"零?(?:(?P<fen>[{CN_CHARS}{DAXIE_DIGITS}\d])分)?(?:钱|整)?"
)
COUNTED_LATER = re.compile(rf"的[^，。,；;！？]{{0,24}}?(?P<noun>{alternation(PERSON_NOUN)})")
TIME_TAIL = re.compile(r"多|半(?![导径岛场数])")
PER = re.compile(
    rf"(?:每|/|per )(?P<pu>{alternation(list(PHYSICAL) + PERSON_MEASURE + COUNT_MEASURE)})"
)
BIG_END = re.compile(r"[万亿]\d*$|w$")  # 1万, 33万8000: a figure with an order
BIG_SUFFIX = re.compile(r"[万亿kw]+$")
ORDER_END = re.compile(r"[十百千万亿拾佰仟kw]+$")
# A counted English noun right after a figure: 5m people, eight people, two million jobs.
EN_COUNTED_AFTER = re.compile(
    rf" (?P<noun>{alternation([w for w in PERSON_NOUN + COUNT_MEASURE if w.isascii()])})"
)
# A counted noun after one or two modifiers: 88,898 firm orders, 75,723 locked-in orders.
EN_COUNTED_LATER = re.compile(
    r" (?:(?!(?:of|and|or|to|in|on|at|for|the|a|an)\b)[a-z]+(?:-[a-z]+)? ){1,2}"
    rf"(?P<noun>{alternation([w for w in PERSON_NOUN + COUNT_MEASURE if w.isascii()])})\b"
)
# Any other English unit after number words: two million dollars, nine years, five percent.
EN_UNIT_AFTER = re.compile(
    rf" (?P<noun>{alternation([w for w in UNIT_WORDS if w.isascii() and w[0].isalpha()])})"
)
# English number words (two million, Twelve, ninety-five, one hundred and fifty, half a
# million). The lookahead skips, in C, every position no number word starts at.
_EN_WORD = "|".join(sorted([*EN_ONES, *EN_TENS, *EN_WORD_SCALES], key=len, reverse=True))
EN_WORDS = re.compile(
    rf"(?=[otfsenhmbaOTFSENHMBA])\b(?P<lead>half an? |an? (?=(?:{'|'.join(EN_WORD_SCALES)})\b))?"
    rf"(?P<words>(?:{_EN_WORD})(?:(?:[ -]|,? and )(?:{_EN_WORD}))*)\b",
    re.I,
)
WHO_AFTER = re.compile(r" who\b")
PERSON_AFTER = re.compile(
    rf"(?:(?![是的和与及中有在为])[^\W\d_]){{0,4}}?(?:{alternation(PERSON_NOUN)})"
)
