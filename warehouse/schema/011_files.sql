-- Every input file a run read or was given (issue 15), and what became of it: articles
-- are keyed by content, so identical files become one article and, without this table,
-- only the first file's path appeared anywhere.
CREATE TABLE input_files (
    run_id      VARCHAR NOT NULL,
    path        VARCHAR NOT NULL,       -- as given or found (discovery order)
    size        BIGINT,                 -- bytes; NULL when it could not be stat'ed
    sha256      VARCHAR,                -- of the bytes read; NULL when not read
    article_id  VARCHAR,                -- its article (also for a duplicate); NULL for none
                                        -- or several (.jsonl)
    n_articles  INTEGER NOT NULL,       -- articles in it, duplicates included
    status      VARCHAR NOT NULL,       -- ingested | duplicate | failed
    reason      VARCHAR,                -- why not (or not wholly) ingested
    recorded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (run_id, path)
);
