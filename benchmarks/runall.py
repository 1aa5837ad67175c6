"""Run every module of a benchmarks sub-package that defines `main()`: `python -m
benchmarks.runall quality` (make eval) or `… perf` (make bench)."""

from __future__ import annotations

import importlib
import pkgutil
import sys


def run(package: str) -> None:
    pkg = importlib.import_module(f"benchmarks.{package}")
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"benchmarks.{package}.{info.name}")
        if hasattr(module, "main"):
            print(f"\n=== {package}/{info.name} ===", flush=True)
            module.main()


if __name__ == "__main__":
    run(sys.argv[1] if len(sys.argv) > 1 else "quality")
