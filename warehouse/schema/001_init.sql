-- Core tables. Natural keys make every write an idempotent upsert; every row carries
-- the run that wrote it.
CREATE TABLE runs (
    run_id            VARCHAR PRIMARY KEY,
    flow_run_id       VARCHAR,
    started_at        TIMESTAMP,
    finished_at       TIMESTAMP,
    status            VARCHAR,          -- running | completed | partial | failed
    extractor         VARCHAR,
    model             VARCHAR,
    paths             VARCHAR[],
    n_articles        INTEGER DEFAULT 0,
    n_chunks          INTEGER DEFAULT 0,
    n_claims          INTEGER DEFAULT 0,
    n_contradictions  INTEGER DEFAULT 0,
    n_failed_chunks   INTEGER DEFAULT 0,
    llm_calls         INTEGER DEFAULT 0,
    prompt_tokens     BIGINT DEFAULT 0,
    completion_tokens BIGINT DEFAULT 0
);

CREATE TABLE articles (
    article_id   VARCHAR PRIMARY KEY,   -- content hash of the decoded text
    source_path  VARCHAR NOT NULL,
    outlet       VARCHAR,
    title        VARCHAR,
    url          VARCHAR,
    published_at DATE,
    language     VARCHAR,
    encoding     VARCHAR,
    raw_text     VARCHAR NOT NULL,
    text         VARCHAR NOT NULL,      -- cleaned: every offset points into it
    run_id       VARCHAR NOT NULL
);

CREATE TABLE chunks (
    article_id VARCHAR NOT NULL,
    idx        INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    run_id     VARCHAR NOT NULL,
    PRIMARY KEY (article_id, idx)
);

-- An article fully extracted by one extractor and prompt: the record of what is done,
-- so a re-run (or a run resumed after a crash) skips it.
CREATE TABLE extractions (
    article_id VARCHAR NOT NULL,
    extractor  VARCHAR NOT NULL,
    prompt_id  VARCHAR NOT NULL,
    n_chunks   INTEGER NOT NULL,
    n_failed   INTEGER NOT NULL,
    run_id     VARCHAR NOT NULL,
    PRIMARY KEY (article_id, extractor, prompt_id)
);

-- A chunk an extractor could not process, and why. Cleared when it later succeeds.
CREATE TABLE failed_chunks (
    article_id VARCHAR NOT NULL,
    chunk_idx  INTEGER NOT NULL,
    extractor  VARCHAR NOT NULL,
    prompt_id  VARCHAR NOT NULL,
    reason     VARCHAR NOT NULL,
    run_id     VARCHAR NOT NULL,
    PRIMARY KEY (article_id, chunk_idx, extractor, prompt_id)
);

CREATE TABLE claims (
    claim_id      VARCHAR PRIMARY KEY,  -- hash(article, span, extractor, prompt_id)
    article_id    VARCHAR NOT NULL,
    chunk_idx     INTEGER NOT NULL,
    quote         VARCHAR NOT NULL,
    claim_text    VARCHAR NOT NULL,
    subject       VARCHAR,
    subject_key   VARCHAR,
    object_keys   VARCHAR[],            -- other entities named in the quote (the event's parties)
    predicate     VARCHAR,
    attributed_to VARCHAR,
    hedged        BOOLEAN NOT NULL DEFAULT false,
    start_char    INTEGER,
    end_char      INTEGER,
    alignment     VARCHAR NOT NULL,     -- exact | fuzzy | unaligned
    event_date    DATE,
    extractor     VARCHAR NOT NULL,
    prompt_id     VARCHAR NOT NULL,
    run_id        VARCHAR NOT NULL
);

CREATE TABLE quantities (
    quantity_id  VARCHAR PRIMARY KEY,   -- hash(claim, span)
    claim_id     VARCHAR NOT NULL,
    article_id   VARCHAR NOT NULL,
    surface      VARCHAR NOT NULL,
    start_char   INTEGER NOT NULL,
    end_char     INTEGER NOT NULL,
    low          DOUBLE,
    high         DOUBLE,
    typical_low  DOUBLE,
    typical_high DOUBLE,
    unit         VARCHAR NOT NULL,
    approx       BOOLEAN NOT NULL,
    measure_word VARCHAR,
    run_id       VARCHAR NOT NULL
);

CREATE TABLE contradictions (
    contradiction_id VARCHAR PRIMARY KEY,
    kind             VARCHAR NOT NULL,  -- conflict | discrepancy
    aspect           VARCHAR NOT NULL,  -- quantity | date | set | text
    severity         DOUBLE NOT NULL,
    claim_a          VARCHAR NOT NULL,
    claim_b          VARCHAR NOT NULL,
    value_a          VARCHAR,
    value_b          VARCHAR,
    explanation      VARCHAR,
    detector         VARCHAR NOT NULL,
    run_id           VARCHAR NOT NULL  -- the run that first found it
);
