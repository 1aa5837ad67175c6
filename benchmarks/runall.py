"""Run every module of a benchmarks sub-package that defines `main()`: `python -m
benchmarks.runall quality` (make eval) or `… perf` (make bench).

A `main()` that scores public data sets (benchmarks/datasets.toml) returns the names of
those it scored and skips, with one line each, those it cannot get; any other `main()`
returns None and scores data kept in the repo (benchmarks/data/news-dev, the seeds). The
run exits 0 when at least one set was scored, 1 when none was."""

from __future__ import annotations

import importlib
import pkgutil
import sys

from benchmarks import datasets


def run(package: str) -> list[str]:
    """Run the package's benchmarks; return what was scored."""
    scored: list[str] = []
    pkg = importlib.import_module(f"benchmarks.{package}")
    # The news set first: cross-source disagreements are what the tool is for.
    for info in sorted(
        pkgutil.iter_modules(pkg.__path__), key=lambda m: (m.name != "news", m.name)
    ):
        module = importlib.import_module(f"benchmarks.{package}.{info.name}")
        if hasattr(module, "main"):
            print(f"\n=== {package}/{info.name} ===", flush=True)
            sets = module.main()
            scored += [f"{package}/{info.name}"] if sets is None else list(sets)
    return scored


def main(argv: list[str]) -> int:
    package = argv[0] if argv else "quality"
    scored = list(dict.fromkeys(run(package)))  # quantities and dates share two sets
    print()
    if datasets.SKIPPED:
        print(f"skipped data sets: {', '.join(sorted(datasets.SKIPPED))}")
    if not scored:
        print(
            f"nothing scored: every benchmark of {package} was skipped (reasons above); set "
            "CROSSCHECK_BENCHMARKS to a local copy or CROSSCHECK_BENCHMARKS_URL to a mirror",
            file=sys.stderr,
        )
        return 1
    print(f"scored: {', '.join(scored)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
