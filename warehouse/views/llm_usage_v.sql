CREATE OR REPLACE VIEW llm_usage_v AS
SELECT run_id, model, prompt_id,
       count(*) AS requests,
       sum(attempts) AS attempts,
       count(*) FILTER (WHERE status = 'ok') AS ok,
       count(*) FILTER (WHERE status <> 'ok') AS not_ok,
       sum(prompt_tokens) AS prompt_tokens,
       sum(completion_tokens) AS completion_tokens,
       sum(cost_usd) AS cost_usd,
       round(median(latency_ms)) AS median_latency_ms
FROM llm_calls
GROUP BY run_id, model, prompt_id;
