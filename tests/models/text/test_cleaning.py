"""Cleaning: what is dropped, what is kept, and that offsets still lead back to the raw
text. Cases in tests/cases/cleaning.jsonl and tests/cases/mojibake.jsonl."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from models.text.cleaning import clean_text
from tests.conftest import SEEDS

CASES = Path(__file__).resolve().parents[2] / "cases"


def _cases(name: str) -> list[dict]:
    with (CASES / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _assert_traceable(raw: str, text: str, to_raw) -> None:  # type: ignore[no-untyped-def]
    """Every cleaned character is the raw character its offset maps to."""
    wrong = [(i, ch) for i, ch in enumerate(text) if raw[to_raw(i)] != ch]
    assert not wrong, wrong[:5]


@pytest.mark.parametrize("case", _cases("cleaning.jsonl"), ids=lambda c: c["name"])
def test_cleaning_case(case: dict) -> None:
    cleaned = clean_text(case["raw"])
    for gone in case["drop"]:
        assert gone not in cleaned.text
    for kept in case["keep"]:
        assert kept in cleaned.text
    if "&" not in case["raw"]:  # entities are replacements, everything else a raw slice
        _assert_traceable(case["raw"], cleaned.text, cleaned.to_raw)


@pytest.mark.parametrize("case", _cases("mojibake.jsonl"), ids=lambda c: c["name"])
def test_mojibake_case(case: dict) -> None:
    cleaned = clean_text(case["raw"])
    assert cleaned.text == case["expect"]
    flagged = [cleaned.text[s:e] for s, e in cleaned.low_quality]
    if not case["flagged"]:
        assert flagged == []
    for damaged in case["flagged"]:
        assert any(damaged in span for span in flagged), (damaged, flagged)


def test_a_repair_maps_back_to_the_damaged_raw_run() -> None:
    raw = "前文。這樣的場景每周都在硅谷上演?!壁w鳴向作者表示。"
    cleaned = clean_text(raw)
    assert cleaned.n_repairs == 1
    at = cleaned.text.index("”趙")
    damaged = raw.index("?!壁w")
    assert damaged <= cleaned.to_raw(at) < damaged + len("?!壁w")
    after = cleaned.text.index("鳴")
    assert raw[cleaned.to_raw(after)] == "鳴"


def test_pinyin_removed_inside_a_line_keeps_offsets() -> None:
    raw = "開獎網(wǎng)站123與技術(shù)發(fā)源地。"
    cleaned = clean_text(raw)
    assert cleaned.text == "開獎網站123與技術發源地。"
    _assert_traceable(raw, cleaned.text, cleaned.to_raw)
    assert cleaned.to_raw(cleaned.text.index("站")) == raw.index("站")


SEED_FILES = sorted(SEEDS.glob("0*.txt"))


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_seeds_come_out_clean(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    cleaned = clean_text(raw)
    text = cleaned.text
    assert not re.search(r"^【", text, re.M), "spam or link block left"
    assert not re.search(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", text), "pinyin annotation left"
    for marker in ("发表评论于", "网友评论", "登录后才可评论", "打印 (被阅读", "</", "(组图) -"):
        assert marker not in text
    for marker in ("纽币 : 人民币", "°C", "Copyright", "联系邮箱", "免责声明"):
        assert marker not in text
    if cleaned.n_repairs == 0:
        _assert_traceable(raw, text, cleaned.to_raw)


def test_seed_000_keeps_the_headcount_sentences() -> None:
    text = clean_text((SEEDS / "000_8c6d62a41cd7b5ba.txt").read_text(encoding="utf-8")).text
    for figure in ("涉及员工或达数百人", "或涉及上百名员工", "数以百计", "大约七八百名"):
        assert figure in text


def test_seed_003_mojibake_is_repaired_or_flagged() -> None:
    raw = (SEEDS / "003_9936c7af599eb5f1.txt").read_text(encoding="utf-8")
    cleaned = clean_text(raw)
    assert "趙鳴向《AI光年》作者表示。靠朋友牽線" in cleaned.text
    assert "?!壁w" not in cleaned.text and "??颗笥褷烤€" not in cleaned.text
    assert cleaned.n_repairs >= 10
    # What is left damaged is flagged, and it is a small part of the article.
    flagged = "".join(cleaned.text[s:e] for s, e in cleaned.low_quality)
    for residue in re.findall(r"\?![^\x00-\x7f]+|[\ue000-\uf8ff\ufffd]", cleaned.text):
        assert residue in flagged
    assert len(flagged) < 0.03 * len(cleaned.text)
