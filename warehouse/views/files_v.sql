CREATE OR REPLACE VIEW files_v AS
SELECT run_id, path, size, sha256, article_id, n_articles, status, reason, recorded_at
FROM input_files;
