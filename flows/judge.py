"""The compare step's optional LLM judge of text claims, run after the typed rules.

Candidate pairs come from models.compare.judge_pairs (bounded by CROSSCHECK_JUDGE_MAX_PAIRS),
verdicts already in llm_judgements are reused (a re-run makes no call), the rest go to
the endpoint in a bounded thread pool. "contradiction" verdicts become conflict rows
with aspect 'text' whose detector is the judge's prompt_id; they replace only the
judge's earlier rows, never the rules'. A failed pair is counted and logged, not
cached (the next run asks again), and the run goes on.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from flows.extractors import llm_config, load_gazetteer
from flows.settings import Settings
from models.compare.judge_pairs import candidate_pairs, judged_contradiction
from prompts.judge import Judge, Judgement
from warehouse import compare_store, judge_store
from warehouse.db import session


@dataclass
class JudgeStats:
    pairs: int = 0
    cached: int = 0
    calls: int = 0  # HTTP attempts
    failed: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    contradictions: int = 0
    new_contradictions: int = 0
    errors: list[str] = field(default_factory=list)


def run_judge(
    settings: Settings, db: str, run_id: str, logger: logging.Logger | logging.LoggerAdapter
) -> JudgeStats:
    judge = Judge(llm_config(settings))
    gazetteer, _ = load_gazetteer(settings.entities)
    with session(db) as con:
        claims = judge_store.load_text_claims(con)
        cache = judge_store.cached_judgements(con, judge.model, judge.prompt_id)
    pairs = candidate_pairs(claims, settings.judge_max_pairs, lambda s: gazetteer.key_of(s) or s)
    stats = JudgeStats(pairs=len(pairs))
    verdicts: dict[tuple[str, str], tuple[str, str | None]] = {}
    todo = []
    for p in pairs:
        key = (p.a.claim_id, p.b.claim_id)
        if key in cache:
            verdicts[key] = cache[key]
            stats.cached += 1
        else:
            todo.append(p)
    with ThreadPoolExecutor(max_workers=settings.max_concurrency) as pool:
        results: list[Judgement] = list(pool.map(judge.judge, todo))
    answered = []
    for r in results:
        stats.calls += r.attempts
        stats.prompt_tokens += r.prompt_tokens
        stats.completion_tokens += r.completion_tokens
        if r.verdict is None:
            stats.failed += 1
            stats.errors.append(f"{r.claim_a} × {r.claim_b}: {r.error or r.status}")
            continue
        verdicts[(r.claim_a, r.claim_b)] = (r.verdict, r.explanation)
        answered.append(
            (r.claim_a, r.claim_b, r.verdict, r.explanation, r.prompt_tokens, r.completion_tokens)
        )
    for why in stats.errors[:5]:
        logger.warning("judge: pair not judged: %s", why)
    found = [
        judged_contradiction(p, verdicts[k][1] or "", judge.prompt_id)
        for p in pairs
        if verdicts.get(k := (p.a.claim_id, p.b.claim_id), ("",))[0] == "contradiction"
    ]
    with session(db) as con:
        judge_store.save_judgements(con, judge.model, judge.prompt_id, answered, run_id)
        # A pair not judged this time may still be one: then keep the earlier rows.
        stats.new_contradictions = compare_store.replace_contradictions(
            con, found, run_id, by="judge", prune=not stats.failed
        )
        stats.contradictions = judge_store.count_judge_contradictions(con)
    logger.info(
        "judge %s: %d pairs (%d cached, %d failed), %d contradictions",
        judge.prompt_id,
        stats.pairs,
        stats.cached,
        stats.failed,
        stats.contradictions,
    )
    return stats
