"""compare's reads and writes on a real DuckDB: blocking in SQL, syndication keys,
contradictions and claim relations replaced idempotently."""

from __future__ import annotations

from datetime import date

import duckdb

from models.article import Article, Chunk
from models.claims import Claim
from models.compare.contradictions import DETECTOR, compare_claims, facts_of_rows, iter_comparisons
from models.values.dates import parse_dates
from models.values.quantities import parse_quantities
from warehouse import article_store, bulk, compare_store, extraction_store, run_store
from warehouse.db import connect

# (article, outlet, published, sentence, attributed_to, predicate)
SENTENCES = [
    (
        "a1",
        "文学城",
        "2024-05-17",
        "其中一人说,微软正在询问大约七八百名工程师对迁移的意见。",
        "华尔街日报",
        "relocate",
    ),
    (
        "a1",
        "文学城",
        "2024-05-17",
        "涉及员工或达数百人,微软美国还表示可以协助解决家属签证问题。",
        "凤凰网",
        "relocate",
    ),
    (
        "a1",
        "文学城",
        "2024-05-17",
        "微软的亚太研究及开发板块雇佣了约7000名工程师。",
        None,
        "employ",
    ),
    (
        "a2",
        "和讯网",
        "2024-05-18",
        "微软的亚太研究及开发板块雇佣了约7000名工程师。",
        None,
        "employ",
    ),
    (
        "a2",
        "和讯网",
        "2024-05-18",
        "据澎湃新闻报道,这是5月14日刚出的消息,员工收到征询邮件。",
        "澎湃新闻",
        "relocate",
    ),
    (
        "a3",
        "今日澳洲",
        "2024-05-19",
        "5月15日,有传闻称,微软总部已经发出邮件通知。",
        None,
        "relocate",
    ),
]


def _load(con: duckdb.DuckDBPyConnection) -> None:
    run_store.start_run(con, "r1", None, "rules", None, ["seeds"])
    by_article: dict[str, list[tuple[str, str, str, str | None, str]]] = {}
    for a, outlet, published, sentence, source, predicate in SENTENCES:
        by_article.setdefault(a, []).append((outlet, published, sentence, source, predicate))
    for a, rows in by_article.items():
        text = "".join(r[2] for r in rows)
        published = date.fromisoformat(rows[0][1])
        article = Article(
            article_id=a,
            source_path=f"{a}.txt",
            outlet=rows[0][0],
            published_at=published,
            raw_text=text,
            text=text,
        )
        claims, at = [], 0
        for i, (_, _, sentence, source, predicate) in enumerate(rows):
            quantities = [
                q.model_copy(update={"start": q.start + at, "end": q.end + at})
                for q in parse_quantities(sentence)
            ]
            dates = parse_dates(sentence, published)
            claims.append(
                Claim(
                    claim_id=f"{a}-{i}",
                    article_id=a,
                    chunk_idx=0,
                    quote=sentence,
                    claim_text=sentence,
                    subject="微软",
                    subject_key="microsoft",
                    predicate=predicate,
                    attributed_to=source,
                    hedged=False,
                    start_char=at,
                    end_char=at + len(sentence),
                    alignment="exact",
                    event_date=dates[0].value if dates else None,
                    extractor="rules",
                    prompt_id="rules.v1",
                    quantities=quantities,
                )
            )
            at += len(sentence)
        chunk = Chunk(article_id=a, idx=0, start=0, end=len(text), text=text)
        article_store.upsert_articles(con, [article], "r1")
        extraction_store.save_extraction(con, [a], [chunk], claims, [], "rules", "rules.v1", "r1")


def test_sql_blocking_reads_only_claims_that_can_disagree() -> None:
    con = connect(":memory:")
    _load(con)
    rows = {r.claim_id: r for r in compare_store.load_compare_rows(con)}
    # Headcount: two sources, two figures. Dates: two sources. The 7000 engineers: the
    # same figure everywhere, nothing to compare, but a syndicated copy to mark.
    assert set(rows) == {"a1-0", "a1-1", "a2-1", "a3-0", "a1-2", "a2-0"}
    relations = compare_claims(rows.values()).relations
    assert [(r.relation, r.claim_a, r.claim_b) for r in relations] == [("copy", "a1-2", "a2-0")]
    wsj = rows["a1-0"]
    assert wsj.source == "华尔街日报" and wsj.published_at == date(2024, 5, 17)
    (q,) = wsj.quantities
    assert wsj.quote[q.start : q.end] == "大约七八百名工程师"
    assert rows["a3-0"].source == "今日澳洲" and not rows["a3-0"].attributed


