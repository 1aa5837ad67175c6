"""The amounts of the Microsoft headcount story (the full case table is
tests/cases/quantities.jsonl)."""

import pytest

from models.quantities import parse_quantities


@pytest.mark.parametrize(
    ("text", "surface", "low", "high", "unit"),
    [
        ("涉及员工或达数百人", "数百人", 200, 999, "person"),
        ("或涉及上百名员工", "上百名员工", 100, 999, "person"),
        ("正在询问大约七八百名涉及机器学习", "大约七八百名", 700, 800, "person"),
        ("雇佣了约7000名工程师", "约7000名工程师", 7000, 7000, "person"),
        ("1000 亿美元", "1000 亿美元", 1e11, 1e11, "USD"),
        ("单机柜用电功率最大为120kW", "120kW", 120000, 120000, "W"),
    ],
)
def test_headcount_story_amounts(
    text: str, surface: str, low: float, high: float, unit: str
) -> None:
    (q,) = parse_quantities(text)
    assert (q.surface, q.low, q.high, q.unit) == (surface, low, high, unit)
    assert text[q.start : q.end] == q.surface


def test_dates_are_not_amounts() -> None:
    assert parse_quantities("5月15日和2024年") == []
