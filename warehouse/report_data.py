"""What the HTML report shows, read from the public views in one pass.

Texts are pre-cut here (before / quote / after; article segments with the claims that
cover them) so the page only joins strings and never does offset arithmetic: Python
offsets count code points, JavaScript's count UTF-16 units.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from typing import Any

import duckdb

from warehouse.queries_stories import contradiction_frames, stories, update_timelines

MAX_CONTRADICTIONS = 5000
MAX_ARTICLES = 300
MAX_TIMELINES = 1000
CONTEXT_CHARS = 120  # at most this much of the paragraph on each side of a quote


def _paragraph_cut(text: str, start: int, end: int) -> tuple[str, str, str]:
    para_start = max(text.rfind("\n", 0, start) + 1, start - CONTEXT_CHARS)
    para_end = text.find("\n", end)
    para_end = len(text) if para_end < 0 else para_end
    para_end = min(para_end, end + CONTEXT_CHARS)
    return text[para_start:start], text[start:end], text[end:para_end]


def _segments(text: str, spans: list[tuple[int, int, str]]) -> list[list[Any]]:
    """[[text, [claim ids covering it]], …] covering `text` from start to end, in one
    sweep over the span boundaries (an article may have thousands of claims)."""
    starts: dict[int, list[str]] = defaultdict(list)
    ends: dict[int, list[str]] = defaultdict(list)
    for s, e, cid in spans:
        starts[s].append(cid)
        ends[e].append(cid)
    points = sorted({0, len(text), *starts, *ends})
    active: dict[str, None] = {}  # insertion-ordered set: the innermost claim comes last
    out: list[list[Any]] = []
    for a, b in itertools.pairwise(points):
        for cid in ends.get(a, ()):
            active.pop(cid, None)
        for cid in starts.get(a, ()):
            active[cid] = None
        out.append([text[a:b], list(active)])
    return out


def report_data(
    con: duckdb.DuckDBPyConnection,
    max_contradictions: int = MAX_CONTRADICTIONS,
    max_articles: int = MAX_ARTICLES,
) -> dict[str, Any]:
    """Everything the page shows; only the `max_contradictions` most severe rows (the
    total is in `n_contradictions`) and at most `max_articles` articles (those with the
    most severe disagreements first), so a huge warehouse still gives a usable page."""
    shown = [
        r[0]
        for r in con.execute(
            """
            WITH top AS (
                SELECT article_a, article_b, severity FROM contradictions_v
                ORDER BY severity DESC, contradiction_id LIMIT $n
            ), involved AS (
                SELECT article_a AS article_id, severity FROM top
                UNION ALL SELECT article_b, severity FROM top
            )
            SELECT a.article_id FROM articles_v a LEFT JOIN involved i USING (article_id)
            GROUP BY a.article_id
            ORDER BY max(i.severity) DESC NULLS LAST, a.article_id LIMIT $articles
            """,
            {"n": max_contradictions, "articles": max_articles},
        ).fetchall()
    ]
    articles = {
        r[0]: {
            "id": r[0],
            "title": r[1],
            "outlet": r[2],
            "published": r[3],
            "language": r[4],
            "path": r[5],
            "text": r[6],
        }
        for r in con.execute(
            "SELECT article_id, title, outlet, CAST(published_at AS VARCHAR), language,"
            " source_path, text FROM articles_v WHERE list_contains($1, article_id)"
            " ORDER BY published_at, source_path",
            [shown],
        ).fetchall()
    }
    quantities: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for claim_id, surface, low, high, unit, approx in con.execute(
        "SELECT claim_id, surface, low, high, unit, approx FROM quantities_v"
        " WHERE list_contains($1, article_id) ORDER BY claim_id, start_char",
        [shown],
    ).fetchall():
        quantities[claim_id].append(
            {"surface": surface, "low": low, "high": high, "unit": unit, "approx": approx}
        )
    claims: dict[str, dict[str, Any]] = {}
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for r in con.execute(
        "SELECT claim_id, article_id, claim_text, quote, start_char, end_char, alignment,"
        " subject, predicate, attributed_to, hedged, CAST(event_date AS VARCHAR), extractor"
        " FROM claims_v WHERE list_contains($1, article_id) ORDER BY article_id, start_char",
        [shown],
    ).fetchall():
        (
            cid,
            aid,
            claim_text,
            quote,
            start,
            end,
            alignment,
            subject,
            predicate,
            attributed,
            hedged,
            event_date,
            extractor,
        ) = r
        claims[cid] = {
            "id": cid,
            "article": aid,
            "text": claim_text,
            "quote": quote,
            "alignment": alignment,
            "subject": subject,
            "predicate": predicate,
            "attributed_to": attributed,
            "hedged": hedged,
            "event_date": event_date,
            "extractor": extractor,
            "quantities": quantities.get(cid, []),
        }
        if start is not None and aid in articles:
            spans[aid].append((start, end, cid))
    texts = {aid: article.pop("text") for aid, article in articles.items()}
    for aid, article in articles.items():
        article["segments"] = _segments(texts[aid], spans.get(aid, []))
        article["n_claims"] = len(spans.get(aid, []))

    frames = {r["contradiction_id"]: r for r in contradiction_frames(con, limit=max_contradictions)}
    contradictions = []
    for r in con.execute(
        "SELECT x.contradiction_id, x.kind, x.aspect, x.severity, x.subject, x.predicate,"
        " x.claim_a, x.claim_b, x.source_a, x.source_b, x.value_a, x.value_b,"
        " x.explanation, x.article_a, x.article_b,"
        " ca.start_char, ca.end_char, cb.start_char, cb.end_char, ca.quote, cb.quote"
        " FROM contradictions_v x"
        " JOIN claims_v ca ON ca.claim_id = x.claim_a"
        " JOIN claims_v cb ON cb.claim_id = x.claim_b"
        " ORDER BY x.severity DESC, x.contradiction_id LIMIT ?",
        [max_contradictions],
    ).fetchall():
        (
            xid,
            kind,
            aspect,
            severity,
            subject,
            predicate,
            claim_a,
            claim_b,
            source_a,
            source_b,
            value_a,
            value_b,
            explanation,
            art_a,
            art_b,
            sa,
            ea,
            sb,
            eb,
            quote_a,
            quote_b,
        ) = r
        sides = []
        for claim_id, source, value, art, s, e, quote in (
            (claim_a, source_a, value_a, art_a, sa, ea, quote_a),
            (claim_b, source_b, value_b, art_b, sb, eb, quote_b),
        ):
            # An article past max_articles is not on the page: show the quote alone.
            text = texts.get(art)
            before, quote, after = _paragraph_cut(text, s, e) if text else ("", quote, "")
            meta = articles.get(art, {})
            sides.append(
                {
                    "claim": claim_id,
                    "source": source,
                    "value": value,
                    "article": art,
                    "outlet": meta.get("outlet"),
                    "published": meta.get("published"),
                    "title": meta.get("title"),
                    "before": before,
                    "quote": quote,
                    "after": after,
                }
            )
        framed = frames.get(xid, {})
        contradictions.append(
            {
                "id": xid,
                "story": framed.get("story_id", ""),
                "frame": framed.get("frame", aspect),
                "frame_label": framed.get("frame_label", aspect),
                "kind": kind,
                "aspect": aspect,
                "severity": severity,
                "topic": " · ".join(p for p in (subject, predicate) if p) or "—",
                "explanation": explanation,
                "sides": sides,
            }
        )
    (total,) = con.execute("SELECT count(*) FROM contradictions_v").fetchone() or (0,)
    # Stories and frames group the rows; a frame's updates are its timeline.
    timelines = update_timelines(con)[:MAX_TIMELINES]
    used = {c["story"] for c in contradictions} | {t["story_id"] for t in timelines}
    return {
        "stories": {sid: s for sid, s in stories(con).items() if sid in used},
        "timelines": timelines,
        "articles": list(articles.values()),
        "claims": claims,
        "contradictions": contradictions,
        "n_contradictions": total,
    }
