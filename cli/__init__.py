"""The `crosscheck` command line and its terminal output: commands, the progress bar
and summary of a run, tables for people and JSON/CSV for programs."""
