"""Two figures of one story and frame: updates, one news cycle, voices, parties, levels
(models.compare.blocking.relate_figures) and the typed rule on their values
(models.compare.verdicts.compare_quantities)."""

from __future__ import annotations

from datetime import date
from typing import Any

from models.compare.blocking import QuantityFact, relate_figures
from models.compare.verdicts import compare_quantities

SAME = -1.0  # high = low


def fig(claim: str, value: float | None, high: float | None = SAME, **kw: Any) -> QuantityFact:
    """A figure of story s1, deaths, dated 23 July by its text, unless told otherwise."""
    base: dict[str, Any] = dict(
        claim_id=claim,
        article_id=kw.pop("article", claim),
        source=kw.pop("source", claim),
        subject_key="",
        predicate="",
        surface=str(value),
        unit="person",
        low=value,
        high=value if high == SAME else high,
        story="s1",
        measure="deaths",
        as_of=date(2021, 7, 23),
        as_of_from="text",
    )
    base.update(kw)
    return QuantityFact(**base)


def test_a_later_day_is_an_update_and_the_same_day_is_compared() -> None:
    assert relate_figures(fig("a", 33, as_of=date(2021, 7, 22)), fig("b", 56)) == "update"
    assert relate_figures(fig("a", 51), fig("b", 56)) == "compare"


def test_a_publication_day_a_day_after_a_dated_figure_is_one_news_cycle() -> None:
    thursday = fig("a", 33, as_of=date(2021, 7, 22))
    friday_paper = fig("b", 56, as_of_from="published")
    assert relate_figures(thursday, friday_paper) == "compare"
    # …unless the figure says it moved, or both are dated by their own text.
    assert (
        relate_figures(thursday, fig("b", 56, as_of_from="published", movement="rise")) == "update"
    )
    assert relate_figures(thursday, fig("b", 56)) == "update"


def test_one_article_compares_only_different_voices() -> None:
    police = fig("a", 240000, article="x", whose="police")
    organisers = fig("b", 1030000, article="x", whose="organisers")
    author = fig("c", 1030000, article="x")
    assert relate_figures(police, organisers) == "compare"
    assert relate_figures(author, fig("d", 240000, article="x")) == "skip"
    wsj = fig("e", 750, article="x", source_key="华尔街日报", attributed=True)
    ms = fig("f", 300, article="x", source_key="微软", attributed=True)
    assert relate_figures(wsj, ms) == "compare"


def test_other_parties_levels_and_syndicated_copies_are_not_compared() -> None:
    assert relate_figures(fig("a", 1, parties=["google"]), fig("b", 2, parties=["meta"])) == "skip"
    assert relate_figures(fig("a", 51, level="city"), fig("b", 56, level="province")) == "skip"
    assert relate_figures(fig("a", 1, report="r"), fig("b", 2, report="r")) == "skip"


def test_rounded_figures_are_the_same_figure_but_one_digit_is_not() -> None:
    assert compare_quantities(fig("a", 88000, unit="count"), fig("b", 88898, unit="count")) is None
    assert compare_quantities(fig("a", 69e9, unit="USD"), fig("b", 68.7e9, unit="USD")) is None
    verdict = compare_quantities(fig("a", 10000), fig("b", 12000))
    assert verdict is not None and verdict[0] == "conflict"


def test_an_open_bound_that_holds_is_no_discrepancy() -> None:
    over = fig("a", 1e8, None, unit="USD")
    assert compare_quantities(over, fig("b", 2e8, unit="USD")) is None
    verdict = compare_quantities(
        fig("a", 700, 800), fig("b", 100, 1000, typical_low=100, typical_high=200)
    )
    assert verdict is not None and verdict[0] == "discrepancy"


def test_two_voices_in_one_claim_are_compared_with_each_other() -> None:
    from models.compare.contradictions import compare_facts

    organisers = fig("a", 1030000, article="x", whose="organisers")
    police = fig("a", 240000, article="x", whose="police")
    other = fig("b", 240000, article="y", whose="police")
    rows = compare_facts([organisers, police, other]).contradictions
    pairs = {(c.claim_a, c.claim_b, c.value_a, c.value_b) for c in rows}
    assert ("a", "a", "1030000", "240000") in pairs or ("a", "a", "240000", "1030000") in pairs
    assert any({c.claim_a, c.claim_b} == {"a", "b"} for c in rows)


