"""Prefect only: the flows, their tasks, settings, deployments and the progress hook.
May import models, prompts, warehouse and reporting; only the CLI (cli/) imports flows."""

import os

# Facts about Prefect 3.8 on an offline machine (see DESIGN.md): the temporary server's
# cold start can pass its 20 s default, and analytics calls fail without a network.
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
# The warehouse logs lock waits on the stdlib logger "crosscheck.warehouse": attach it to
# Prefect's handlers so a waiting run says so in its logs (and the UI); outside a flow
# run those lines only reach the terminal.
os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "crosscheck")
os.environ.setdefault("PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW", "ignore")
