CREATE OR REPLACE VIEW articles_v AS
SELECT article_id, source_path, outlet, title, published_at, language, text,
       length(text) AS n_chars, run_id, url, encoding
FROM articles;
