"""`python -m flows` runs the CLI (cli/), as documented; the only place flows reaches it."""

from cli.app import app

app()
