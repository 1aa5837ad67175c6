"""The pipeline end to end on the seeds, offline, under one Prefect test harness."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from warehouse.db import session

pytestmark = pytest.mark.usefixtures("prefect_harness")

COUNTED = ("articles_v", "claims_v", "quantities_v", "contradictions_v")


def _counts(db: Path) -> dict[str, int]:
    with session(db, read_only=True) as con:
        return {v: con.execute(f"SELECT count(*) FROM {v}").fetchone()[0] for v in COUNTED}


def test_headcount_disagreement_is_in_contradictions_v(seeded_db: Path) -> None:
    with session(seeded_db, read_only=True) as con:
        rows = con.execute(
            "SELECT source_a, value_a, source_b, value_b FROM contradictions_v"
            " WHERE subject = '微软' AND (value_a LIKE '%七八百%' OR value_b LIKE '%七八百%')"
        ).fetchall()
    others = set()
    for source_a, value_a, source_b, value_b in rows:
        assert (source_a if "七八百" in value_a else source_b) == "华尔街日报"
        others.add(value_b if "七八百" in value_a else value_a)
    assert any("数百" in v for v in others)
    assert any("上百" in v for v in others)
    assert any("数以百计" in v for v in others)


def test_employed_engineers_are_not_compared_with_relocated_ones(seeded_db: Path) -> None:
    with session(seeded_db, read_only=True) as con:
        n = con.execute(
            "SELECT count(*) FROM contradictions_v WHERE value_a LIKE '%7000%'"
            " OR value_b LIKE '%7000%' OR value_a LIKE '%数以千计%'"
            " OR value_b LIKE '%数以千计%'"
        ).fetchone()[0]
    assert n == 0


def test_runs_row_records_the_flow_run(seeded_db: Path) -> None:
    with session(seeded_db, read_only=True) as con:
        row = con.execute(
            "SELECT flow_run_id, status, n_articles, n_claims, finished_at FROM runs_v"
        ).fetchone()
    flow_run_id, status, n_articles, n_claims, finished = row
    assert flow_run_id and status == "completed" and n_articles == 5 and n_claims > 0
    assert finished is not None


def test_second_run_changes_no_counts(seeded_db: Path, tmp_path: Path) -> None:
    from flows.pipeline import pipeline

    db = tmp_path / "copy.duckdb"
    shutil.copy(seeded_db, db)
    before = _counts(db)
    summary = pipeline(paths=[str(SEEDS)], extractor="rules", db=str(db))
    assert summary.n_skipped == 5
    assert _counts(db) == before


def test_a_bad_file_is_reported_and_the_rest_processed(tmp_path: Path) -> None:
    from flows.pipeline import pipeline

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEEDS / "000_8c6d62a41cd7b5ba.txt", folder / "good.txt")
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    summary = pipeline(paths=[str(folder)], extractor="rules", db=str(tmp_path / "w.duckdb"))
    assert summary.status == "partial"
    assert summary.n_articles == 1
    reasons = dict(summary.file_errors)
    assert "empty" in reasons[str(folder / "empty.txt")]
    assert "binary" in reasons[str(folder / "binary.txt")]


def test_files_v_accounts_for_every_file_of_a_folder_with_duplicates(tmp_path: Path) -> None:
    from flows.pipeline import pipeline

    folder = tmp_path / "in"
    folder.mkdir()
    text = (SEEDS / "000_8c6d62a41cd7b5ba.txt").read_text(encoding="utf-8")
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "b_copy.txt").write_text(text, encoding="utf-8")
    (folder / "c_gbk.txt").write_bytes(text.encode("gb18030"))
    (folder / "d_empty.txt").write_text("")
    db = tmp_path / "w.duckdb"
    summary = pipeline(paths=[str(folder)], extractor="rules", db=str(db))
    assert summary.n_files == 4 and summary.n_articles == 1 and summary.n_duplicate_files == 2
    with session(db, read_only=True) as con:
        rows = con.execute("SELECT path, status, reason, sha256 FROM files_v ORDER BY path").fetchall()
    by_name = {Path(p).name: (status, reason, sha) for p, status, reason, sha in rows}
    assert set(by_name) == {"a.txt", "b_copy.txt", "c_gbk.txt", "d_empty.txt"}
    assert by_name["a.txt"][0] == "ingested"
    for dup in ("b_copy.txt", "c_gbk.txt"):
        status, reason, _ = by_name[dup]
        assert status == "duplicate" and reason == f"duplicate of {folder / 'a.txt'}"
    assert by_name["d_empty.txt"][0] == "failed" and "empty" in by_name["d_empty.txt"][1]
    assert by_name["c_gbk.txt"][2] != by_name["a.txt"][2]  # other bytes, same text
