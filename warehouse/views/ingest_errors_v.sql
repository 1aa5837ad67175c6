CREATE OR REPLACE VIEW ingest_errors_v AS
SELECT run_id, path, kind, message, size_bytes, recorded_at
FROM ingest_errors;
