-- The optional LLM judge of text claims (issue 5): its verdicts, cached so a re-run
-- asks nothing again. Only answered pairs are stored; a failed pair is asked next run.
CREATE TABLE llm_judgements (
    model             VARCHAR NOT NULL,
    prompt_id         VARCHAR NOT NULL,  -- judge_contradiction.vN#hash
    claim_a           VARCHAR NOT NULL,
    claim_b           VARCHAR NOT NULL,
    verdict           VARCHAR NOT NULL,  -- contradiction | compatible | unrelated
    explanation       VARCHAR,
    prompt_tokens     INTEGER,
    completion_tokens INTEGER,
    run_id            VARCHAR NOT NULL,
    judged_at         TIMESTAMP NOT NULL,
    PRIMARY KEY (model, prompt_id, claim_a, claim_b)
);
