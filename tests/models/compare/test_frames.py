"""Figure frames (models.compare.frames): what a figure counts, its scope, whose it is and the
day it is true for, read from real sentences with seeds/measures.csv. Case table:
tests/cases/frames.jsonl."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from models.compare.frame_reader import FrameReader
from models.compare.vocabulary import Vocabulary
from models.entities import Gazetteer
from models.values.quantities import parse_quantities

ROOT = Path(__file__).resolve().parents[3]
CASES = ROOT / "tests" / "cases" / "frames.jsonl"
GAZETTEER = Gazetteer.from_csv_text((ROOT / "seeds" / "entities.csv").read_text("utf-8"))
VOCABULARY = Vocabulary.from_csv_text((ROOT / "seeds" / "measures.csv").read_text("utf-8-sig"))


def _cases() -> list[dict[str, Any]]:
    with CASES.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["name"])
def test_case_table(case: dict[str, Any]) -> None:
    text, published = case["text"], date.fromisoformat(case["published"])
    quantities = parse_quantities(text)
    surfaces = [q.surface for q in quantities]
    assert case["surface"] in surfaces, surfaces
    reader = FrameReader(text, published, VOCABULARY, GAZETTEER)
    frame = reader.frames(quantities)[surfaces.index(case["surface"])]
    want = case["expect"]
    for key in ("measure", "figure", "whose", "movement", "as_of_from", "running"):
        if key in want:
            assert getattr(frame, key) == want[key], frame
    if "as_of" in want:
        assert frame.as_of == date.fromisoformat(want["as_of"]), frame
    if "parties" in want:
        assert frame.parties == want["parties"], frame
    for token in want.get("scope_has", []):
        assert any(t == token or t.startswith(token + ":") for t in frame.scope.split("|")), frame


def test_vocabulary_rejects_an_unknown_kind() -> None:
    with pytest.raises(ValueError, match="unknown kind"):
        Vocabulary.from_csv_text("key,kind,zh,en\nx,colour,红,red\n")


def test_a_window_is_not_carried_past_another_figure() -> None:
    text = "业内人士指出，从24小时8.8万台大定到目前4万多台锁单，订单存在明显的缩水。"
    quantities = parse_quantities(text)
    frames = FrameReader(text, date(2024, 4, 3), VOCABULARY, GAZETTEER).frames(quantities)
    by_surface = {q.surface: f for q, f in zip(quantities, frames, strict=True)}
    assert "window:86400s" in by_surface["8.8万台"].scope
    assert "window" not in by_surface["4万多台"].scope


def test_vocabulary_hits_the_longest_word_at_each_place_and_english_whole_words() -> None:
    vocab = Vocabulary(
        [
            ("deaths", "measure", "死亡"),
            ("deaths", "measure", "死亡人数"),
            ("dead_or_missing", "measure", "死亡失踪"),
            ("deaths", "measure", "death toll"),
            ("deaths", "measure", "toll"),
            ("deaths", "measure", "dead"),
        ]
    )
    text = "死亡人数升至56人，死亡失踪者。the death toll rose; tolls and deadline; dead."
    got = [(text[h.start : h.end], h.key) for h in vocab.hits(text)]
    assert got == [
        ("死亡人数", "deaths"),
        ("死亡失踪", "dead_or_missing"),
        ("death toll", "deaths"),
        ("dead", "deaths"),
    ]
    assert "死亡" in vocab and "死" not in vocab