def test_contradictions_and_relations_are_stored_and_replaced_idempotently() -> None:
    con = connect(":memory:")
    _load(con)
    result = compare_claims(compare_store.load_compare_rows(con))
    assert compare_store.replace_contradictions(con, result.contradictions, "r1") == 2
    compare_store.replace_relations(con, result.relations, DETECTOR, "r1")
    assert compare_store.replace_contradictions(con, result.contradictions, "r2") == 0
    rows = con.execute(
        "SELECT aspect, source_a, source_b, run_id, copies_a, copies_b FROM contradictions_v"
        " ORDER BY aspect"
    ).fetchall()
    assert [(r[0], {r[1], r[2]}, r[3]) for r in rows] == [
        ("date", {"澎湃新闻", "今日澳洲"}, "r1"),
        ("quantity", {"华尔街日报", "凤凰网"}, "r1"),
    ]
    assert rows[0][4] == rows[0][5] == []
    assert compare_store.replace_contradictions(con, [], "r3") == 0
    assert con.execute("SELECT count(*) FROM contradictions_v").fetchone() == (0,)


def test_a_comparison_written_in_parts_is_the_whole_written_at_once() -> None:
    def tables(con: duckdb.DuckDBPyConnection) -> list[list[tuple[object, ...]]]:
        return [
            con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
            for t in ("contradictions", "claim_relations")
        ]

    whole, parts = connect(":memory:"), connect(":memory:")
    _load(whole)
    _load(parts)
    result = compare_claims(compare_store.load_compare_rows(whole))
    compare_store.replace_contradictions(whole, result.contradictions, "r1")
    compare_store.replace_relations(whole, result.relations, DETECTOR, "r1")
    facts = facts_of_rows(compare_store.load_compare_rows(parts))
    streamed = iter_comparisons(facts, batch=1)
    assert compare_store.replace_comparison(parts, streamed, DETECTOR, "r1") == (2, 2)
    assert tables(parts) == tables(whole) and tables(whole)[1]
    again = iter_comparisons(facts_of_rows(compare_store.load_compare_rows(parts)), batch=1)
    assert compare_store.replace_comparison(parts, again, DETECTOR, "r2") == (2, 0)
    assert tables(parts) == tables(whole)
    assert compare_store.replace_comparison(parts, [], DETECTOR, "r3") == (0, 0)
    assert tables(parts) == [[], []]


def test_copies_get_a_quote_key_and_a_copy_relation() -> None:
    con = connect(":memory:")
    _load(con)
    # Make the copied 7000 figure disagree with a third source, so it is compared.
    con.execute(
        "UPDATE quantities SET low = 9000, high = 9000, typical_low = 9000,"
        " typical_high = 9000 WHERE claim_id = 'a2-0'"
    )
    con.execute("UPDATE claims SET attributed_to = '路透社' WHERE claim_id = 'a2-0'")
    con.execute("UPDATE claims SET quote = quote || '。' WHERE claim_id = 'a2-0'")
    rows = {r.claim_id: r for r in compare_store.load_compare_rows(con)}
    assert rows["a1-2"].quote_key and rows["a1-2"].quote_key == rows["a2-0"].quote_key
    result = compare_claims(rows.values())
    copies = [r for r in result.relations if r.relation == "copy"]
    assert [(r.claim_a, r.claim_b) for r in copies] == [("a1-2", "a2-0")]
    compare_store.replace_relations(con, result.relations, DETECTOR, "r1")
    assert con.execute("SELECT relation, source_b FROM claim_relations_v").fetchall() == [
        ("copy", "路透社")
    ]


def test_rows_with_separators_or_nulls_are_written_intact() -> None:
    con = connect(":memory:")
    con.execute("CREATE TEMP TABLE t (a VARCHAR, b DOUBLE, c VARCHAR[])")
    rows = [("x\x1fy", 0.1, ["p", "q"]), ("z", 1 / 3, []), ("w", 2.5, ["r"])]
    bulk.stage_rows(con, "t", ["a", "b", "c"], rows)
    bulk.stage_rows(con, "t", ["a", "b", "c"], [("v", 1.0, ["s"]), ("u", 3.0, [])])
    bulk.stage_rows(con, "t", ["a", "b", "c"], [(None, 4.0, ["t"])])
    got = con.execute("SELECT a, b, c FROM t").fetchall()
    assert got == [*rows, ("v", 1.0, ["s"]), ("u", 3.0, []), (None, 4.0, ["t"])]


def test_near_duplicate_articles_are_one_report() -> None:
    con = connect(":memory:")
    _load(con)
    con.execute("UPDATE articles SET dup_group = 'a2' WHERE article_id IN ('a2', 'a3')")
    rows = {r.claim_id: r for r in compare_store.load_compare_rows(con)}
    assert rows["a2-1"].report == rows["a3-0"].report == "a2"
    assert rows["a1-0"].report is None
    # 澎湃新闻 (a2) and the rumour (a3) are now two copies of one report: not compared.
    aspects = {c.aspect for c in compare_claims(rows.values()).contradictions}
    assert aspects == {"quantity"}
