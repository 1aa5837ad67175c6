"""Stories: articles about the same event, grouped without a gazetteer.

Two outlets covering one event share its names (people, places, organisations; Latin
tokens such as AI171, Boeing, USGS appear in Chinese text too), its headline words and
its distinctive figures (1.03 million = 103萬, 68.7 billion = 687亿), and they are
published within weeks of each other. Each article is reduced once to such terms
(`article_terms`); articles are linked when their terms are similar enough, weighted by
how rare each term is across the pile (a name every article carries tells nothing), and
a story is a connected group of linked articles. The gazetteer helps (微软 = Microsoft
become one term) but is not needed.

Pairs are found through an inverted index on the rarer terms, so grouping n articles
costs about the number of articles that share a rare term, not n².
"""

from __future__ import annotations

import logging
import math
import re
import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from pypinyin import lazy_pinyin

from models.entities import SOURCE_KINDS, Gazetteer
from models.ids import stable_id
from models.script import fold
from models.values.dates import parse_dates

LINK = 0.2  # cosine similarity at which two articles are about one event
STRONG_LINK = 0.35  # … at which they are, up to MAX_DAYS apart
MAX_DAYS = 3 * 365  # further apart: never one story (a deal closing two years on: one)
WINDOW_DAYS = 60  # articles further apart than this need a strong link
SHARED_FACTS = 3  # days, figures and known entities in common that link two articles
COMMON_SHARE = 0.2  # terms in more than this share of articles are not indexed…
MIN_COMMON = 30  # … unless in this few (a small pile is indexed whole)


@dataclass(frozen=True, slots=True)
class StoryArticle:
    article_id: str
    published_at: date | None
    terms: Sequence[str]


