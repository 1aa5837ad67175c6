CREATE OR REPLACE VIEW failed_chunks_v AS
SELECT f.article_id, a.source_path, f.chunk_idx, f.extractor, f.prompt_id, f.reason, f.run_id
FROM failed_chunks f LEFT JOIN articles a USING (article_id);
