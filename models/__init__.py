"""Pure domain: pydantic types and the rules on them.

No I/O, no network, no Prefect, no DuckDB (a test holds this). Everything here is a
function of its arguments, so it is cheap to test with case tables.
"""
