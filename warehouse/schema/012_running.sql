-- Whether a figure's measure is a running tally (deaths, missing, orders: a later day's
-- figure is an update) or one fact restated by later reports (a deal's price, the staff
-- asked to move): seeds/measures.csv's `running` column.
ALTER TABLE quantities ADD COLUMN running BOOLEAN;
