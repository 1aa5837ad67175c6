CREATE OR REPLACE VIEW inbox_v AS
SELECT path, sha256, size, article_id, status, reason, attempts, first_seen_at,
       processed_at, run_id
FROM inbox_files;
