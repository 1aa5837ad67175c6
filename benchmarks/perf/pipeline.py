"""Offline end-to-end throughput and peak memory, and where the time goes.

For each corpus size (1 000 and 10 000 generated articles; CROSSCHECK_BENCH_SIZES to
change) a fresh process runs the Prefect pipeline flow with the rules extractor on a
fresh warehouse, timing the flow but not the temporary server's start-up, and reporting
its peak RSS, alone and with its worker processes (flows.workers). On the smallest corpus two more
fresh processes run the flow without workers and the same stages as plain function
calls: where the time goes, and by difference what Prefect itself costs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.common import write_result
from benchmarks.corpus import generate

SIZES = [int(s) for s in os.environ.get("CROSSCHECK_BENCH_SIZES", "1000,10000").split(",")]


def _child(mode: str, corpus: Path, db: Path, **env: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.perf._pipeline_child", mode, str(corpus), str(db)],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    results: dict[str, Any] = {"flow": {}, "stages": None}
    with tempfile.TemporaryDirectory(prefix="crosscheck-bench-") as tmp:
        for n in SIZES:
            corpus = Path(tmp) / f"corpus{n}"
            generate(corpus, n)
            r = _child("flow", corpus, Path(tmp) / f"flow{n}.duckdb")
            results["flow"][str(n)] = r
            print(
                f"flow, {n:>6} articles: {r['articles_per_s']:7.1f} articles/s "
                f"{r['chars_per_s']:>10,.0f} chars/s {r['claims_per_s']:8.1f} claims/s  "
                f"peak RSS {r['peak_rss_mb']:,.0f} MB, {r['peak_rss_with_workers_mb']:,.0f} MB "
                f"with its {r['workers']} worker processes  (server start-up "
                f"{r['startup_s']:.1f} s, not counted)",
                flush=True,
            )
        n = min(SIZES)
        corpus = Path(tmp) / f"corpus{n}"
        # Prefect's own cost: the flow in one process against the same stages called
        # as plain functions in one process.
        one = _child("flow", corpus, Path(tmp) / "one.duckdb", CROSSCHECK_WORKERS="1")
        results["flow_one_process"] = {str(n): one}
        r = _child("stages", corpus, Path(tmp) / "stages.duckdb")
        results["stages"] = r
        overhead = one["seconds"] - r["total_s"]
        results["prefect_overhead_s"] = round(overhead, 3)
        print(f"\nwhere the time goes ({n} articles, plain function calls, one process):")
        for stage, seconds in r["stages"].items():
            print(f"  {stage:<10} {seconds:8.2f} s  {100 * seconds / r['total_s']:5.1f} %")
        print(
            f"  {'total':<10} {r['total_s']:8.2f} s; the flow in one process took "
            f"{one['seconds']:.2f} s: Prefect's own cost {overhead:.2f} s ({r['n_tasks']} task "
            f"runs); with {results['flow'][str(n)]['workers']} worker processes it took "
            f"{results['flow'][str(n)]['seconds']:.2f} s"
        )
    path = write_result("pipeline", results)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