_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z&'-]*[A-Za-z](?:\s+[A-Z][A-Za-z&'-]*[A-Za-z]){0,3}\b")
_ALNUM = re.compile(r"\b(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z\d-]{2,12}\b")
_EN_WORD = re.compile(r"[A-Za-z][a-z]{3,}")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_STOP = frozenset(
    ["the", "a", "an", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "by", "with", "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "it", "its", "this", "that", "these", "those", "he", "she", "they", "we", "you", "i", "his", "her", "their", "our", "after", "before", "over", "under", "about", "into", "than", "then", "there", "when", "where", "which", "who", "whom", "what", "while", "more", "most", "new", "says", "said", "say", "will", "would", "could", "should", "may", "might", "also", "not", "no", "yes", "mr", "mrs", "ms", "dr", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "reuters", "update", "news", "photo", "video", "share", "comments", "related", "read", "copyright", "reporting", "editing", "writing", "additional", "asia", "americas", "europe", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
)
_ZH_STOP = frozenset(
    ["记者", "报道", "消息", "表示", "宣布", "通报", "今天", "昨天", "日前", "目前", "已经", "进行", "相关", "没有", "我们", "他们", "一个", "公司", "宣布", "最新", "正式", "新闻", "网友", "评论", "城市", "太多", "和平", "上街", "时分", "凌晨", "全国", "全球", "国内", "国际"]
)


LEAD_CHARS = 600  # Chinese names are read from the headline and the lead only (jieba's cost)
_NAME_TAGS = frozenset({"ns", "nr", "nt", "nz", "nrt"})
_ADMIN_SUFFIX = re.compile(r"(?:特别行政区|自治区|省|市|县|区|镇)$")


_LOADING = threading.Lock()


@lru_cache(maxsize=1)
def _name_tags() -> Any:
    """jieba's word → part-of-speech table, loaded once. Words are cut with the plain
    segmenter and looked up here: a fifth of the cost of tagging. Loaded under a lock:
    jieba refills the table through its attribute, so two threads loading at once (the
    first batches' normalize tasks) could leave one of them holding a half-filled table."""
    import jieba
    import jieba.posseg

    with _LOADING:
        jieba.setLogLevel(logging.WARNING)
        jieba.posseg.dt.initialize()
        return jieba, jieba.posseg.dt.word_tag_tab


def _chinese_names(text: str) -> set[str]:
    """Names in Chinese text, as written and in pinyin (郑州市 → 郑州, zhengzhou; 雷军 →
    lei jun), so English coverage of the same event shares them."""
    jieba, tags = _name_tags()
    out: set[str] = set()
    for w in jieba.cut(fold(text)):
        tag = tags.get(w)
        if tag not in _NAME_TAGS or len(w) < 2:
            continue
        w = _ADMIN_SUFFIX.sub("", w) if len(w) > 2 else w
        if len(w) < 2 or w in _ZH_STOP:
            continue
        syllables = lazy_pinyin(w)
        out.add(" ".join(syllables) if tag in ("nr", "nrt") else "".join(syllables))
    return out


def place_names(text: str) -> list[tuple[str, str]]:
    """The places Chinese text names (jieba's ns tag): (word, its pinyin without the
    admin suffix), in text order (泰国曼谷 → (泰国, taiguo), (曼谷, mangu))."""
    jieba, tags = _name_tags()
    out: dict[str, str] = {}
    for w in jieba.cut(fold(text)):
        if tags.get(w) != "ns" or len(w) < 2:
            continue
        name = _ADMIN_SUFFIX.sub("", w) if len(w) > 2 else w
        if len(name) >= 2 and name not in _ZH_STOP:
            out.setdefault(w, "".join(lazy_pinyin(name)))
    return list(out.items())


def article_terms(
    title: str | None,
    text: str,
    published_at: date | None,
    gazetteer: Gazetteer,
    figures: Iterable[float] = (),
) -> list[str]:
    """The terms an article is grouped by: e:<entity key>, n:<name> (capitalised Latin
    phrases, letter-digit tokens, Chinese names and their pinyin), w:<headline word>,
    d:<a day the lead names>, q:<figure>."""
    terms: set[str] = set()
    for m in gazetteer.find(text):
        if m.entity.kind not in SOURCE_KINDS:
            terms.add(f"e:{m.entity.key}")
    for c in _CAPITALISED.finditer(text):
        words = [w for w in c.group().split() if w.lower() not in _STOP]
        if words:
            terms.add("n:" + " ".join(words).lower())
    terms.update(f"n:{a.group().lower()}" for a in _ALNUM.finditer(text))
    head = title or text[:80]
    lead = text[:LEAD_CHARS]
    if _HAN.search(lead):
        terms.update(f"n:{n}" for n in _chinese_names(lead))
        jieba, _ = _name_tags()
        for w in jieba.cut(fold(head)):
            if len(w) >= 2 and _HAN.search(w) and w not in _ZH_STOP:
                terms.add(f"w:{w}")
    terms.update(f"w:{w.lower()}" for w in _EN_WORD.findall(head) if w.lower() not in _STOP)
    for d in parse_dates(lead, published_at):
        if d.precision == "day" and d.end_value is None:
            terms.add(f"d:{d.value.isoformat()}")
    for v in figures:
        if v >= 10 and not (1900 <= v <= 2100 and v == int(v)):
            terms.add(f"q:{v:.3g}")
    return sorted(terms)


def group_stories(articles: Sequence[StoryArticle]) -> dict[str, str]:
    """article_id → story_id: connected groups of linked articles. A story's id is that
    of its first article (by id), so it stays while articles are added to it unless two
    stories merge."""
    n = len(articles)
    df: dict[str, int] = defaultdict(int)
    for a in articles:
        for t in set(a.terms):
            df[t] += 1
    common = max(MIN_COMMON, int(COMMON_SHARE * n))
    # Smoothed: in a pile about one event every article shares its names, and they must
    # still count (log(n/d) would weigh a term of every article 0).
    idf = {t: math.log(1 + n / d) for t, d in df.items() if d > 1}
    weights = []
    for a in articles:
        w = {t: idf[t] for t in set(a.terms) if t in idf}
        norm = math.sqrt(sum(x * x for x in w.values())) or 1.0
        weights.append({t: x / norm for t, x in w.items()})
    index: dict[str, list[int]] = defaultdict(list)
    for i, w in enumerate(weights):
        for t in w:
            if df[t] <= common:
                index[t].append(i)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen: set[tuple[int, int]] = set()
    for members in index.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if (i, j) in seen or find(i) == find(j):
                    continue
                seen.add((i, j))
                if _linked(articles[i], articles[j], weights[i], weights[j]):
                    parent[find(j)] = find(i)
    groups: dict[int, list[str]] = defaultdict(list)
    for i, a in enumerate(articles):
        groups[find(i)].append(a.article_id)
    out: dict[str, str] = {}
    for ids in groups.values():
        story = "s" + stable_id(min(ids))[:11]
        for aid in ids:
            out[aid] = story
    return out


def similarity(a: dict[str, float], b: dict[str, float]) -> float:
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return sum(x * large.get(t, 0.0) for t, x in small.items())


def _linked(a: StoryArticle, b: StoryArticle, wa: dict[str, float], wb: dict[str, float]) -> bool:
    apart = (
        abs((a.published_at - b.published_at).days)
        if a.published_at is not None and b.published_at is not None
        else 0
    )
    if apart > MAX_DAYS:
        return False  # the same place's quake of 2012 and of 2025 are two stories
    sim = similarity(wa, wb)
    if sim >= STRONG_LINK:
        return True
    # Across languages few words are shared, but an event's days and figures are.
    if sum(1 for t in wa if t in wb and t[0] in "dqe") >= SHARED_FACTS:
        sim = max(sim, LINK)
    return apart <= WINDOW_DAYS and sim >= LINK
