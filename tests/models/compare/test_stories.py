"""Stories (models.compare.stories): news-dev's 31 articles about 5 events, in three scripts and
two languages, fall into exactly those 5 stories with no gazetteer entry for any event."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from models.compare.stories import StoryArticle, article_terms, group_stories
from models.entities import Gazetteer
from models.values.quantities import parse_quantities

ROOT = Path(__file__).resolve().parents[3]
NEWS_DEV = ROOT / "benchmarks" / "data" / "news-dev"
NO_GAZETTEER = Gazetteer.from_csv_text("key,name,kind,aliases\n")


def _articles(gazetteer: Gazetteer) -> list[StoryArticle]:
    with (NEWS_DEV / "sources.csv").open(encoding="utf-8") as fh:
        meta = {row["file"]: row for row in csv.DictReader(fh)}
    out = []
    for name, row in sorted(meta.items()):
        text = (NEWS_DEV / name).read_text(encoding="utf-8")
        published = date.fromisoformat(row["published"])
        figures = [q.low for q in parse_quantities(text) if q.low is not None and q.low == q.high]
        terms = article_terms(row["title"], text, published, gazetteer, figures)
        out.append(StoryArticle(article_id=name, published_at=published, terms=terms))
    return out


def _groups(stories: dict[str, str]) -> set[frozenset[str]]:
    by_story: dict[str, set[str]] = {}
    for article, story in stories.items():
        by_story.setdefault(story, set()).add(article.rsplit("_", 1)[0])
    return {frozenset(events) for events in by_story.values()}


def test_news_dev_articles_group_into_their_five_events_without_a_gazetteer() -> None:
    stories = group_stories(_articles(NO_GAZETTEER))
    assert len(set(stories.values())) == 5
    assert all(len(events) == 1 for events in _groups(stories))


def test_articles_sharing_nothing_are_separate_stories() -> None:
    a = StoryArticle(article_id="a", published_at=date(2024, 1, 1), terms=["n:ai171", "w:crash"])
    b = StoryArticle(article_id="b", published_at=date(2024, 1, 2), terms=["n:usgs", "w:quake"])
    c = StoryArticle(article_id="c", published_at=date(2024, 1, 2), terms=["n:ai171", "w:crash"])
    stories = group_stories([a, b, c])
    assert stories["a"] == stories["c"] != stories["b"]


def test_articles_years_apart_are_never_one_story() -> None:
    terms = ["n:mandalay", "n:sagaing", "w:地震", "w:缅甸"]
    old = StoryArticle(article_id="2012", published_at=date(2012, 11, 13), terms=terms)
    new = StoryArticle(article_id="2025", published_at=date(2025, 3, 31), terms=terms)
    stories = group_stories([old, new])
    assert stories["2012"] != stories["2025"]


def test_threads_loading_the_place_tags_at_once_all_see_every_place() -> None:
    """The first batches' normalize tasks load jieba's tag table in threads at once."""
    from concurrent.futures import ThreadPoolExecutor

    from models.compare import stories

    stories._name_tags.cache_clear()
    with ThreadPoolExecutor(4) as pool:
        found = list(pool.map(stories.place_names, ["泰国曼谷发生地震"] * 4))
    assert all([w for w, _ in f] == ["泰国", "曼谷"] for f in found), found
