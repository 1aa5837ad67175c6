-- Normalize once, compare columns (issue 14): what compare reads of a claim's quote is
-- read once in normalize (models.compare.facts.compare_inputs) and stored here, so compare
-- reads columns and never re-parses a quote. Claims stored before this migration (or
-- written without normalize) have NULL quote_key: the warehouse reads them once, when
-- compare first loads them (warehouse.extraction_store.fill_compare_inputs).
ALTER TABLE claims ADD COLUMN quote_key VARCHAR;         -- quote without spaces/punctuation ('' = too short)
ALTER TABLE claims ADD COLUMN years INTEGER[];           -- calendar years the quote names (2023年, 今年)

-- The words around a quantity, for one whose frame names no measure.
ALTER TABLE quantities ADD COLUMN quote_scope VARCHAR;     -- cumulative | tranche | part | future | ''
ALTER TABLE quantities ADD COLUMN quote_statistic VARCHAR; -- median | mean | max | min | ''

-- The dates of a claim that can be compared, with their role and the interval covered.
CREATE TABLE claim_dates (
    claim_id   VARCHAR NOT NULL,
    ordinal    INTEGER NOT NULL,  -- order in the quote
    surface    VARCHAR NOT NULL,
    role       VARCHAR NOT NULL,  -- news | deadline | event
    start_date DATE NOT NULL,     -- 0001-01-01: open before
    end_date   DATE NOT NULL,     -- 9999-12-31: open after
    run_id     VARCHAR NOT NULL,
    PRIMARY KEY (claim_id, ordinal)
);

-- The lists of a claim (迁往美国或澳大利亚; 包括美国、爱尔兰等).
CREATE TABLE claim_sets (
    claim_id   VARCHAR NOT NULL,
    ordinal    INTEGER NOT NULL,  -- order in the quote
    surface    VARCHAR NOT NULL,
    role       VARCHAR NOT NULL,  -- destination | members
    members    VARCHAR[] NOT NULL, -- folded, lower-cased, sorted
    items      VARCHAR[] NOT NULL, -- as written, in order
    open_ended BOOLEAN NOT NULL,  -- 等: a lower bound on the set
    run_id     VARCHAR NOT NULL,
    PRIMARY KEY (claim_id, ordinal)
);
