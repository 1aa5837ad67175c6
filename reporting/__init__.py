"""What people read: the self-contained HTML report and the markdown of Prefect's artifacts.
Imports models only; the flow and the CLI hand it the data."""
