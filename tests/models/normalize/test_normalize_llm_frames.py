"""An LLM's word on what a figure counts (Claim.llm_figures) in models.normalize.normalizer: it
fills the measure of a figure the rules leave without one, only for a figure of the
grounded quote and a measure of the vocabulary; the rules' reading wins, and the value
is always the one read from the quote."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from models.article import Article
from models.claims import Claim, LLMFigure
from models.compare.frame_reader import FrameReader
from models.compare.frames import Frame
from models.compare.vocabulary import Vocabulary
from models.entities import Gazetteer
from models.normalize.normalizer import normalize_claim

ROOT = Path(__file__).resolve().parents[3]
GAZETTEER = Gazetteer.from_csv_text((ROOT / "seeds" / "entities.csv").read_text("utf-8-sig"))
VOCABULARY = Vocabulary.from_csv_text((ROOT / "seeds" / "measures.csv").read_text("utf-8-sig"))
PUBLISHED = date(2024, 5, 17)

ZH = "微软中国AI团队\n\n微软要求中国区AI团队员工迁往海外。\n\n这一数字可能达到400余人。"
ZH_HANT = "微軟中國AI團隊\n\n微軟要求中國區AI團隊員工遷往海外。\n\n這一數字可能達到400餘人。"
EN = "Microsoft asks staff to move\n\nThe figure could reach 1.03 million, the company said."


def _frames(text: str, quote: str, *figures: LLMFigure) -> list[Frame]:
    article = Article(
        article_id="a",
        source_path="a.txt",
        published_at=PUBLISHED,
        raw_text=text,
        text=text,
    )
    start = text.index(quote)
    claim = Claim(
        claim_id="c",
        article_id="a",
        chunk_idx=0,
        quote=quote,
        claim_text=quote,
        subject=None,
        subject_key=None,
        predicate=None,
        attributed_to=None,
        hedged=False,
        start_char=start,
        end_char=start + len(quote),
        alignment="exact",
        extractor="openai",
        prompt_id="p",
        llm_figures=list(figures),
    )
    reader = FrameReader(text, PUBLISHED, VOCABULARY, GAZETTEER)
    done = normalize_claim(claim, article, GAZETTEER, reader)
    assert len(done.frames) == len(done.quantities)
    return done.frames


def _fig(text: str, measure: str | None, as_of: str | None = None) -> LLMFigure:
    return LLMFigure(text=text, measure=measure, scope=None, as_of=as_of)


def test_the_rules_alone_leave_these_figures_without_a_measure() -> None:
    assert [f.measure for f in _frames(ZH, "这一数字可能达到400余人")] == [""]
    assert [f.measure for f in _frames(EN, "The figure could reach 1.03 million")] == [""]


def test_the_model_names_what_a_figure_only_the_context_explains_counts() -> None:
    (frame,) = _frames(ZH, "这一数字可能达到400余人", _fig("400余人", "relocated"))
    assert frame.measure == "relocated" and frame.figure
    assert (frame.as_of, frame.as_of_from) == (PUBLISHED, "published")  # no date given


def test_figure_text_matches_across_scripts_spacing_and_partial_surfaces() -> None:
    (frame,) = _frames(ZH_HANT, "這一數字可能達到400餘人", _fig("400 余人", "Relocated"))
    assert frame.measure == "relocated"
    (frame,) = _frames(ZH, "这一数字可能达到400余人", _fig("400", "relocated"))
    assert frame.measure == "relocated"


def test_a_figure_not_in_the_quote_is_ignored() -> None:
    quote = "这一数字可能达到400余人"
    assert _frames(ZH, quote, _fig("500余人", "relocated"))[0].measure == ""
    assert _frames(ZH, quote, _fig("1.03 million", "relocated"))[0].measure == ""
    # 4 is in the quote but is not the figure 400余人
    assert _frames(ZH, quote, _fig("4", "relocated"))[0].measure == ""


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("relocated", "relocated"),
        ("Jobs-Cut", "jobs_cut"),
        ("death toll", "deaths"),
        ("death_toll", "deaths"),
        ("staff", "employees"),
        ("裁員", "jobs_cut"),
        ("weather_index", ""),
        ("age", ""),  # a word of the vocabulary, but not a measure
        ("", ""),
    ],
)
def test_the_model_measure_is_canonicalised_or_dropped(given: str, expected: str) -> None:
    assert VOCABULARY.measure_key(given) == expected
    (frame,) = _frames(EN, "The figure could reach 1.03 million", _fig("1.03 million", given))
    assert frame.measure == expected


def test_a_null_measure_leaves_the_frame_alone() -> None:
    (frame,) = _frames(ZH, "这一数字可能达到400余人", _fig("400余人", None))
    assert frame == _frames(ZH, "这一数字可能达到400余人")[0]


def test_the_rules_measure_wins() -> None:
    text = "微软中国AI团队\n\n微软要求中国区AI团队员工迁往海外。涉及的员工可能达到400余人。"
    quote = "涉及的员工可能达到400余人"
    (rules,) = _frames(text, quote)
    assert rules.measure == "relocated"
    (frame,) = _frames(text, quote, _fig("400余人", "deaths", "2024-05-10"))
    assert frame == rules  # neither the measure nor the as-of is the model's


def test_a_figure_the_rules_say_is_no_figure_stays_one() -> None:
    text = "标题\n\n据两名知情人士透露，微软将裁员。"
    quote = "据两名知情人士透露，微软将裁员"
    rules = _frames(text, quote)
    assert rules and not rules[0].figure
    assert _frames(text, quote, _fig("两名", "employees")) == rules


def test_the_model_as_of_is_used_when_it_is_a_day_up_to_publication() -> None:
    quote = "The figure could reach 1.03 million"
    (frame,) = _frames(EN, quote, _fig("1.03 million", "deal_value", "2024-05-10"))
    assert (frame.measure, frame.as_of, frame.as_of_from) == (
        "deal_value",
        date(2024, 5, 10),
        "text",
    )
    for bad in ("2024-06-01", "May 10", "2024-02-30", "2024-5-10"):
        (frame,) = _frames(EN, quote, _fig("1.03 million", "deal_value", bad))
        assert (frame.measure, frame.as_of, frame.as_of_from) == (
            "deal_value",
            PUBLISHED,
            "published",
        ), bad


def test_a_day_the_sentence_names_wins_over_the_model_day() -> None:
    text = "Microsoft asks staff to move\n\nOn May 10, the figure reached 1.03 million."
    quote = "On May 10, the figure reached 1.03 million"
    (rules,) = _frames(text, quote)
    assert rules.measure == "" and rules.as_of == date(2024, 5, 10)
    (frame,) = _frames(text, quote, _fig("1.03 million", "deal_value", "2024-05-01"))
    assert (frame.measure, frame.as_of) == ("deal_value", date(2024, 5, 10))
    assert frame.as_of_from == rules.as_of_from
