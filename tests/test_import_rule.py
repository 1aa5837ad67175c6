"""The layering of DESIGN.md: models imports nothing of ours; prompts and warehouse
import models only, never each other; nothing imports flows."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OURS = {"models", "prompts", "warehouse", "flows"}
ALLOWED = {
    "models": {"models"},
    "prompts": {"models", "prompts"},
    "warehouse": {"models", "warehouse"},
    "flows": OURS,
}
# models/ is pure: no I/O, network, orchestration or database libraries.
FORBIDDEN_IN_MODELS = {"prefect", "duckdb", "openai", "httpx", "requests", "socket"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_package_imports_only_what_it_may(package: str) -> None:
    bad = []
    for path in (ROOT / package).rglob("*.py"):
        imported = _imports(path)
        for name in (imported & OURS) - ALLOWED[package]:
            bad.append(f"{path.relative_to(ROOT)} imports {name}")
        if package == "models":
            for name in imported & FORBIDDEN_IN_MODELS:
                bad.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not bad, "\n".join(bad)
