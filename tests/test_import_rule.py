"""The layering of DESIGN.md: models imports nothing of ours; prompts and warehouse
import models only, never each other; reporting (what people read) imports models only;
flows imports all of those; the CLI imports flows, and nothing imports the CLI.

Inside models, each stage package imports the records at its top (article, claims,
entities, ids, script…) and the packages before it: text and values stand alone,
extract reads text and values, compare reads values, normalize reads values and compare
(it fills the frames and comparable inputs compare defines). The records may name
values' and compare's types (a stored claim carries its frames)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OURS = {"models", "prompts", "warehouse", "reporting", "flows", "cli"}
ALLOWED = {
    "models": {"models"},
    "prompts": {"models", "prompts"},
    "warehouse": {"models", "warehouse"},
    "reporting": {"models", "reporting"},
    "flows": OURS - {"cli"},
    "cli": OURS,
}
# `python -m flows` (a documented entry point) runs the CLI; nothing imports it.
ENTRY_POINTS = {Path("flows/__main__.py")}
BASE = "models"  # the modules at models/'s top
STAGES = {
    BASE: {BASE, "values", "compare"},
    "text": {BASE, "text"},
    "values": {BASE, "values"},
    "extract": {BASE, "text", "values", "extract"},
    "compare": {BASE, "values", "compare"},
    "normalize": {BASE, "values", "compare", "normalize"},
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
        if path.relative_to(ROOT) in ENTRY_POINTS:
            continue
        imported = _imports(path)
        for name in (imported & OURS) - ALLOWED[package]:
            bad.append(f"{path.relative_to(ROOT)} imports {name}")
        if package == "models":
            for name in imported & FORBIDDEN_IN_MODELS:
                bad.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not bad, "\n".join(bad)


def _stage(path: Path) -> str:
    rel = path.relative_to(ROOT / "models").parts
    return rel[0] if len(rel) > 1 else BASE


def _model_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        modules = []
        if isinstance(node, ast.Import):
            modules = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        for module in modules:
            parts = module.split(".")
            if parts[0] == "models" and len(parts) > 1 and parts[1] in STAGES:
                names.add(parts[1])
            elif parts[0] == "models" and len(parts) > 1:
                names.add(BASE)
    return names


def test_model_stages_import_only_the_stages_before_them() -> None:
    assert {
        p.name for p in (ROOT / "models").iterdir() if p.is_dir() and p.name != "__pycache__"
    } == set(STAGES) - {BASE}
    bad = []
    for path in (ROOT / "models").rglob("*.py"):
        stage = _stage(path)
        for name in _model_imports(path) - STAGES[stage]:
            bad.append(f"{path.relative_to(ROOT)} ({stage}) imports models.{name}")
    assert not bad, "\n".join(bad)
