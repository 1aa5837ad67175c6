CREATE OR REPLACE VIEW runs_v AS
SELECT run_id, flow_run_id, started_at, finished_at, status, extractor, model,
       n_articles, n_chunks, n_claims, n_contradictions, n_failed_chunks, llm_calls,
       prompt_tokens, completion_tokens, paths
FROM runs;
