"""The ingest job's steps as plain functions (the Prefect tasks in flows/ingest.py wrap them)."""

from __future__ import annotations

import hashlib
import logging
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from archive import (
    Resolver,
    known_failures,
    known_sha256,
    open_archive,
    record_failure,
    store_derived,
    store_document,
    store_original,
)
from extractors import VERSIONS, extract_many
from extractors.readers import read_file, searchable_pdf
from models import (
    DocumentText,
    ExpedienteError,
    Extraction,
    ExtractionFailure,
    FileOutcome,
    Settings,
    path_text,
    printable,
)
from models.ingest import Status

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Candidate:
    """A file found in the inbox that the archive does not hold yet."""

    path: Path
    sha256: str


@dataclass(frozen=True)
class Processed:
    """A file read and extracted, or the reason it could not be."""

    candidate: Candidate
    document: DocumentText | None = None
    extraction: Extraction | ExtractionFailure | None = None  # a failure: archived, text only
    error: str | None = None


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Every file under `paths` (files and folders, recursively), sorted, hidden files left out.
    Files of formats expediente does not read are kept: they end as recorded failures. Symbolic
    links to folders are not walked (no loops); links that loop or lead nowhere, pipes and
    devices are left out with a warning."""
    found: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            found.add(path)
        elif path.is_dir():
            for p in path.rglob("*"):  # never descends into a symlinked folder
                if any(part.startswith(".") for part in p.relative_to(path).parts):
                    continue
                if p.is_file():
                    found.add(p)
                elif not p.is_dir():
                    log.warning("%s: %s, left out", path_text(p), _not_a_file(p))
        else:
            raise FileNotFoundError(f"no such file or folder: {path}")
    return sorted(found)


def _not_a_file(path: Path) -> str:
    if path.is_symlink():
        return "a symbolic link that loops or leads nowhere"
    return "not a regular file (a pipe, socket or device)"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()


def triage(files: Sequence[Path], archive: Path) -> tuple[list[Candidate], list[FileOutcome]]:
    """Split files into new candidates and outcomes for those skipped: already archived (same
    sha256, original copy stored), the same bytes seen earlier in this run, or the same bytes
    at the same path recorded as failed by these extractor versions. Empty files are never
    "the same bytes": each is read, and recorded as empty, on its own. A file that cannot be
    read to hash it is recorded as failed (in the archive too) and the others go on."""
    hashed: list[tuple[Path, str]] = []
    skipped: list[FileOutcome] = []
    unreadable: list[FileOutcome] = []
    for path in files:
        try:
            hashed.append((path, sha256_of(path)))
        except OSError as exc:  # gone or not readable since discover: this file's failure only
            why = f"{printable(path.name)}: cannot read the file ({exc.strerror or exc})"
            unreadable.append(FileOutcome(path_text(path), "failed", None, why))
    db = open_archive(archive)
    try:
        archived = known_sha256(db, (sha for _, sha in hashed), with_original=True)
        failed_before = known_failures(db, VERSIONS)
        for outcome in unreadable:
            record_failure(
                db, path=Path(outcome.path), sha256=None, reason=outcome.reason or "", versions=()
            )
    finally:
        db.close()
    skipped.extend(unreadable)
    new: list[Candidate] = []
    seen: dict[str, Path] = {}
    for path, sha in hashed:
        shown = path_text(path)
        if sha in archived:
            skipped.append(FileOutcome(shown, "skipped", sha, "already archived (same sha256)"))
        elif (shown, sha) in failed_before:
            reason = failed_before[(shown, sha)]
            skipped.append(FileOutcome(shown, "skipped", sha, f"failed before: {reason}"))
        elif sha in seen and sha != EMPTY_SHA256:
            skipped.append(
                FileOutcome(shown, "skipped", sha, f"same bytes as {path_text(seen[sha])}")
            )
        else:
            seen[sha] = path
            new.append(Candidate(path, sha))
    return new, skipped


def batches(items: Sequence[Candidate], size: int) -> Iterator[list[Candidate]]:
    for start in range(0, len(items), max(1, size)):
        yield list(items[start : start + size])


def read_and_extract(batch: Sequence[Candidate], settings: Settings) -> list[Processed]:
    """Read every file of a batch (a bad file becomes a Processed with its error), then extract
    from all readable ones in one `nlp.pipe` pass."""
    read: list[Processed] = []
    for candidate in batch:
        try:
            read.append(Processed(candidate, document=read_file(candidate.path, settings)))
        except ExpedienteError as exc:
            read.append(Processed(candidate, error=str(exc)))
    readable = [p for p in read if p.document is not None]
    extractions = extract_many(
        [p.document for p in readable if p.document is not None],
        model=settings.spacy_model,
        batch_size=settings.batch_size,
    )
    done = {
        id(p): Processed(p.candidate, p.document, extraction)
        for p, extraction in zip(readable, extractions, strict=True)
    }
    return [done.get(id(p), p) for p in read]


def _searchable_copy(archive: Path, item: Processed) -> str | None:
    """For a scan, the archive's searchable PDF (page images with the OCR text layer), built
    from the OCR already done; None for documents with no OCRed page."""
    if item.document is None or "tesseract" not in item.document.readers:
        return None
    with tempfile.TemporaryDirectory(prefix="expediente-") as tmp:
        try:
            pdf = searchable_pdf(item.candidate.path, item.document, Path(tmp) / "searchable.pdf")
        except ExpedienteError as exc:
            # The document and its text are archived; only the convenience copy is missing.
            log.warning("%s: no searchable copy: %s", item.candidate.path, exc)
            return None
        if pdf is None:
            return None
        return store_derived(archive, item.candidate.sha256, "searchable.pdf", pdf)


def root_of(path: Path, roots: Sequence[Path]) -> Path | None:
    """The ingested file or folder `path` was found under (the deepest), if any."""
    under = [r for r in roots if path == r or path.is_relative_to(r)]
    return max(under, key=lambda r: len(r.parts), default=None)


def store(
    processed: Sequence[Processed], archive: Path, roots: Sequence[Path] = ()
) -> list[FileOutcome]:
    """Write a batch's documents and failures to the archive; documents.path is relative to
    the ingested folder (of `roots`) each file was found under."""
    db = open_archive(archive)
    outcomes: list[FileOutcome] = []
    now = datetime.now(UTC)
    try:
        resolver = Resolver(db)  # one per batch: it looks names up by key, loading nothing
        for item in processed:
            path, sha = item.candidate.path, item.candidate.sha256
            if item.document is None or item.extraction is None:
                reason = printable(item.error or "not read")
                record_failure(db, path=path, sha256=sha, reason=reason, versions=VERSIONS)
                outcomes.append(FileOutcome(path_text(path), "failed", sha, reason))
                continue
            # The archive keeps its own content-addressed copies (inbox files may move or
            # vanish), written before the row: a run killed in between leaves no row pointing
            # at a missing file, and the next run stores the document again.
            store_document(
                db,
                sha256=sha,
                path=path,
                document=item.document,
                extraction=item.extraction,
                ingested_at=now,
                root=root_of(Path(path), roots),
                original=store_original(archive, path, sha),
                searchable_copy=_searchable_copy(archive, item),
                resolver=resolver,
            )
            outcomes.append(_archived(path, sha, item.document, item.extraction))
    finally:
        db.close()
    return outcomes


def _archived(
    path: Path, sha: str, document: DocumentText, extraction: Extraction | ExtractionFailure
) -> FileOutcome:
    """The outcome of an archived file: new, partial (with why), or unextracted (with why)."""
    if isinstance(extraction, ExtractionFailure):
        return FileOutcome(path_text(path), "unextracted", sha, printable(extraction.reason))
    title = extraction.title.text if extraction.title else None
    status: Status = "partial" if document.partial_reason else "new"
    return FileOutcome(
        path_text(path), status, sha, document.partial_reason, extraction.kind.kind, title
    )
