-- Ingestion that survives real input (issue 7): what could not be ingested and why,
-- near-duplicate links, and what cleaning knows about each article.
CREATE TABLE ingest_errors (
    run_id      VARCHAR NOT NULL,
    path        VARCHAR NOT NULL,       -- a file, or file.jsonl:N for one line
    kind        VARCHAR NOT NULL,       -- empty | binary | encoding | too_large | unsupported
                                        -- | unreadable | parse | no_text | sidecar
    message     VARCHAR NOT NULL,
    size_bytes  BIGINT,
    recorded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (run_id, path)
);

-- Syndicated copies with small edits: one row per linked pair (article_a < article_b).
CREATE TABLE article_links (
    article_a  VARCHAR NOT NULL,
    article_b  VARCHAR NOT NULL,
    similarity DOUBLE NOT NULL,         -- estimated Jaccard of 5-character shingles
    method     VARCHAR NOT NULL,        -- minhash-oph-128
    run_id     VARCHAR NOT NULL,
    PRIMARY KEY (article_a, article_b)
);

ALTER TABLE articles ADD COLUMN folded_text VARCHAR;       -- simplified copy, matching only
ALTER TABLE articles ADD COLUMN raw_offsets INTEGER[][];   -- [clean_start, raw_start] pairs
ALTER TABLE articles ADD COLUMN low_quality INTEGER[][];   -- [start, end) spans of text
ALTER TABLE articles ADD COLUMN n_repairs INTEGER;         -- mojibake runs repaired
ALTER TABLE articles ADD COLUMN file_format VARCHAR;       -- text | markdown | html | jsonl
ALTER TABLE articles ADD COLUMN minhash UBIGINT[];         -- near-duplicate signature
ALTER TABLE articles ADD COLUMN dup_group VARCHAR;         -- smallest article_id of its group
