CREATE OR REPLACE VIEW articles_v AS
SELECT article_id, source_path, outlet, title, published_at, language, text,
       length(text) AS n_chars, run_id, url, encoding,
       file_format, coalesce(dup_group, article_id) AS dup_group, low_quality, n_repairs,
       raw_offsets, folded_text
FROM articles;
