"""Rows for the archive's tables, built from the extraction records (no database here)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from models import (
    Dateline,
    DocumentText,
    Extraction,
    ExtractionFailure,
    KindGuess,
    Provenance,
    printable,
)

Row = dict[str, Any]
# What a document whose extraction failed is stored with: no extracted value at all.
EMPTY = Extraction(KindGuess("other_official", ""), Dateline(None, None))


def provenance(prov: Provenance | None) -> Row:
    """The page/start/end/extractor columns of a value (all None when it has no provenance)."""
    if prov is None:
        return {"page": None, "start": None, "end": None, "extractor": None}
    return {"page": prov.page, "start": prov.start, "end": prov.end, "extractor": prov.extractor}


def mention_id(document_id: str, field: str, prov: Provenance | None, value: str) -> str:
    """sha256(document id + extractor + start + end + field) hex[:16]; a value without
    provenance adds the value itself so two of them cannot collide."""
    if prov is None:
        key = f"{document_id}|None|None|None|{field}|{value}"
    else:
        key = f"{document_id}|{prov.extractor}|{prov.start}|{prov.end}|{field}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def iso_utc(moment: datetime | None) -> str:
    """ISO 8601 in UTC to the second; now when None, naive datetimes taken as UTC."""
    moment = moment or datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def relative_path(path: Path, root: Path | None) -> str:
    """`path` relative to the folder it was ingested from ("oficios/017.txt"); a file ingested
    by itself, or not under `root`, is its name: the archive never records the machine's
    folders."""
    if root is not None and path != root and path.is_relative_to(root):
        return path.relative_to(root).as_posix()
    return path.name if path.is_absolute() or root is not None else path.as_posix()


def document_row(
    sha256: str,
    path: Path,
    document: DocumentText,
    extraction: Extraction | ExtractionFailure,
    ingested_at: str,
    root: Path | None = None,
) -> Row:
    """The documents row; a document whose extraction failed keeps its text, the reason in
    `extraction_error` and no extracted values."""
    if isinstance(extraction, ExtractionFailure):
        error, found = printable(extraction.reason), EMPTY
    else:
        error, found = None, extraction
    date = found.dateline.date
    return {
        "id": sha256,
        "file": printable(path.name),
        "path": printable(relative_path(path, root)),
        "kind": None if error else found.kind.kind,
        "kind_reason": None if error else found.kind.reason,
        "date": found.dateline.iso,  # "2024-03" for a dateline with month and year only
        "year": date.year if date else None,
        "place": found.dateline.place,
        "title": found.title.text if found.title else None,
        "text": document.text,
        "signatory_names": "; ".join(s.name for s in found.signatories) or None,
        "page_count": len(document.pages),
        "readers": ",".join(document.readers),
        "partial_reason": document.partial_reason,
        "extraction_error": error,
        "extractor_versions": ",".join(found.versions),
        "extraction_digest": extraction.digest or None,
        "ingested_at": ingested_at,
    }


def page_rows(document_id: str, document: DocumentText) -> list[Row]:
    return [
        {
            "document_id": document_id,
            "number": page.number,
            "reader": page.reader,
            "confidence": page.confidence,
            "rotation": page.rotation,
            "chars": len(page.text),
            "start": page.start,
        }
        for page in document.pages
    ]


def _mention(document_id: str, field: str, value: str, prov: Provenance | None) -> Row:
    return {
        "id": mention_id(document_id, field, prov, value),
        "document_id": document_id,
        "field": field,
        "value": value,
        **provenance(prov),
        "confidence": prov.confidence if prov else None,
    }


def mention_rows(document_id: str, extraction: Extraction) -> list[Row]:
    """One row per extracted value with its provenance: kind, date, place, title, every date
    mentioned (field "date:<role>"), signatory, person, institution and commitment."""
    line, title = extraction.dateline, extraction.title
    values: list[tuple[str, str | None, Provenance | None]] = [
        ("kind", extraction.kind.kind, extraction.kind.prov),
        ("date", line.iso, line.prov),
        ("place", line.place, line.prov),
        ("title", title.text if title else None, title.prov if title else None),
    ]
    values += [(f"date:{m.role}", m.value.isoformat(), m.prov) for m in line.mentions]
    values += [("signatory", s.name, s.prov) for s in extraction.signatories]
    values += [("person", p.name, p.prov) for p in extraction.people]
    values += [("institution", i.name, i.prov) for i in extraction.institutions]
    values += [("commitment", c.text, c.prov) for c in extraction.commitments]
    rows = [_mention(document_id, f, v, p) for f, v, p in values if v]
    return list({row["id"]: row for row in rows}.values())
