CREATE OR REPLACE VIEW inbox_v AS
SELECT path, sha256, size, status, reason, article_id, n_articles, attempts, first_seen_at,
       processed_at, run_id
FROM inbox_files;
