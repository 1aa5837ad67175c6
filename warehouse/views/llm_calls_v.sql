CREATE OR REPLACE VIEW llm_calls_v AS
SELECT l.call_id, l.run_id, l.article_id, a.source_path, l.chunk_idx, l.part, l.model,
       l.prompt_id, l.mode, l.started_at, l.latency_ms, l.status, l.attempts,
       l.prompt_tokens, l.completion_tokens, l.cost_usd, l.error
FROM llm_calls l LEFT JOIN articles a USING (article_id);
