"""The LLM path's orchestration efficiency: the pipeline flow with the openai extractor
against the stub OpenAI-compatible server (tests/stub_openai.py) answering every call
after a fixed 300 ms, at CROSSCHECK_MAX_CONCURRENCY=16. The ideal wall time of the LLM
phase is ceil(calls / 16) × 300 ms; efficiency = ideal / measured, where measured runs
from the first request's arrival at the server to the last answer. The server and the
pipeline run in two fresh processes."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.common import write_result
from benchmarks.corpus import generate

LATENCY_S = 0.3
CONCURRENCY = 16
N_ARTICLES = 120

# The stub server in its own process, as a real endpoint would be: its CPU is not the
# client's. It prints its URL, serves until stdin closes, then prints its timings.
_SERVER = """
import json, sys
from tests.stub_openai import StubOpenAI

def cheap_answer(text):
    quote = text.split("。")[0][:200]
    return [{"quote": quote, "claim_text": quote, "subject": None, "predicate": None,
             "attributed_to": None, "hedged": False}] if quote.strip() else []

with StubOpenAI(answer=cheap_answer, latency=float(sys.argv[1])) as stub:
    print(stub.base_url, flush=True)
    sys.stdin.read()
    print(json.dumps(stub.served), flush=True)
"""

_CLIENT = """
import json, sys, time
import flows
from prefect import flow
from flows.pipeline import pipeline

@flow
def warm_up():
    pass

warm_up()
t0 = time.perf_counter()
summary = pipeline(paths=[sys.argv[1]], extractor="openai", db=sys.argv[2])
print(json.dumps({"flow_s": time.perf_counter() - t0, "chunks": summary.n_chunks,
                  "failed": summary.n_failed_chunks}))
"""


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="crosscheck-llm-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        generate(corpus, N_ARTICLES)
        server = subprocess.Popen(
            [sys.executable, "-c", _SERVER, str(LATENCY_S)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert server.stdin is not None and server.stdout is not None
        base_url = server.stdout.readline().strip()
        env = {
            **os.environ,
            "CROSSCHECK_MAX_CONCURRENCY": str(CONCURRENCY),
            "OPENAI_BASE_URL": base_url,
            "OPENAI_API_KEY": "bench",
            "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "WARNING",
        }
        try:
            out = subprocess.run(
                [sys.executable, "-c", _CLIENT, str(corpus), str(Path(tmp) / "w.duckdb")],
                capture_output=True,
                text=True,
                env=env,
            )
            if out.returncode:
                raise SystemExit(f"the pipeline failed:\n{out.stderr[-3000:]}")
        finally:
            server.stdin.close()
            served = json.loads(server.stdout.readline())
            server.wait(30)
    r: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    r["calls"] = len(served)
    t0 = min(a for a, _ in served)
    r["llm_phase_s"] = max(b for _, b in served) - t0
    # Requests open at each tenth of the LLM phase: where the slots sat idle.
    tenth = r["llm_phase_s"] / 10
    r["open_by_tenth"] = [
        round(
            sum(
                min(b, t0 + (i + 1) * tenth) - max(a, t0 + i * tenth)
                for a, b in served
                if a < t0 + (i + 1) * tenth and b > t0 + i * tenth
            )
            / tenth,
            1,
        )
        for i in range(10)
    ]
    ideal = math.ceil(r["calls"] / CONCURRENCY) * LATENCY_S
    r |= {
        "latency_s": LATENCY_S,
        "concurrency": CONCURRENCY,
        "ideal_s": ideal,
        "efficiency": ideal / r["llm_phase_s"],
    }
    print(
        f"{r['calls']} calls at {CONCURRENCY} in flight, {LATENCY_S * 1000:.0f} ms each: "
        f"LLM phase {r['llm_phase_s']:.2f} s against an ideal {ideal:.2f} s = "
        f"{100 * r['efficiency']:.0f} % efficiency (whole flow {r['flow_s']:.1f} s, "
        f"{r['failed']} failed chunks)"
    )
    print(f"wrote {write_result('llm_path', r)}")


if __name__ == "__main__":
    main()
