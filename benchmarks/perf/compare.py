"""The compare step at 10k, 100k and 1M generated claims (`make bench`).

Claims are generated in DuckDB (SQL over range(), so generation is not what is timed)
with the shape of news: 20 claims per article, 200 outlets, a third of the claims
attributed to one of 50 named sources, publication dates over 60 days, about five
claims per subject and predicate; 90 % carry a headcount, 5 % a date of when the news came out, 5 % a list of
destinations; one value in thirty disagrees (a headcount three times larger, the next
day, a shorter list). They are stored with the compare inputs normalize reads from
each quote, as a run stores them (filling those is timed apart: a warehouse from before
schema 013 pays it once). What is timed is what the pipeline's compare task does: read the claims
(blocking in SQL), build facts, compare, and write contradictions and relations part by
part as they are found.

Each size runs in its own process so its peak memory (max RSS) is its own. Wall and CPU
time are both recorded, with the load average: on a shared machine the wall time
mostly measures the neighbours. Writes
benchmarks/results/compare.json; the growth ratio is time(10 n) / time(n), against
10·log(10 n)/log(n) for n log n.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from benchmarks.common import write_result
from models.compare.contradictions import DETECTOR, Comparison, facts_of_rows, iter_comparisons
from models.gcpause import paused_gc
from warehouse import compare_store, extraction_store
from warehouse.db import connect

SIZES = (10_000, 100_000, 1_000_000)
TARGET_SECONDS_AT_1M = 60.0

GENERATE = """
INSERT INTO runs (run_id, started_at, status, extractor) VALUES ('bench', now(), 'completed', 'rules');
CREATE TEMP TABLE gen AS
WITH base AS (
    SELECT i, i // 20 AS art, i % 20 AS k, 's' || ((i * 7919) % $subjects) AS subj,
           ['relocate', 'invest', 'employ', 'hire', 'lay off', 'raise', 'acquire', 'release'][
               (i // 7) % 8 + 1] AS pred,
           i % 20 AS kind
    FROM range($n) t(i)
)
SELECT *,
    100 * (1 + hash(subj || pred) % 50) * (CASE WHEN i % 97 % 30 = 0 THEN 3 ELSE 1 END) AS value,
    CASE
        WHEN kind = 18 THEN subj || '的消息5月' || (14 + (i % 97 % 30 = 0)::INT) || '日传出,员工收到邮件。'
        WHEN kind = 19 THEN subj || '的员工可以搬迁至' ||
             (CASE WHEN i % 97 % 30 = 0 THEN '美国或澳大利亚' ELSE '美国、爱尔兰、澳大利亚和新西兰' END) || '。'
        WHEN i % 50 = 0 THEN '据通讯社报道,' || subj || '的项目涉及'  -- syndicated copies
        ELSE '据第' || art || '篇报道,' || subj || '的项目涉及'
    END AS head
FROM base;
INSERT INTO articles (article_id, source_path, outlet, published_at, raw_text, text, run_id)
SELECT 'a' || art, 'gen/' || art || '.txt', 'outlet' || (art % 200),
       DATE '2024-05-01' + CAST(art % 60 AS INTEGER), '', '', 'bench'
FROM gen GROUP BY art;
CREATE TEMP TABLE gen_claims AS
SELECT *, head || (CASE WHEN kind < 18 THEN value || '名员工。' ELSE '' END) AS quote,
       coalesce(sum(length(head || (CASE WHEN kind < 18 THEN value || '名员工。' ELSE '' END)))
           OVER (PARTITION BY art ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
           0) AS start_char
FROM gen;
UPDATE articles SET text = t.text, raw_text = t.text
FROM (SELECT 'a' || art AS article_id, string_agg(quote, '' ORDER BY k) AS text
      FROM gen_claims GROUP BY art) t
WHERE articles.article_id = t.article_id;
INSERT INTO extractions (article_id, extractor, prompt_id, n_chunks, n_failed, run_id)
SELECT DISTINCT 'a' || art, 'rules', 'p', 1, 0, 'bench' FROM gen_claims;
INSERT INTO claims (claim_id, article_id, chunk_idx, quote, claim_text, subject, subject_key,
                    object_keys, predicate, attributed_to, start_char, end_char, alignment,
                    event_date, extractor, prompt_id, run_id)
SELECT 'c' || i, 'a' || art, 0, quote, quote, subj, subj, [], pred,
       CASE WHEN i % 3 = 0 THEN 'src' || (i % 50) END, start_char,
       start_char + length(quote), 'exact',
       CASE WHEN kind = 18 THEN DATE '2024-05-14' + (i % 97 % 30 = 0)::INT END,
       'rules', 'p', 'bench'
FROM gen_claims;
INSERT INTO quantities (quantity_id, claim_id, article_id, surface, start_char, end_char, low,
                        high, typical_low, typical_high, unit, approx, measure_word, run_id)
SELECT 'q' || i, 'c' || i, 'a' || art, value || '名员工', start_char + length(head),
       start_char + length(head) + length(value || '名员工'), value, value, value, value,
       'person', false, '名员工', 'bench'
FROM gen_claims WHERE kind < 18;
"""


def generate(db: Path, n: int) -> float:
    """n claims as the pipeline stores them: with the compare inputs normalize reads from
    each quote (filled here as for a warehouse written before schema 013). Returns the
    seconds that fill took: a one-time cost, not compare's."""
    con = connect(db)
    con.execute(GENERATE.replace("$subjects", str(max(10, n // 40))).replace("$n", str(n)))
    t0 = time.perf_counter()
    extraction_store.fill_compare_inputs(con)
    con.close()
    return time.perf_counter() - t0


def measure(n: int) -> dict[str, float | int]:
    """Generate n claims, then time the compare step as the pipeline's compare task runs
    it (this process only): results are found part by part and written as they come, so
    the compare and write times are the time spent finding parts and the rest."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        # In a process of its own: filling 1M claims' inputs needs more memory than
        # compare, and this process's peak RSS is compare's.
        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.perf.compare", "generate", str(n), str(db)],
            capture_output=True,
            text=True,
            check=True,
        )
        fill_s = float(out.stdout.strip().splitlines()[-1])
        c0, t0 = time.process_time(), time.perf_counter()
        con = connect(db)
        with paused_gc():
            rows = compare_store.load_compare_rows(con)
            n_read = len(rows)
            facts = facts_of_rows(rows, lambda s: s)
            del rows
            c1, t1 = time.process_time(), time.perf_counter()
            finding = _Finding(iter_comparisons(facts))
            n_found, _ = compare_store.replace_comparison(con, finding, DETECTOR, "bench")
        con.close()
        c3, t3 = time.process_time(), time.perf_counter()
    c2, t2 = c1 + finding.cpu, t1 + finding.wall
    return {
        "claims": n,
        "claims_read": n_read,
        "contradictions": n_found,
        "relations": finding.relations,
        "seconds": round(t3 - t0, 2),
        "seconds_fill_inputs_once": round(fill_s, 2),
        "seconds_read": round(t1 - t0, 2),
        "seconds_compare": round(t2 - t1, 2),
        "seconds_write": round(t3 - t2, 2),
        # CPU time (all threads): steadier than wall time on a shared machine.
        "cpu_seconds": round(c3 - c0, 2),
        "cpu_read": round(c1 - c0, 2),
        "cpu_compare": round(c2 - c1, 2),
        "cpu_write": round(c3 - c2, 2),
        "load_average": round(os.getloadavg()[0], 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


class _Finding:
    """The parts of a comparison as they are found, timing the finding (the rest of
    replace_comparison is writing) and counting the relations."""

    def __init__(self, parts: Iterator[Comparison]) -> None:
        self.parts, self.wall, self.cpu, self.relations = parts, 0.0, 0.0, 0

    def __iter__(self) -> Iterator[Comparison]:
        while True:
            c0, t0 = time.process_time(), time.perf_counter()
            part = next(self.parts, None)
            self.cpu += time.process_time() - c0
            self.wall += time.perf_counter() - t0
            if part is None:
                return
            self.relations += len(part.relations)
            yield part


def main() -> None:
    runs = []
    for n in SIZES:
        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.perf.compare", str(n)],
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        runs.append(r)
        print(
            f"{n:>9,} claims: {r['seconds']:>6.2f} s (read {r['seconds_read']}, compare "
            f"{r['seconds_compare']}, write {r['seconds_write']}), peak {r['peak_rss_mb']} MB, "
            f"{r['contradictions']:,} contradictions, {r['relations']:,} relations; CPU "
            f"{r['cpu_seconds']} s (read {r['cpu_read']}, compare {r['cpu_compare']}, write "
            f"{r['cpu_write']}); load average {r['load_average']}",
            flush=True,
        )
    growth = []
    for small, big in itertools.pairwise(runs):
        ratio = big["seconds"] / max(small["seconds"], 1e-9)
        nlogn = (big["claims"] * math.log(big["claims"])) / (
            small["claims"] * math.log(small["claims"])
        )
        growth.append(
            {
                "from": small["claims"],
                "to": big["claims"],
                "time_ratio": round(ratio, 2),
                "cpu_ratio": round(big["cpu_seconds"] / max(small["cpu_seconds"], 1e-9), 2),
                "n_log_n_ratio": round(nlogn, 2),
            }
        )
        print(
            f"growth {small['claims']:,} → {big['claims']:,}: wall ×{ratio:.2f}, CPU "
            f"×{growth[-1]['cpu_ratio']:.2f} (n log n: ×{nlogn:.2f})"
        )
    at_1m = runs[-1]["seconds"]
    print(f"1M claims in {at_1m} s (target < {TARGET_SECONDS_AT_1M:.0f} s)")
    path = write_result(
        "compare", {"runs": runs, "growth": growth, "target_seconds_at_1m": TARGET_SECONDS_AT_1M}
    )
    print(f"written {path}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["generate"]:
        print(generate(Path(sys.argv[3]), int(sys.argv[2])))
    elif len(sys.argv) > 1:
        print(json.dumps(measure(int(sys.argv[1]))))
    else:
        main()
