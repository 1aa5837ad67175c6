"""An extractor's free-form predicate, Chinese or English, onto the rules' vocabulary
(issue 17: a small model answers 裁员, 工作, 挖角 or laid off for the English verb the
prompt asks; unknown verbs are kept, trimmed and lower-cased)."""

from __future__ import annotations

import pytest

from models.extract.predicates import NAMES, canonical_predicate


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("裁员", "lay off"),
        ("裁撤", "lay off"),
        ("裁撤了", "lay off"),
        ("已经裁员", "lay off"),
        ("迁移", "relocate"),
        ("搬迁", "relocate"),
        ("迁往", "relocate"),
        ("收购", "acquire"),
        ("收購", "acquire"),
        ("雇佣", "employ"),
        ("工作", "employ"),
        ("挖角", "hire"),
        ("融资", "raise"),
    ],
)
def test_chinese_predicates(given: str, expected: str) -> None:
    assert canonical_predicate(given) == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("laid off", "lay off"),
        ("lays off", "lay off"),
        ("Laying off", "lay off"),
        ("lay_off", "lay off"),
        (" Relocated ", "relocate"),
        ("relocates", "relocate"),
        ("acquired", "acquire"),
        ("employs", "employ"),
        ("hired", "hire"),
        ("holds stake", "hold stake"),
        ("has users", "have users"),
        ("earns", "earn"),
        ("changed", "change"),
        ("founded", "found"),
        ("works at", "employ"),
        ("announced layoffs", "lay off"),
    ],
)
def test_english_predicates(given: str, expected: str) -> None:
    assert canonical_predicate(given) == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [("是", "是"), ("Sue", "sue"), ("  Denies  ", "denies"), ("在微软工作", "在微软工作")],
)
def test_unknown_predicates_are_kept_trimmed_and_lower_cased(given: str, expected: str) -> None:
    assert canonical_predicate(given) == expected


@pytest.mark.parametrize("given", [None, "", "  ", "。"])
def test_nothing_is_none(given: str | None) -> None:
    assert canonical_predicate(given) is None


def test_every_name_is_its_own_canonical_form() -> None:
    assert all(canonical_predicate(name) == name for name in NAMES)
