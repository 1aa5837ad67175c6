"""Cross-source disagreements on multi-outlet news (`make eval`, first).

news-dev (benchmarks/data/news-dev: 31 articles about 5 events, with a gold of every
figure, its frame, interval, as-of date and source) is run through the real pipeline
(`crosscheck run`, rules extractor, a temporary warehouse) and the warehouse's rows are
judged against the gold:

- must-flag recall: pairs that must be linked by a row of contradictions_v;
- should-flag: pairs that may be (scored, not required);
- updates recorded: pairs linked by an `update` row of claim_relations_v;
- updates and equivalents wrongly flagged, must-not-link pairs linked: errors;
- precision of every flagged row: a row is right when both its values are gold figures
  of one frame, as of the same time (±2 days), that differ (disjoint, or listed as
  should-flag); a row between two frames, an update, an equivalence or a value that is
  not a figure of the story is wrong.

A claim is "of" a gold member (file, surface) when it belongs to that article and its
quote, claim text or a quantity surface contains the surface (whitespace removed,
traditional folded to simplified, lowercased), as the gold's README defines.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from benchmarks.common import ROOT, write_result
from models.script import fold

NEWS_DEV = ROOT / "benchmarks" / "data" / "news-dev"
AS_OF_DAYS = 2


def norm(text: str) -> str:
    return "".join(fold(text).split()).lower()


@dataclass(slots=True)
class Claim:
    claim_id: str
    stem: str
    texts: tuple[str, ...]  # normalized quote, claim text and quantity surfaces


def run_pipeline(
    folder: Path, db: Path, extractor: str = "rules", events: tuple[str, ...] = ()
) -> None:
    """`crosscheck run` on the articles of `folder` (its .txt files and sources.csv),
    only those of `events` (file-name prefixes) when given."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / folder.name
        work.mkdir()
        for f in folder.iterdir():
            if (
                f.suffix == ".txt" and f.name.startswith(events or ("",))
            ) or f.name == "sources.csv":
                shutil.copy(f, work / f.name)
        env = {
            **os.environ,
            "CROSSCHECK_REPORT": str(Path(tmp) / "report.html"),
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
        }
        cmd = [sys.executable, "-m", "flows", "run", str(work), "--db", str(db)]
        cmd += ["--extractor", extractor]
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=ROOT)
        if done.returncode not in (0, 3):
            raise SystemExit(f"crosscheck run failed ({done.returncode}):\n{done.stderr[-2000:]}")


