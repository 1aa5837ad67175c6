CREATE OR REPLACE VIEW quantities_v AS
SELECT quantity_id, claim_id, article_id, surface, start_char, end_char, low, high, unit,
       approx, measure_word, typical_low, typical_high, run_id,
       measure, figure, scope, statistic, whose, parties, as_of, as_of_from, movement, running,
       quote_scope, quote_statistic
FROM quantities;
