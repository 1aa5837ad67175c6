"""The rules and the judge each replace only their own contradiction rows; judge
verdicts are cached by (model, prompt_id, claim_a, claim_b)."""

from __future__ import annotations

from pathlib import Path

from models.compare.contradictions import Contradiction
from warehouse import compare_store, judge_store
from warehouse.db import session


def row(cid: str, detector: str) -> Contradiction:
    return Contradiction(
        contradiction_id=cid,
        kind="conflict",
        aspect="text" if detector.startswith("judge_") else "quantity",
        severity=0.5,
        claim_a="a",
        claim_b="b",
        value_a="x",
        value_b="y",
        explanation="e",
        detector=detector,
    )


def ids(db: Path) -> set[str]:
    with session(db) as con:
        return {r[0] for r in con.execute("SELECT contradiction_id FROM contradictions").fetchall()}


def test_rules_and_judge_replace_only_their_own_rows(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    judge, rules = "judge_contradiction.v1#abc", "typed-rules@2"
    with session(db) as con:
        assert compare_store.replace_contradictions(con, [row("r1", rules)], "run1") == 1
        assert (
            compare_store.replace_contradictions(con, [row("j1", judge)], "run1", by="judge") == 1
        )
        assert compare_store.replace_contradictions(con, [row("r2", rules)], "run2") == 1
    assert ids(db) == {"r2", "j1"}
    with session(db) as con:
        assert (
            compare_store.replace_contradictions(con, [row("j2", judge)], "run3", by="judge") == 1
        )
        assert compare_store.replace_contradictions(con, [], "run3", by="judge", prune=False) == 0
        assert compare_store.replace_contradictions(con, [row("r2", rules)], "run3") == 0
    assert ids(db) == {"r2", "j2"}


def test_verdicts_are_cached_per_model_and_prompt(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with session(db) as con:
        judge_store.save_judgements(
            con, "m", "judge_contradiction.v1#abc", [("a", "b", "compatible", "ok", 10, 5)], "r"
        )
        judge_store.save_judgements(
            con, "m", "judge_contradiction.v1#abc", [("a", "b", "contradiction", "no", 1, 1)], "r"
        )
        assert judge_store.cached_judgements(con, "m", "judge_contradiction.v1#abc") == {
            ("a", "b"): ("compatible", "ok")
        }
        assert judge_store.cached_judgements(con, "m", "judge_contradiction.v2#def") == {}
        assert judge_store.cached_judgements(con, "other", "judge_contradiction.v1#abc") == {}
