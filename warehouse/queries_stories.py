"""Disagreements grouped by story and frame, and the update timelines, for the report
and the CLI.

A figure's frame is read from quantities_v (measure and scope), matched by claim and
value surface: a contradiction's value_a/value_b and an update's value_a/value_b are
surfaces. Date, set and text rows have no figure frame: their aspect is their frame.
Frames are taken as stored, never merged here (models/compare/frames.py decides what they are).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

import duckdb

NO_STORY = ""  # the group of claims no story holds (a warehouse without stories)

# The frame of (claim, surface): the first quantity with that surface in the claim.
_FRAMES = """
    SELECT claim_id, surface,
           arg_min(nullif(measure, ''), start_char) AS measure,
           arg_min(coalesce(scope, ''), start_char) AS scope,
           arg_min(low, start_char) AS low, arg_min(high, start_char) AS high,
           arg_min(as_of, start_char) AS as_of
    FROM quantities_v GROUP BY claim_id, surface
"""


def scope_label(scope: str | None) -> str:
    """'in:province|site' -> 'in province, site' (empty: no scope)."""
    return ", ".join(p.replace(":", " ") for p in (scope or "").split("|") if p)


def frame_label(measure: str | None, scope: str | None, aspect: str = "quantity") -> str:
    if aspect != "quantity" and not measure:
        return aspect
    label = measure or "figure (no measure)"
    return f"{label} · {scope_label(scope)}" if scope_label(scope) else label


def _row_frame(aspect: str, ma: Any, sa: Any, mb: Any, sb: Any) -> tuple[str, str, str]:
    """(frame key, label, measure) of a contradiction row; both sides' frames when
    they differ (a row comparing two frames is its own block)."""
    if aspect != "quantity" or (ma is None and mb is None and not sa and not sb):
        return aspect, frame_label(None, None, aspect), ""
    sides = sorted({(ma or "", sa or ""), (mb or "", sb or "")})
    key = " / ".join(f"{m}@{s}" for m, s in sides)
    label = " / ".join(frame_label(m or None, s) for m, s in sides)
    measures = sorted({m for m, _ in sides if m})
    return key, label, "/".join(measures)


def stories(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, Any]]:
    """story_id -> title, words, span, outlets, article count."""
    out: dict[str, dict[str, Any]] = {}
    for sid, title, words, first, last, outlets, n in con.execute(
        "SELECT story_id, title, title_words, first_published, last_published, outlets,"
        " n_articles FROM stories_v"
    ).fetchall():
        out[sid] = {
            "id": sid,
            "title": title,
            "words": [w.removeprefix("w:") for w in words or []],
            "first": first.isoformat() if first else None,
            "last": last.isoformat() if last else None,
            "outlets": sorted(outlets or []),
            "n_articles": n,
        }
    return out


def no_story() -> dict[str, Any]:
    return {
        "id": NO_STORY,
        "title": "Not grouped into a story",
        "words": [],
        "first": None,
        "last": None,
        "outlets": [],
        "n_articles": 0,
    }


def span_label(story: dict[str, Any]) -> str:
    first, last = story.get("first"), story.get("last")
    if not first:
        return "undated"
    return first if first == last or not last else f"{first} – {last}"


def contradiction_frames(
    con: duckdb.DuckDBPyConnection, min_severity: float = 0.0, limit: int | None = None
) -> list[dict[str, Any]]:
    """contradictions_v rows, most severe first (at most `limit`), each with its story
    (story_id) and frame (frame key, frame label, measure, scope_a, scope_b)."""
    rows = con.execute(
        f"""
        WITH f AS ({_FRAMES})
        SELECT x.*, coalesce(ca.story_id, cb.story_id, '') AS story_id,
               fa.measure AS measure_a, fa.scope AS scope_a,
               fb.measure AS measure_b, fb.scope AS scope_b
        FROM contradictions_v x
        JOIN claims_v ca ON ca.claim_id = x.claim_a
        JOIN claims_v cb ON cb.claim_id = x.claim_b
        LEFT JOIN f fa ON fa.claim_id = x.claim_a AND fa.surface = x.value_a
        LEFT JOIN f fb ON fb.claim_id = x.claim_b AND fb.surface = x.value_b
        WHERE x.severity >= $sev
        ORDER BY x.severity DESC, x.contradiction_id
        LIMIT $limit
        """,
        {"sev": min_severity, "limit": limit if limit is not None else 2**62},
    )
    cols = [d[0] for d in rows.description]
    out = []
    for r in rows.fetchall():
        row = dict(zip(cols, r, strict=True))
        key, label, measure = _row_frame(
            row["aspect"], row["measure_a"], row["scope_a"], row["measure_b"], row["scope_b"]
        )
        row |= {"frame": key, "frame_label": label, "measure": measure}
        out.append(row)
    return out


def group_rows(
    rows: list[dict[str, Any]], story_meta: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """[{story, frames: [{frame, label, rows}]}]: stories and frames ordered by their most
    severe row (rows keep their order, most severe first)."""
    grouped: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    labels: dict[str, str] = {}
    for row in rows:
        grouped[row["story_id"]][row["frame"]].append(row)
        labels[row["frame"]] = row["frame_label"]
    return [
        {
            "story": story_meta.get(sid) or no_story(),
            "frames": [
                {"frame": key, "label": labels[key], "rows": frame_rows}
                for key, frame_rows in frames.items()
            ],
        }
        for sid, frames in grouped.items()
    ]


def update_timelines(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """For each story and figure frame, the figures linked by update relations in as_of
    order: [{story_id, measure, scope, frame, label, steps: [{as_of, value, low, high,
    figures: [{claim, value, source, outlet, published, as_of, quote}]}]}].

    Only updates whose two figures share story and frame are chained; figures with the
    same date and value (the same toll in two outlets) are one step."""
    # Each figure once per story and frame, however many updates link it (a big
    # corpus has millions of update pairs and far fewer figures).
    linked = con.execute(
        f"""
        WITH f AS ({_FRAMES}), e AS (
            SELECT r.claim_a, r.value_a, r.claim_b, r.value_b, ca.story_id,
                   fa.measure, fa.scope
            FROM claim_relations_v r
            JOIN claims_v ca ON ca.claim_id = r.claim_a
            JOIN claims_v cb ON cb.claim_id = r.claim_b
            JOIN f fa ON fa.claim_id = r.claim_a AND fa.surface = r.value_a
            JOIN f fb ON fb.claim_id = r.claim_b AND fb.surface = r.value_b
            WHERE r.relation = 'update' AND ca.story_id IS NOT DISTINCT FROM cb.story_id
              AND fa.measure IS NOT DISTINCT FROM fb.measure AND fa.scope = fb.scope
        )
        SELECT story_id, measure, scope, claim_a, value_a FROM e
        UNION SELECT story_id, measure, scope, claim_b, value_b FROM e
        ORDER BY ALL  -- timelines that tie in the final sort keep one order
        """
    ).fetchall()
    members: dict[tuple[str, str, str], set[tuple[str, str]]] = defaultdict(set)
    for sid, measure, scope, claim, value in linked:
        members[(sid or NO_STORY, measure or "", scope or "")].add((claim, value))
    if not members:
        return []
    figures = _figures(con, {f for fs in members.values() for f in fs})
    out: list[dict[str, Any]] = []
    for (sid, measure, scope), keys in members.items():
        points = sorted(
            (figures[k] for k in keys if k in figures),
            key=lambda p: (
                p["as_of"] or "9999",
                _num(p["low"]),
                _num(p["high"]),
                p["published"] or "9999",
                p["claim"],
            ),
        )
        steps: list[dict[str, Any]] = []
        for p in points:
            last = steps[-1] if steps else None
            if last and (last["as_of"], last["low"], last["high"]) == (
                p["as_of"],
                p["low"],
                p["high"],
            ):
                last["figures"].append(p)
                continue
            steps.append(
                {
                    "as_of": p["as_of"],
                    "value": p["value"],
                    "low": p["low"],
                    "high": p["high"],
                    "figures": [p],
                }
            )
        if len(steps) < 2:
            continue  # the same figure restated: no timeline
        out.append(
            {
                "story_id": sid,
                "measure": measure,
                "scope": scope,
                "frame": f"{measure}@{scope}",
                "label": frame_label(measure or None, scope),
                "steps": steps,
            }
        )
    out.sort(key=lambda t: (t["story_id"], t["steps"][0]["as_of"] or "", t["label"]))
    return out


def _figures(
    con: duckdb.DuckDBPyConnection, keys: set[tuple[str, str]]
) -> dict[tuple[str, str], dict[str, Any]]:
    claim_ids = sorted({c for c, _ in keys})
    out = {}
    for claim, surface, low, high, as_of, source, outlet, published, quote in con.execute(
        f"""
        WITH f AS ({_FRAMES})
        SELECT f.claim_id, f.surface, f.low, f.high, f.as_of, c.source, c.outlet,
               a.published_at, c.quote
        FROM f JOIN claims_v c USING (claim_id) JOIN articles_v a USING (article_id)
        WHERE list_contains($1, f.claim_id)
        """,
        [claim_ids],
    ).fetchall():
        if (claim, surface) not in keys:
            continue
        out[(claim, surface)] = {
            "claim": claim,
            "value": surface,
            "low": low,
            "high": high,
            "as_of": _iso(as_of) or _iso(published),
            "source": source,
            "outlet": outlet,
            "published": _iso(published),
            "quote": quote,
        }
    return out


def _num(v: float | None) -> float:
    return float("inf") if v is None else v


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None
