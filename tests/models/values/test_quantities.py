"""parse_quantities on real sentences from the seeds (tests/cases/quantities.jsonl): one
row per bullet of the issue, negatives included, and every amount of each seed."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from models.text.cleaning import clean_text
from models.values.numerals import read_number
from models.values.quantities import Quantity, parse_quantities

ROOT = Path(__file__).resolve().parents[3]
ROWS = [
    json.loads(line)
    for line in (ROOT / "tests" / "cases" / "quantities.jsonl").read_text("utf-8").splitlines()
]
SENTENCES = [r for r in ROWS if "text" in r]
SEEDS = [r for r in ROWS if "seed" in r]


def _same(a: float | None, b: float | None) -> bool:
    return a is b if a is None or b is None else math.isclose(a, b, rel_tol=1e-6)


def _matches(q: Quantity, want: dict[str, Any]) -> bool:
    typical = (want.get("typical_low", want["low"]), want.get("typical_high", want["high"]))
    return (
        q.surface == want["surface"]
        and q.unit == want["unit"]
        and _same(q.low, want["low"])
        and _same(q.high, want["high"])
        and _same(q.typical_low, typical[0])
        and _same(q.typical_high, typical[1])
    )


@pytest.mark.parametrize(
    "case", SENTENCES, ids=[f"{r['bullet']}:{r['text'][:12]}" for r in SENTENCES]
)
def test_sentence(case: dict[str, Any]) -> None:
    got = parse_quantities(case["text"])
    assert len(got) == len(case["expect"]), [q.surface for q in got]
    for q, want in zip(got, case["expect"], strict=True):
        assert _matches(q, want), (q, want)
        assert case["text"][q.start : q.end] == q.surface


@pytest.mark.parametrize("case", SEEDS, ids=[r["seed"][:3] for r in SEEDS])
def test_every_amount_of_each_seed(case: dict[str, Any]) -> None:
    text = clean_text((ROOT / "seeds" / case["seed"]).read_text("utf-8")).text
    got = [(q.surface, q.low, q.high, q.unit) for q in parse_quantities(text)]
    want = [tuple(w) for w in case["expect"]]
    assert [g[0] for g in got] == [w[0] for w in want]
    for g, w in zip(got, want, strict=True):
        assert g[3] == w[3] and _same(g[1], w[1]) and _same(g[2], w[2]), (g, w)


def test_the_issue_covers_every_bullet() -> None:
    bullets = {r["bullet"].split(" ")[0] for r in SENTENCES}
    for needed in ("arabic", "money", "percent", "multiples", "ranges", "vague", "people",
                   "counted", "SI", "ages", "not:"):  # fmt: skip
        assert any(b.startswith(needed) for b in bullets), needed


@pytest.mark.parametrize(
    ("numeral", "low", "high"),
    [
        ("七八百", 700, 800),
        ("三五百", 300, 500),
        ("十七八万", 170_000, 180_000),
        ("数百", 200, 1000),
        ("几十万", 200_000, 1_000_000),
        ("十几", 11, 20),
        ("3000多", 3000, 4000),
        ("200多亿", 2e10, 3e10),
        ("百余", 100, 200),
        ("两千六", 2600, 2600),
        ("三万五", 35_000, 35_000),
        ("壹万贰仟叁佰肆拾伍", 12345, 12345),
        ("一亿三千万", 1.3e8, 1.3e8),
        ("兩萬一千一百一十一", 21111, 21111),
        ("一点五万", 15_000, 15_000),
        ("21,668", 21668, 21668),
        ("负一点一", -1.1, -1.1),
        ("二零零八", 2008, 2008),
    ],
)
def test_read_number(numeral: str, low: float, high: float) -> None:
    assert read_number(numeral) == pytest.approx((low, high))


def test_offsets_survive_folding_of_traditional_and_full_width_text() -> None:
    text = "總估值超過１８０億美元，裁員總數超過了50萬。"
    for q in parse_quantities(text):
        assert text[q.start : q.end] == q.surface
    assert [q.low for q in parse_quantities(text)] == [1.8e10, 5e5]


def test_headcount_readings_give_a_discrepancy_not_a_conflict() -> None:
    (wsj,) = parse_quantities("大约七八百名")
    (staff,) = parse_quantities("上百名员工")
    assert wsj.low is not None and wsj.high is not None and staff.high is not None
    assert staff.low is not None and staff.low <= wsj.high and wsj.low <= staff.high
    assert staff.typical_high is not None and staff.typical_high < wsj.low


def test_daxie_numerals_are_read_only_inside_a_numeral() -> None:
    assert [q.surface for q in parse_quantities("队伍十人，陆续到达")] == ["十人"]
    (q,) = parse_quantities("税额共计壹仟玖佰圆整")
    assert (q.low, q.unit) == (1900, "CNY")


def test_bad_input_gives_nothing_rather_than_an_error() -> None:
    for text in ("", "   ", "第", "万一", "百分之", "数以", "1" * 400, "¥", "三分之零"):
        assert isinstance(parse_quantities(text), list)


def test_english_number_words_never_fire_inside_words_or_on_one() -> None:
    text = "Someone once said none of the tenants often attend; no one, one day, anyone"
    assert parse_quantities(text) == []
    assert [q.surface for q in parse_quantities("two three people, nine were rescued")] == []
    (q,) = parse_quantities("one million people")
    assert (q.low, q.unit) == (1e6, "person")
