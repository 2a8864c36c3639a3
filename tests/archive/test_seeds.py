"""The seed documents, stored with their gold extraction, come back out of the archive exactly."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from archive import get_document, search, store_document
from models import (
    Commitment,
    Dateline,
    DocumentText,
    Extraction,
    Institution,
    KindGuess,
    Person,
    Signatory,
)

pytestmark = pytest.mark.shared
FIELDS = ("kind", "date", "place", "signatories", "people", "institutions", "commitments")


def gold_extraction(gold: dict[str, Any]) -> Extraction:
    """An Extraction holding exactly what the gold record says (no extractor runs here)."""
    date = dt.date.fromisoformat(gold["date"]) if gold["date"] else None
    return Extraction(
        kind=KindGuess(gold["kind"], "gold"),
        dateline=Dateline(date, gold["place"]),
        signatories=tuple(Signatory(**s) for s in gold["signatories"]),
        people=tuple(Person(**p) for p in gold["people"]),
        institutions=tuple(Institution(i["name"], i["acronym"]) for i in gold["institutions"]),
        commitments=tuple(Commitment(c["actor"], c["text"]) for c in gold["commitments"]),
    )


def archived_record(record: dict[str, Any]) -> dict[str, Any]:
    """The gold schema's fields, rebuilt from get_document."""
    person = ("name", "title", "institution")
    return {
        "kind": record["kind"],
        "date": record["date"],
        "place": record["place"],
        "signatories": [{k: s[k] for k in person} for s in record["signatories"]],
        "people": [{k: p[k] for k in person} for p in record["people"]],
        "institutions": [
            {"name": i["printed"], "acronym": i["acronym"]} for i in record["institutions"]
        ],
        "commitments": [{"actor": c["actor"], "text": c["text"]} for c in record["commitments"]],
    }


def test_seeds_round_trip_through_the_archive(
    seeds: dict[str, Path], dev_corpus: Path, db: sqlite_utils.Database
) -> None:
    with (dev_corpus / "gold.jsonl").open(encoding="utf-8") as fh:
        gold = {r["id"]: r for r in map(json.loads, fh) if r["id"] in seeds}
    stored: dict[str, str] = {}
    for gold_id, path in seeds.items():
        data = path.read_bytes()
        stored[gold_id] = store_document(
            db,
            sha256=hashlib.sha256(data).hexdigest(),
            path=path,
            document=DocumentText.from_text(data.decode("utf-8")),
            extraction=gold_extraction(gold[gold_id]),
        )
    for gold_id, doc_id in stored.items():
        record = get_document(db, doc_id)
        assert record is not None
        expected = {k: gold[gold_id][k] for k in FIELDS}
        assert archived_record(record) == expected
        for signer in gold[gold_id]["signatories"]:
            found = search(db, signatory=signer["name"].upper())
            assert [r["id"] for r in found] == [doc_id]
