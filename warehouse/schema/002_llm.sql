-- LLM extraction: every request (with its retries) and a cache of validated replies.

-- One row per logical request: a chunk, or a half of one cut off at the token limit.
-- attempts counts HTTP requests (retries and re-asks included); tokens sum over them.
CREATE TABLE llm_calls (
    call_id           VARCHAR PRIMARY KEY,
    run_id            VARCHAR NOT NULL,
    article_id        VARCHAR NOT NULL,
    chunk_idx         INTEGER NOT NULL,
    part              VARCHAR NOT NULL,  -- '' whole chunk; '0', '1', '01'… halves
    chunk_hash        VARCHAR NOT NULL,
    model             VARCHAR NOT NULL,
    prompt_id         VARCHAR NOT NULL,
    mode              VARCHAR,           -- json_schema | json_object
    started_at        TIMESTAMP,
    latency_ms        DOUBLE,
    status            VARCHAR NOT NULL,  -- ok | length | refused | content_filter | invalid | failed
    attempts          INTEGER NOT NULL,
    prompt_tokens     BIGINT NOT NULL,
    completion_tokens BIGINT NOT NULL,
    cost_usd          DOUBLE,            -- estimated; NULL when the model's price is unknown
    error             VARCHAR
);

-- Validated replies keyed by what was asked: a re-run of the same input makes no call,
-- a new prompt version (new prompt_id) or model asks again.
CREATE TABLE llm_cache (
    model      VARCHAR NOT NULL,
    prompt_id  VARCHAR NOT NULL,
    chunk_hash VARCHAR NOT NULL,         -- hash of the chunk's text and context as sent
    response   VARCHAR NOT NULL,         -- JSON: {"claims": [...]}
    created_at TIMESTAMP NOT NULL,
    run_id     VARCHAR NOT NULL,
    PRIMARY KEY (model, prompt_id, chunk_hash)
);
