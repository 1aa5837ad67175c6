"""What Prefect itself costs here: the temporary server's start-up, and the time per task
run of a task that does nothing (so a pipeline task must carry far more work than that:
tasks are per batch of articles, never per sentence)."""

from __future__ import annotations

import json
import subprocess
import sys
import time

from benchmarks.common import write_result

N_TASKS = 200

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
def many():
    for i in range({N_TASKS}):
        noop(i)

t0 = time.perf_counter(); warm_up(); startup = time.perf_counter() - t0
t0 = time.perf_counter(); warm_up(); empty_flow = time.perf_counter() - t0
t0 = time.perf_counter(); many(); tasks = time.perf_counter() - t0
print(json.dumps({{"startup_s": startup, "empty_flow_s": empty_flow,
                  "per_task_ms": 1000 * (tasks - empty_flow) / {N_TASKS}}}))
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
        f"(mean of {N_TASKS})"
    )
    print(f"wrote {write_result('prefect_overhead', result)}")
