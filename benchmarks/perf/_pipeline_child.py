"""One measurement in a fresh process (so peak RSS is this run's alone)."""

from __future__ import annotations

import json
import os
import resource
import sys
import threading
import time
from pathlib import Path

import flows  # noqa: F401  (Prefect settings for an offline machine)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_kb(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:  # gone, or not Linux
        return 0
    return next(
        (int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS")), 0
    )


def _worker_pids() -> list[int]:
    """This process's worker processes (flows.workers spawns them with multiprocessing;
    Prefect's temporary server, also a child, is not one)."""
    me, out = str(os.getpid()), []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = stat.read_text().rsplit(")", 1)[1].split()[1]
            cmdline = (stat.parent / "cmdline").read_bytes()
        except (OSError, IndexError):
            continue
        if ppid == me and b"multiprocessing" in cmdline:
            out.append(int(stat.parent.name))
    return out


class TreeRss:
    """Samples the RSS of this process plus its worker processes every `every` seconds:
    the peak of the sum is what the run needed at once (ru_maxrss sees one process)."""

    def __init__(self, every: float = 0.25) -> None:
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(every,), daemon=True)

    def _run(self, every: float) -> None:
        while not self._stop.wait(every):
            total = _rss_kb(os.getpid()) + sum(_rss_kb(p) for p in _worker_pids())
            self.peak_kb = max(self.peak_kb, total)

    def __enter__(self) -> TreeRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def flow_run(corpus: Path, db: Path) -> dict[str, object]:
    from prefect import flow

    from flows import workers
    from flows.pipeline import pipeline
    from flows.settings import Settings

    @flow
    def warm_up() -> None:
        """Starts the temporary server, so the pipeline's timing excludes it."""

    t0 = time.perf_counter()
    warm_up()
    startup = time.perf_counter() - t0
    t0 = time.perf_counter()
    with TreeRss() as tree:
        summary = pipeline(paths=[str(corpus)], extractor="rules", db=str(db))
    seconds = time.perf_counter() - t0
    chars = sum(len(p.read_text(encoding="utf-8")) for p in corpus.glob("*.txt"))
    n = Settings().workers
    summary_workers = n if workers.worth_it(n, summary.n_files) else 1
    return {
        "articles": summary.n_articles,
        "claims": summary.n_claims,
        "chars": chars,
        "contradictions": summary.n_contradictions,
        "seconds": round(seconds, 3),
        "startup_s": round(startup, 3),
        "articles_per_s": summary.n_articles / seconds,
        "chars_per_s": chars / seconds,
        "claims_per_s": summary.n_claims / seconds,
        "peak_rss_mb": _peak_rss_mb(),
        "workers": summary_workers,
        # This process and its workers at once, sampled every 0.25 s.
        "peak_rss_with_workers_mb": round(tree.peak_kb / 1024, 1),
    }


def stages(corpus: Path, db: Path) -> dict[str, object]:
    """The pipeline's task functions called directly (`task.fn`), batch by batch, with
    no Prefect in between: where the time goes, and by difference what Prefect costs."""
    from flows import tasks as p
    from flows.extractors import make_extractor
    from flows.settings import Settings
    from flows.sources import discover
    from warehouse import ingest_store, run_store
    from warehouse.db import session

    settings = Settings()
    ext = make_extractor(settings, "rules")
    timings: dict[str, float] = {}

    def timed(name, fn, *args):  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        result = fn(*args)
        timings[name] = timings.get(name, 0.0) + time.perf_counter() - t0
        return result

    files, _ = discover([corpus])
    articles, _, _ = timed("ingest", p.ingest.fn, files)
    with session(db) as con:
        run_store.start_run(con, "bench", None, ext.name, None, [])
        timed("ingest", ingest_store.save_articles, con, articles, "bench")
    n_claims = n_batches = 0
    for batch in p.batched(articles, settings.batch_size):
        batch = list(batch)
        n_batches += 1
        chunks = timed("chunk", p.chunk.fn, batch, settings.chunk_chars)
        extractions = timed("extract", p.extract.fn, batch, chunks, ext, str(db), "bench")
        claims = timed("ground", p.ground.fn, batch, chunks, extractions, ext.name, ext.prompt_id)
        claims, terms = timed(
            "normalize", p.normalize.fn, batch, claims, settings.entities, settings.measures
        )
        timed(
            "store",
            p.store_batch.fn,
            str(db),
            [a.article_id for a in batch],
            chunks,
            claims,
            terms,
            [],
            ext.name,
            ext.prompt_id,
            "bench",
        )
        n_claims += len(claims)
    timed("compare", p.compare.fn, str(db), "bench", settings.entities)
    return {
        "stages": {k: round(v, 3) for k, v in timings.items()},
        "total_s": round(sum(timings.values()), 3),
        "articles": len(articles),
        "claims": n_claims,
        "n_tasks": 1 + 5 * n_batches + 3,
        "peak_rss_mb": _peak_rss_mb(),
    }


if __name__ == "__main__":
    mode, corpus, db = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    result = flow_run(corpus, db) if mode == "flow" else stages(corpus, db)
    print(json.dumps(result))
