"""The W3C Reconciliation Service API (version 0.2) over canonical people and institutions, so
OpenRefine can match a column of names against the archive. Names match as `expediente search`
matches them (archive/search.py: folded by models/normalise.py, honorifics and accents ignored,
a typo per word forgiven); the score is that closeness, 0-100."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from archive.search import match_names

DEFAULT_LIMIT = 5
MAX_LIMIT = 25
MATCH_SCORE = 95.0  # a candidate this close, ahead of every other, is a match
# URL table -> (entity kind in aliases, the label OpenRefine shows for the type).
TYPES = {"people": ("person", "Persona"), "institutions": ("institution", "Institución")}
_NAMES = {
    "people": "select id, name, null as acronym from people where id in ({marks})",
    "institutions": "select id, name, acronym from institutions where id in ({marks})",
}


def is_service_path(path: str) -> bool:
    """Whether an URL path is a reconciliation service's (the only one that reads a POST)."""
    return path.endswith(tuple(f"/{table}/-/reconcile" for table in TYPES))


def manifest(table: str, base_url: str, database: str) -> dict[str, Any]:
    """The service manifest for `table` (people or institutions) served at `base_url`."""
    kind, label = TYPES[table]
    return {
        "versions": ["0.2"],
        "name": f"expediente: {label.lower()}s ({database})",
        "identifierSpace": f"{base_url}/{database}/{table}",
        "schemaSpace": f"{base_url}/{database}/{table}",
        "defaultTypes": [{"id": kind, "name": label}],
        "view": {"url": f"{base_url}/{database}/{table}/{{{{id}}}}"},
    }


def _candidates(db: sqlite_utils.Database, table: str, query: dict[str, Any]) -> dict[str, Any]:
    kind, label = TYPES[table]
    text = str(query.get("query") or "")
    try:
        limit = max(1, min(MAX_LIMIT, int(query.get("limit") or DEFAULT_LIMIT)))
    except (TypeError, ValueError):
        limit = DEFAULT_LIMIT
    matched = match_names(db, kind, text)[:limit]
    if not matched:
        return {"result": []}
    marks = ", ".join("?" for _ in matched)
    rows = {
        row["id"]: row
        for row in db.query(_NAMES[table].format(marks=marks), [i for i, _ in matched])
    }
    result = []
    for index, (entity_id, score) in enumerate(matched):
        row = rows.get(entity_id)
        if row is None:
            continue
        name = f"{row['name']} ({row['acronym']})" if row["acronym"] else row["name"]
        ahead = index == 0 and (len(matched) == 1 or matched[1][1] < score)
        result.append(
            {
                "id": entity_id,
                "name": name,
                "type": [{"id": kind, "name": label}],
                "score": score,
                "match": ahead and score >= MATCH_SCORE,
            }
        )
    return {"result": result}


def reconcile(db: sqlite_utils.Database, table: str, queries: str) -> dict[str, Any]:
    """Answers to a batch of reconciliation queries (the JSON of the `queries` parameter:
    {"q0": {"query": "Lic. Romina Contreras", "limit": 3}, ...}), by the same keys."""
    try:
        batch = json.loads(queries)
    except json.JSONDecodeError as exc:
        raise ValueError(f"queries is not JSON: {exc}") from exc
    if not isinstance(batch, dict) or not all(isinstance(q, dict) for q in batch.values()):
        raise ValueError('queries must be a JSON object of queries: {"q0": {"query": "..."}}')
    return {key: _candidates(db, table, query) for key, query in batch.items()}
