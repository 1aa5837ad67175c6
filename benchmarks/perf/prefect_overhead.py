"""What Prefect itself costs here: the temporary server's start-up, and the time per task
run of a task that does nothing (so a pipeline task must carry far more work than that:
tasks are per batch of articles, never per sentence)."""

from __future__ import annotations

import json
import subprocess
import sys
import time

from benchmarks.common import write_result

N_FEW, N_MANY = 50, 450  # the per-task cost is the slope between two flows

_CHILD = f"""
import json, time
import flows  # offline Prefect settings
from prefect import flow, task
from prefect.cache_policies import NO_CACHE

@task(cache_policy=NO_CACHE)
def noop(i):
    return i

@flow
def warm_up():
    pass

@flow
def tasks(n):
    for i in range(n):
        noop(i)

def timed(fn, *args):
    t0 = time.perf_counter(); fn(*args); return time.perf_counter() - t0

startup = timed(warm_up)
empty_flow = timed(warm_up)
few, many = timed(tasks, {N_FEW}), timed(tasks, {N_MANY})
print(json.dumps({{"startup_s": startup, "empty_flow_s": empty_flow,
                  "per_task_ms": 1000 * (many - few) / ({N_MANY} - {N_FEW})}}))
"""


def main() -> None:
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _CHILD], check=True, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["process_wall_s"] = wall
    print(
        f"temporary server start-up {result['startup_s']:.1f} s; an empty flow run "
        f"{result['empty_flow_s'] * 1000:.0f} ms; a task run {result['per_task_ms']:.1f} ms "
        f"(flows of {N_FEW} and {N_MANY} task runs: the slope)"
    )
    print(f"wrote {write_result('prefect_overhead', result)}")
