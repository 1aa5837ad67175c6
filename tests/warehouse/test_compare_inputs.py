"""Normalize once, compare columns: a claim's dates (with role and interval), lists,
quote key and the words around its quantities are read by normalize, stored
(claim_dates, claim_sets, claims.quote_key/years, quantities.quote_*), shown in the
views, and read back by compare as the same facts, without reading the quote again."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

import models.compare.facts as comparable
import models.compare.inputs as inputs
from models.article import Article, Chunk
from models.claims import Claim
from models.compare.blocking import DateFact, QuantityFact, SetFact
from models.compare.contradictions import compare_claims
from models.compare.facts import ClaimRow, facts_of_claim
from models.compare.vocabulary import Vocabulary
from models.entities import Gazetteer
from models.normalize.normalizer import normalize_claims
from warehouse import article_store, compare_store, extraction_store, run_store
from warehouse.db import connect

ROOT = Path(__file__).resolve().parents[2]
GAZETTEER = Gazetteer.from_csv_text((ROOT / "seeds" / "entities.csv").read_text("utf-8-sig"))
VOCABULARY = Vocabulary.from_csv_text((ROOT / "seeds" / "measures.csv").read_text("utf-8-sig"))

# (article, outlet, published, sentence): two sources on where the staff move, by when.
SENTENCES = [
    (
        "a1",
        "华尔街日报",
        date(2024, 5, 17),
        "微软要求员工在6月7日前迁往美国、爱尔兰、澳大利亚和新西兰,累计约700名工程师。",
    ),
    ("a2", "凤凰网", date(2024, 5, 18), "微软要求员工在6月20日前迁往美国或澳大利亚。"),
]


def _claim(article: str, sentence: str) -> Claim:
    return Claim(
        claim_id=f"{article}-0",
        article_id=article,
        chunk_idx=0,
        quote=sentence,
        claim_text=sentence,
        subject="微软",
        subject_key=None,
        predicate="relocate",
        attributed_to=None,
        hedged=False,
        start_char=0,
        end_char=len(sentence),
        alignment="exact",
        extractor="rules",
        prompt_id="rules.v1",
    )


def _store(con: duckdb.DuckDBPyConnection, normalized: bool = True) -> dict[str, Claim]:
    """The sentences as stored claims: normalized, or as built (no compare inputs)."""
    run_store.start_run(con, "r1", None, "rules", None, ["t"])
    out = {}
    for a, outlet, published, sentence in SENTENCES:
        article = Article(
            article_id=a,
            source_path=f"{a}.txt",
            outlet=outlet,
            published_at=published,
            raw_text=sentence,
            text=sentence,
        )
        (claim,), _ = normalize_claims(GAZETTEER, VOCABULARY, (article, [_claim(a, sentence)]))
        assert claim.compare is not None
        out[claim.claim_id] = claim
        if not normalized:
            claim = claim.model_copy(update={"compare": None})
        chunk = Chunk(article_id=a, idx=0, start=0, end=len(sentence), text=sentence)
        article_store.upsert_articles(con, [article], "r1")
        extraction_store.save_extraction(con, [a], [chunk], [claim], [], "rules", "rules.v1", "r1")
    return out


def _values(facts: list[object]) -> list[tuple[object, ...]]:
    """What a fact says, without where it came from."""
    out: list[tuple[object, ...]] = []
    for f in facts:
        if isinstance(f, DateFact):
            out.append(("date", f.surface, f.role, f.start, f.end))
        elif isinstance(f, SetFact):
            out.append(("set", f.surface, f.role, f.members, f.items, f.open))
        elif isinstance(f, QuantityFact):
            out.append(("quantity", f.surface, f.scope, f.statistic, f.years, f.low, f.high))
    return out


def _from_quote(claim: Claim, published: date) -> ClaimRow:
    return ClaimRow.from_quote(
        claim_id=claim.claim_id,
        article_id=claim.article_id,
        source="x",
        subject_key=claim.subject_key or "",
        predicate=claim.predicate or "",
        quote=claim.quote,
        object_keys=claim.object_keys,
        published_at=published,
    )


def test_dates_and_lists_are_stored_and_shown_in_the_views() -> None:
    con = connect(":memory:")
    _store(con)
    dates = con.execute(
        "SELECT claim_id, ordinal, surface, role, start_date, end_date FROM claim_dates_v"
        " ORDER BY claim_id, ordinal"
    ).fetchall()
    assert dates == [
        ("a1-0", 0, "6月7日前", "deadline", date(2024, 6, 7), date(2024, 6, 7)),
        ("a2-0", 0, "6月20日前", "deadline", date(2024, 6, 20), date(2024, 6, 20)),
    ]
    sets = con.execute(
        "SELECT claim_id, surface, role, members, items, open_ended FROM claim_sets_v"
        " ORDER BY claim_id"
    ).fetchall()
    assert sets == [
        (
            "a1-0",
            "美国、爱尔兰、澳大利亚和新西兰",
            "destination",
            sorted(["美国", "爱尔兰", "澳大利亚", "新西兰"]),
            ["美国", "爱尔兰", "澳大利亚", "新西兰"],
            False,
        ),
        (
            "a2-0",
            "美国或澳大利亚",
            "destination",
            ["澳大利亚", "美国"],
            ["美国", "澳大利亚"],
            False,
        ),
    ]
    (words,) = con.execute(
        "SELECT surface, quote_scope, quote_statistic FROM quantities_v"
    ).fetchall()
    assert words == ("约700名工程师", "cumulative", "")
    keys = con.execute("SELECT claim_id, quote_key, years FROM claims ORDER BY 1").fetchall()
    assert keys[0][1].startswith("微软要求员工在6月7日前") and keys[0][2] == []


def test_compare_reads_the_stored_facts_without_reading_quotes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    con = connect(":memory:")
    claims = _store(con)
    rows = {r.claim_id: r for r in compare_store.load_compare_rows(con)}
    assert set(rows) == {"a1-0", "a2-0"}

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("compare read a quote")

    for name in ("parse_dates", "parse_quantities"):
        monkeypatch.setattr(comparable, name, no_reading)
    for name in ("parse_dates", "scope_of", "statistic_of", "years_of"):
        monkeypatch.setattr(inputs, name, no_reading)
    stored = {cid: _values(facts_of_claim(r)) for cid, r in rows.items()}
    monkeypatch.undo()
    published = {f"{a}-0": p for a, _, p, _ in SENTENCES}
    for cid, claim in claims.items():
        row = _from_quote(claim, published[cid])
        row.story_id = rows[cid].story_id
        assert stored[cid] == _values(facts_of_claim(row))
    assert {f[0] for fs in stored.values() for f in fs} == {"date", "set", "quantity"}
    found = compare_claims(rows.values()).contradictions
    assert {c.aspect for c in found} == {"date", "set"}


def test_claims_stored_without_inputs_get_the_same_ones_on_first_compare() -> None:
    normalized, built = connect(":memory:"), connect(":memory:")
    _store(normalized)
    _store(built, normalized=False)
    assert built.execute("SELECT count(*) FROM claims WHERE quote_key IS NULL").fetchone() == (2,)
    assert built.execute("SELECT count(*) FROM claim_sets").fetchone() == (0,)
    assert extraction_store.fill_compare_inputs(built) == 2
    assert extraction_store.fill_compare_inputs(built) == 0  # read once

    def tables(con: duckdb.DuckDBPyConnection) -> list[list[tuple[object, ...]]]:
        return [
            con.execute(f"SELECT {cols} FROM {t} ORDER BY ALL").fetchall()
            for t, cols in (
                ("claims", "claim_id, quote_key, years"),
                ("quantities", "quantity_id, quote_scope, quote_statistic"),
                ("claim_dates", "* EXCLUDE (run_id)"),
                ("claim_sets", "* EXCLUDE (run_id)"),
            )
        ]

    assert tables(built) == tables(normalized)


def test_open_intervals_survive_the_round_trip() -> None:
    con = connect(":memory:")
    run_store.start_run(con, "r1", None, "rules", None, ["t"])
    sentence = "微软表示两周之前已通知员工,明年起迁往美国和爱尔兰。"
    article = Article(
        article_id="b",
        source_path="b.txt",
        outlet="X",
        published_at=date(2024, 5, 17),
        raw_text=sentence,
        text=sentence,
    )
    claim = _claim("b", sentence)
    (done,), _ = normalize_claims(GAZETTEER, VOCABULARY, (article, [claim]))
    article_store.upsert_articles(con, [article], "r1")
    chunk = Chunk(article_id="b", idx=0, start=0, end=len(sentence), text=sentence)
    extraction_store.save_extraction(con, ["b"], [chunk], [done], [], "rules", "rules.v1", "r1")
    assert done.compare is not None
    stored = con.execute(
        "SELECT surface, role, start_date, end_date FROM claim_dates ORDER BY ordinal"
    ).fetchall()
    assert stored == [(d.surface, d.role, d.start_date, d.end_date) for d in done.compare.dates]
    assert any(d.start_date == date.min or d.end_date == date.max for d in done.compare.dates)
    shown = con.execute("SELECT start_date, end_date FROM claim_dates_v").fetchall()
    assert any(s is None or e is None for s, e in shown)
