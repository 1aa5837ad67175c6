"""parse_dates on sentences from the seeds (tests/cases/dates.jsonl): absolute, relative
and partial dates, ranges, and the weekday cross-check."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from models.values.dates import parse_dates

ROOT = Path(__file__).resolve().parents[3]
CASES = [
    json.loads(line)
    for line in (ROOT / "tests" / "cases" / "dates.jsonl").read_text("utf-8").splitlines()
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c['bullet']}:{c['text'][:10]}" for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    published = date.fromisoformat(case["published"]) if case["published"] else None
    got = parse_dates(case["text"], published)
    assert [d.surface for d in got] == [e["surface"] for e in case["expect"]]
    for d, e in zip(got, case["expect"], strict=True):
        assert case["text"][d.start : d.end] == d.surface
        assert d.value.isoformat() == e["value"]
        assert (d.end_value.isoformat() if d.end_value else None) == e["end_value"]
        assert d.precision == e["precision"]
        assert d.year_guessed == e.get("year_guessed", False)
        assert d.relative == e.get("relative", False)
        assert d.weekday_mismatch == e.get("weekday_mismatch")
        assert d.open == e.get("open")


def test_weekday_check_holds_in_2024_and_fails_in_2023() -> None:
    (ok,) = parse_dates("星期四(5月16日)", date(2024, 5, 17))
    assert ok.weekday_mismatch is None
    (bad,) = parse_dates("星期四(5月16日)", date(2023, 5, 17))
    assert bad.weekday_mismatch == "stated 星期四, 2023-05-16 is 星期二"
    assert bad.year_guessed


def test_the_weekday_that_qualifies_a_date_is_not_a_second_mention() -> None:
    assert len(parse_dates("微软公司星期四(5月16日)表示", date(2024, 5, 17))) == 1


def test_bad_input_gives_nothing_rather_than_an_error() -> None:
    for text in ("", "2月30日", "13月1日", "2024-13-45", "星期八", "上上上周", "第", "99年代"):
        assert isinstance(parse_dates(text, date(2024, 5, 17)), list)
    assert parse_dates("2月30日", date(2024, 5, 17)) == []