def load(db: Path) -> tuple[dict[str, Claim], list[dict[str, Any]], list[dict[str, Any]]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        surfaces: dict[str, list[str]] = defaultdict(list)
        for cid, surface in con.execute("SELECT claim_id, surface FROM quantities_v").fetchall():
            surfaces[cid].append(surface)
        claims = {}
        for cid, path, quote, text in con.execute(
            "SELECT c.claim_id, a.source_path, c.quote, c.claim_text"
            " FROM claims_v c JOIN articles_v a USING (article_id)"
        ).fetchall():
            texts = (norm(quote), norm(text or ""), *(norm(s) for s in surfaces[cid]))
            claims[cid] = Claim(cid, Path(path).stem, texts)

        def rows(sql: str) -> list[dict[str, Any]]:
            cur = con.execute(sql)
            names = [d[0] for d in cur.description]
            return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

        flagged = rows("SELECT * FROM contradictions_v ORDER BY severity DESC")
        updates = rows("SELECT * FROM claim_relations_v WHERE relation = 'update'")
    finally:
        con.close()
    return claims, flagged, updates


class Judge:
    """The gold, indexed for linking pairs and judging rows."""

    def __init__(self, gold: dict[str, Any], claims: dict[str, Claim]) -> None:
        self.gold = gold
        self.claims = claims
        self.by_stem: dict[str, list[Claim]] = defaultdict(list)
        for c in claims.values():
            self.by_stem[c.stem].append(c)
        self.figures: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for f in gold["figures"]:
            self.figures[f["file"].removesuffix(".txt")].append(f)
        self.should = {
            frozenset(((x["a"][0], x["a"][1]), tuple(b)))
            for x in gold["expected"]["should_flag"]
            for b in x["b_any"]
        }

    def of(self, member: list[str]) -> set[str]:
        stem, surface = member
        s = norm(surface)
        return {c.claim_id for c in self.by_stem[stem] if any(s in t for t in c.texts)}

    def linked(self, pair: dict[str, Any], rows: list[dict[str, Any]]) -> dict[str, Any] | None:
        a = self.of(pair["a"])
        b = set().union(*(self.of(m) for m in pair["b_any"]))
        for r in rows:
            if (r["claim_a"] in a and r["claim_b"] in b) or (
                r["claim_b"] in a and r["claim_a"] in b
            ):
                return r
        return None

    def figures_of(self, claim_id: str, value: str) -> list[dict[str, Any]]:
        """Gold figures the row's value stands for: figures of the claim's article inside
        its quote that contain the value's surface (or that it contains)."""
        claim = self.claims.get(claim_id)
        if claim is None:
            return []
        v = norm(value)
        out = []
        for f in self.figures[claim.stem]:
            s = norm(f["surface"])
            if (v in s or s in v) and any(s in t or t in s for t in claim.texts[:1]):
                out.append(f)
        if not out:  # the figure's surface reaches outside the quote
            out = [f for f in self.figures[claim.stem] if v and (v in norm(f["surface"]))]
        return out

    def verdict(self, row: dict[str, Any]) -> str:
        """'right', or why the row is wrong."""
        fa = self.figures_of(row["claim_a"], row["value_a"] or "")
        fb = self.figures_of(row["claim_b"], row["value_b"] or "")
        if not fa or not fb:
            return "not a gold figure"
        reasons = []
        for x in fa:
            for y in fb:
                if x["frame"] != y["frame"]:
                    reasons.append("different frames")
                    continue
                if abs((_day(x["as_of"]) - _day(y["as_of"])).days) > AS_OF_DAYS:
                    reasons.append("an update")
                    continue
                key = frozenset(
                    (
                        (x["file"].removesuffix(".txt"), x["surface"]),
                        (y["file"].removesuffix(".txt"), y["surface"]),
                    )
                )
                if x["unit"] == y["unit"] and (_disjoint(x, y) or key in self.should):
                    return "right"
                reasons.append("equivalent")
        return min(reasons, key=["equivalent", "an update", "different frames"].index)


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _disjoint(x: dict[str, Any], y: dict[str, Any]) -> bool:
    inf = float("inf")

    def lo(f: dict[str, Any]) -> float:
        return -inf if f["low"] is None else f["low"]

    def hi(f: dict[str, Any]) -> float:
        return inf if f["high"] is None else f["high"]

    return hi(x) < lo(y) or hi(y) < lo(x)


def score(
    folder: Path, db: Path, extractor: str = "rules", events: tuple[str, ...] = ()
) -> dict[str, Any]:
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    if events:  # the pairs of those events only
        gold["expected"] = {
            name: [p for p in pairs if p["a"][0].startswith(events)]
            for name, pairs in gold["expected"].items()
        }
    t0 = time.monotonic()
    run_pipeline(folder, db, extractor, events)
    seconds = time.monotonic() - t0
    claims, flagged, updates = load(db)
    n_figures = _figures_with_measure(db)
    judge = Judge(gold, claims)
    expected = gold["expected"]

    def count(name: str, rows: list[dict[str, Any]]) -> tuple[int, int, list[str]]:
        hits = [p["id"] for p in expected[name] if judge.linked(p, rows)]
        return len(hits), len(expected[name]), hits

    must = count("must_flag", flagged)
    should = count("should_flag", flagged)
    upd = count("updates", updates)
    upd_flagged = count("updates", flagged)
    eq_flagged = count("equivalent", flagged)
    mnl = count("must_not_link", flagged)
    verdicts = [(judge.verdict(r), r) for r in flagged]
    right = sum(v == "right" for v, _ in verdicts)
    missed = [p["id"] for p in expected["must_flag"] if p["id"] not in must[2]]
    missed_updates = [p["id"] for p in expected["updates"] if p["id"] not in upd[2]]
    print(f"must-flag recall        {must[0]} / {must[1]}")
    print(f"should-flag             {should[0]} / {should[1]}")
    print(f"updates recorded        {upd[0]} / {upd[1]}")
    print(f"updates flagged (wrong) {upd_flagged[0]}")
    print(f"equivalents flagged     {eq_flagged[0]}")
    print(f"must-not-link linked    {mnl[0]} / {mnl[1]}")
    precision = right / len(flagged) if flagged else 1.0
    print(f"precision of flagged    {right} / {len(flagged)} = {precision:.2f}")
    print(f"update rows             {len(updates)}")
    print(f"claims                  {len(claims)} ({n_figures} figures with a measure)")
    print(f"wall time               {seconds:.0f} s (crosscheck run, Prefect start-up included)")
    if missed:
        print("missed must-flag: " + ", ".join(missed))
    if missed_updates:
        print("missed updates:   " + ", ".join(missed_updates))
    print("\nflagged rows")
    for v, r in verdicts:
        print(
            f"  {'ok ' if v == 'right' else 'BAD'} {r['kind']:11} {r['source_a'] or '':>14} "
            f"{r['value_a']!s:>18} | {r['source_b'] or '':>14} {r['value_b']!s:<18}"
            + ("" if v == "right" else f"  ({v})")
        )
    for name, hits in (
        ("must-not-link", mnl[2]),
        ("update", upd_flagged[2]),
        ("equivalent", eq_flagged[2]),
    ):
        if hits:
            print(f"  {name} pairs flagged: {', '.join(hits)}")
    return {
        "extractor": extractor,
        "events": list(events),
        "claims": len(claims),
        "figures_with_measure": n_figures,
        "seconds": round(seconds, 1),
        "must_flag": {"found": must[0], "of": must[1], "missed": missed},
        "should_flag": {"found": should[0], "of": should[1]},
        "updates": {"recorded": upd[0], "of": upd[1], "missed": missed_updates},
        "updates_flagged": upd_flagged[0],
        "equivalents_flagged": eq_flagged[0],
        "must_not_link_linked": mnl[0],
        "flagged_rows": len(flagged),
        "precision": round(precision, 3),
        "rows": [
            {
                "verdict": v,
                "value_a": r["value_a"],
                "value_b": r["value_b"],
                "source_a": r["source_a"],
                "source_b": r["source_b"],
            }
            for v, r in verdicts
        ],
    }


def _figures_with_measure(db: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("SELECT count(*) FROM quantities_v WHERE measure <> ''").fetchone()
    finally:
        con.close()
    return int(row[0]) if row else 0


SIDE_BY_SIDE = ("claims", "figures_with_measure", "precision", "flagged_rows", "seconds")


def main() -> None:
    """Score the rules extractor, and beside it the one CROSSCHECK_EVAL_EXTRACTOR names
    (openai: any endpoint in OPENAI_BASE_URL / CROSSCHECK_MODEL), on all of news-dev or
    on the events CROSSCHECK_EVAL_EVENTS lists (file-name prefixes, comma-separated)."""
    other = os.environ.get("CROSSCHECK_EVAL_EXTRACTOR", "rules")
    events = tuple(e for e in os.environ.get("CROSSCHECK_EVAL_EVENTS", "").split(",") if e)
    results = {}
    for extractor in dict.fromkeys(("rules", other)):
        scope = ", ".join(events) if events else "all"
        print(f"news-dev ({NEWS_DEV.relative_to(ROOT)}, events: {scope}), extractor {extractor}")
        with tempfile.TemporaryDirectory() as tmp:
            results[extractor] = score(NEWS_DEV, Path(tmp) / "news.duckdb", extractor, events)
        name = f"news_quality_{extractor}" + ("_" + "_".join(events) if events else "")
        path = write_result(name, {"news-dev": results[extractor]})
        print(f"\nwritten {path}\n")
    if len(results) > 1:
        print(f"{'side by side':<23}" + "".join(f"{e:>14}" for e in results))
        rows = [
            ("must-flag", lambda r: f"{r['must_flag']['found']}/{r['must_flag']['of']}"),
            ("updates", lambda r: f"{r['updates']['recorded']}/{r['updates']['of']}"),
        ]
        rows += [(k, lambda r, k=k: str(r[k])) for k in SIDE_BY_SIDE]
        for label, get in rows:
            print(f"  {label:<21}" + "".join(f"{get(r):>14}" for r in results.values()))


if __name__ == "__main__":
    main()
