"""Working on what is archived again: extraction from the stored text when extractors change
(`reextract`), and reading partial documents again from their archived originals
(`retry_partial`).

Both go batch by batch and store each document in its own transaction, so a run killed half
way leaves every document either as it was or done, and the next run picks up what is left.
Archivists' decisions (merge, split, rename) are replayed before the first batch and after
each one: they hold whatever the new extraction finds."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlite_utils

from archive import Resolver, apply_decisions, open_archive, store_document
from archive.files import resolve_stored
from extractors import DIGEST, VERSIONS, extract_many
from flows import pipeline
from models import DocumentText, Page, Settings

log = logging.getLogger("expediente.again")


@dataclass(frozen=True)
class AgainReport:
    """How many documents a run worked on, and how many remain for another run."""

    done: int
    failed: int
    left: int

    def summary(self) -> str:
        failed = f", {self.failed} could not be read" if self.failed else ""
        return f"{self.done} documents done{failed}, {self.left} left"


def stale_documents(
    db: sqlite_utils.Database, versions: Sequence[str] = VERSIONS, digest: str = DIGEST
) -> list[str]:
    """Ids of the documents extracted by other extractor versions than `versions`, or by other
    extraction code or data than that of `digest` (a rule or cue changed, no version bumped)."""
    sql = (
        "select id from documents where coalesce(extractor_versions, '') != ? "
        "or coalesce(extraction_digest, '') != ? order by rowid"
    )
    return [r[0] for r in db.execute(sql, [",".join(versions), digest]).fetchall()]


def partial_documents(db: sqlite_utils.Database) -> list[str]:
    """Ids of the documents archived as partial whose original copy the archive holds."""
    sql = (
        "select id from documents where partial_reason is not null and original is not null "
        "order by rowid"
    )
    return [r[0] for r in db.execute(sql).fetchall()]


def stored_text(db: sqlite_utils.Database, doc_id: str) -> DocumentText:
    """The document's text as archived, page by page (no reading of the original)."""
    text, partial = db.execute(
        "select text, partial_reason from documents where id = ?", [doc_id]
    ).fetchone()
    text = text or ""
    sql = (
        "select number, reader, start, chars, confidence, rotation from pages "
        "where document_id = ? order by number"
    )
    pages = tuple(
        Page(number, text[start : start + chars], reader, start, confidence, rotation or 0)
        for number, reader, start, chars, confidence, rotation in db.execute(sql, [doc_id])
    )
    return DocumentText(pages or (Page(1, text, "text"),), text, partial_reason=partial)


def _stored_row(db: sqlite_utils.Database, doc_id: str) -> tuple[Path, datetime | None]:
    path, ingested = db.execute(
        "select path, ingested_at from documents where id = ?", [doc_id]
    ).fetchone()
    return Path(path), datetime.fromisoformat(ingested) if ingested else None


def _original(db: sqlite_utils.Database, doc_id: str) -> str:
    row = db.execute("select original from documents where id = ?", [doc_id]).fetchone()
    return str(row[0])


def _batches(ids: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def reextract(
    archive: Path,
    *,
    batch_size: int | None = None,
    settings: Settings | None = None,
    logger: logging.Logger = log,
) -> AgainReport:
    """Extract again, from the stored text, every document whose extractor versions are not
    the current ones (extractors.VERSIONS); originals are not read and nothing is OCRed."""
    settings = settings or Settings.from_env()
    size = batch_size or settings.batch_size
    db = open_archive(archive)
    done = 0
    try:
        apply_decisions(db)  # a killed run may have stopped before replaying them
        ids = stale_documents(db)
        logger.info("%d documents to extract again", len(ids))
        for batch in _batches(ids, size):
            documents = [stored_text(db, doc_id) for doc_id in batch]
            found = extract_many(
                documents, model=settings.spacy_model, batch_size=settings.batch_size
            )
            resolver = Resolver(db)  # one per batch, as ingest's store
            for doc_id, document, extraction in zip(batch, documents, found, strict=True):
                path, ingested_at = _stored_row(db, doc_id)
                store_document(
                    db,
                    sha256=doc_id,
                    path=path,
                    document=document,
                    extraction=extraction,
                    ingested_at=ingested_at,
                    resolver=resolver,
                )
                done += 1
            apply_decisions(db)
            logger.info("%d of %d documents extracted again", done, len(ids))
        left = len(stale_documents(db))
    finally:
        db.close()
    return AgainReport(done, 0, left)


def retry_partial(
    archive: Path,
    *,
    batch_size: int | None = None,
    settings: Settings | None = None,
    logger: logging.Logger = log,
) -> AgainReport:
    """Read again (OCR included) from its archived original every document archived as
    partial, extract and store it; the document keeps its path and original copy."""
    settings = settings or Settings.from_env()
    size = batch_size or settings.batch_size
    db = open_archive(archive)
    done = failed = 0
    try:
        ids = partial_documents(db)
        logger.info("%d partial documents to read again", len(ids))
        for batch in _batches(ids, size):
            candidates = [
                pipeline.Candidate(resolve_stored(archive, _original(db, doc_id)), doc_id)
                for doc_id in batch
            ]
            resolver = Resolver(db)
            for item in pipeline.read_and_extract(candidates, settings):
                doc_id = item.candidate.sha256
                if item.document is None or item.extraction is None:
                    logger.warning("%s: %s", doc_id, item.error)
                    failed += 1
                    continue
                path, ingested_at = _stored_row(db, doc_id)
                store_document(
                    db,
                    sha256=doc_id,
                    path=path,
                    document=item.document,
                    extraction=item.extraction,
                    ingested_at=ingested_at,
                    resolver=resolver,
                )
                done += 1
            apply_decisions(db)
        left = len(partial_documents(db))
    finally:
        db.close()
    return AgainReport(done, failed, left)
