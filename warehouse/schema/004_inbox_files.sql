-- The inbox ledger: every file the scheduled inbox flow has seen, by path and content
-- hash. A file is processed when its (path, sha256) pair is new; files are never moved
-- or deleted, so this table and the file itself are the whole trace.
CREATE TABLE inbox_files (
    path          VARCHAR NOT NULL,     -- absolute path when seen
    sha256        VARCHAR NOT NULL,     -- of the file's bytes
    size          BIGINT NOT NULL,
    article_id    VARCHAR,              -- the file's article; NULL for none or several (.jsonl)
    n_articles    INTEGER NOT NULL DEFAULT 0,
    status        VARCHAR NOT NULL,     -- done | partial (some chunks failed) | failed
    reason        VARCHAR,              -- why failed or partial
    attempts      INTEGER NOT NULL DEFAULT 1,
    first_seen_at TIMESTAMP NOT NULL,
    processed_at  TIMESTAMP NOT NULL,
    run_id        VARCHAR,              -- the pipeline run of the tick that recorded it
    PRIMARY KEY (path, sha256)
);
