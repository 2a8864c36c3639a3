"""Dependencies point one way: flows -> extractors -> models, flows -> archive -> models."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

FORBIDDEN = {
    "models": {
        "extractors",
        "archive",
        "flows",
        "expediente",
        "spacy",
        "prefect",
        "sqlite_utils",
        "datasette",
    },
    "extractors": {"archive", "flows", "expediente", "prefect", "sqlite_utils", "datasette"},
    "archive": {"extractors", "flows", "expediente", "spacy", "prefect"},
    "flows": {"expediente"},
}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_only_what_the_architecture_allows(package: str) -> None:
    files = sorted((ROOT / package).rglob("*.py"))
    assert files, f"package {package}/ has no modules"
    offenders = {
        str(f.relative_to(ROOT)): sorted(imported_roots(f) & FORBIDDEN[package]) for f in files
    }
    assert {f: bad for f, bad in offenders.items() if bad} == {}


def test_extract_and_eval_use_exactly_the_ingest_path() -> None:
    """`expediente extract` and `eval` read and extract through flows.pipeline, as ingest
    does: the command line never calls readers or extractors on its own."""
    offenders = {
        str(f.relative_to(ROOT))
        for f in sorted((ROOT / "expediente").rglob("*.py"))
        if "extractors" in imported_roots(f)
    }
    assert offenders == set()
