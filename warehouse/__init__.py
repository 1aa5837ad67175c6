"""The DuckDB boundary: migrations, the public views, bulk writes. Imports models only."""