def test_a_windowed_count_restated_later_is_compared_not_updated() -> None:
    day_one = fig("a", 88898, scope="window:86400s", measure="orders_firm")
    week_later = fig(
        "b", 100000, scope="window:86400s", measure="orders_firm", as_of=date(2021, 7, 30)
    )
    assert relate_figures(day_one, week_later) == "compare"


def test_a_claim_giving_a_province_and_its_city_or_two_days_relates_each_apart() -> None:
    from models.compare.contradictions import compare_facts

    province = fig("a", 1200.6e8, article="x", level="province", measure="loss", unit="CNY")
    city = fig("a", 409e8, article="x", level="city", measure="loss", unit="CNY")
    earlier_city = fig("b", 655e8, level="city", measure="loss", unit="CNY", as_of=date(2021, 7, 1))
    relations = compare_facts([province, city, earlier_city]).relations
    assert [(r.claim_a, r.claim_b, r.relation) for r in relations] == [("b", "a", "update")]


def test_one_fact_reported_days_apart_is_compared_but_a_tally_is_updated() -> None:
    monday = dict(as_of=date(2024, 5, 1), as_of_from="spoken")
    thursday = dict(as_of=date(2024, 5, 3), as_of_from="published")
    staff = dict(measure="relocated")
    assert (
        relate_figures(fig("a", 300, **monday, **staff), fig("b", 750, **thursday, **staff))
        == "compare"
    )
    dead = dict(running=True)
    assert (
        relate_figures(fig("a", 33, **monday, **dead), fig("b", 56, **thursday, **dead)) == "update"
    )
    week_later = dict(as_of=date(2024, 5, 8), as_of_from="published")
    assert (
        relate_figures(fig("a", 300, **monday, **staff), fig("b", 750, **week_later, **staff))
        == "update"
    )


def test_a_syndicated_copy_carries_the_disagreement_inside_its_article() -> None:
    from models.compare.contradictions import compare_facts

    def pair(article: str, published: date) -> list[QuantityFact]:
        common = dict(article=article, published_at=published)
        return [
            fig(
                f"{article}-org",
                1030000,
                whose="organisers",
                quote_key="frontputturnoutat103million",
                **common,
            ),
            fig(
                f"{article}-pol",
                240000,
                whose="police",
                quote_key="policesaid240000peoplewereontheroute",
                **common,
            ),
        ]

    reuters, straits_times = pair("reuters", date(2019, 6, 9)), pair("st", date(2019, 6, 10))
    result = compare_facts([*reuters, *straits_times])
    rows = {frozenset((c.claim_a, c.claim_b)) for c in result.contradictions}
    assert rows == {frozenset({"reuters-org", "reuters-pol"}), frozenset({"st-org", "st-pol"})}
    assert {r.relation for r in result.relations} == {"copy"}


def test_two_voices_of_two_dated_events_are_not_an_update_but_a_report_after_a_rumour_is() -> None:
    march_9 = fig("a", 240000, measure="participants", whose="police", as_of=date(2019, 6, 9))
    march_16 = fig(
        "b", 2000000, measure="participants", whose="organisers", as_of=date(2019, 6, 16)
    )
    assert relate_figures(march_9, march_16) == "skip"
    rumour = fig(
        "c",
        10000,
        measure="jobs_cut",
        whose="report",
        as_of=date(2022, 11, 22),
        as_of_from="published",
    )
    official = fig(
        "d",
        12000,
        measure="jobs_cut",
        whose="alphabet",
        as_of=date(2023, 1, 20),
        as_of_from="spoken",
    )
    assert relate_figures(rumour, official) == "update"


def test_two_rounds_of_a_fact_the_text_dates_years_apart_are_not_an_update() -> None:
    old = fig("a", 27000, measure="jobs_cut", as_of=date(2022, 12, 31), as_of_from="text")
    new = fig("b", 30000, measure="jobs_cut", as_of=date(2025, 10, 28), as_of_from="text")
    assert relate_figures(old, new) == "skip"


def test_chinese_places_are_compared_only_with_chinese_places() -> None:
    thai = fig("a", 100, parties=["zh:taiguo", "zh:mangu"])
    myanmar_zh = fig("b", 270, parties=["zh:miandian"])
    myanmar_en = fig("c", 139, parties=["myanmar"])
    assert relate_figures(thai, myanmar_zh) == "skip"
    assert relate_figures(myanmar_zh, myanmar_en) == "compare"
