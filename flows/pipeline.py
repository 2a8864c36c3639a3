"""The ingest job's steps as plain functions (the Prefect tasks in flows/ingest.py wrap them)."""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from archive import (
    Resolver,
    batch,
    known_failures,
    known_sha256,
    open_archive,
    record_failure,
    store_derived,
    store_document,
    store_original,
)
from archive.locations import (
    FileStat,
    cache_stats,
    cached_sha256,
    location_key,
    locations_of,
    record_locations,
)
from models import (
    ArchiveError,
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
from models.versions import VERSIONS

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Candidate:
    """A file found in the inbox that the archive does not hold yet."""

    path: Path
    sha256: str
    also: tuple[Path, ...] = ()  # other paths of the same bytes in this run: its locations


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
            found.update(_walk(path))
        else:
            raise FileNotFoundError(f"no such file or folder: {path}")
    return sorted(found)


def _walk(folder: Path) -> Iterator[Path]:
    """The files under `folder` with os.scandir (its entries know their type without a stat
    for most of them): hidden entries and linked folders are not walked."""
    pending = [os.fspath(folder)]
    while pending:
        try:
            entries = list(os.scandir(pending.pop()))
        except OSError as exc:  # a folder not readable: its files cannot be ingested either
            log.warning("%s: cannot list the folder (%s), left out", exc.filename, exc.strerror)
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                pending.append(entry.path)
            elif _followed(entry.is_file):  # a link to a file counts as the file
                yield Path(entry.path)
            elif not _followed(entry.is_dir):  # a link to a folder: not walked, no warning
                path = Path(entry.path)
                log.warning("%s: %s, left out", path_text(path), _not_a_file(path))


def _followed(test: Callable[[], bool]) -> bool:
    """A DirEntry test through links; a link that loops (ELOOP) is neither file nor folder."""
    try:
        return test()
    except OSError:
        return False


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


def _unreadable(path: Path, exc: OSError) -> FileOutcome:
    why = f"{printable(path.name)}: cannot read the file ({exc.strerror or exc})"
    return FileOutcome(path_text(path), "failed", None, why)


def _hash_changed(
    db: sqlite_utils.Database, files: Sequence[Path], unreadable: list[FileOutcome]
) -> list[tuple[Path, str, str]]:
    """(path, location key, sha256) of the readable files: the sha256 cached for a file whose
    size, mtime and inode have not changed, the file's bytes hashed (and cached) otherwise."""
    stats: dict[Path, tuple[str, FileStat]] = {}
    for path in files:
        try:
            stats[path] = (location_key(path), FileStat.of(os.stat(path)))
        except OSError as exc:  # gone or not readable since discover: this file's failure only
            unreadable.append(_unreadable(path, exc))
    cached = cached_sha256(db, dict(stats.values()))
    hashed: list[tuple[Path, str, str]] = []
    fresh: list[tuple[str, FileStat, str]] = []
    for path, (key, stat) in stats.items():
        sha = cached.get(key)
        if sha is None:
            try:
                sha = sha256_of(path)
            except OSError as exc:
                unreadable.append(_unreadable(path, exc))
                continue
            fresh.append((key, stat, sha))
        hashed.append((path, key, sha))
    cache_stats(db, fresh)
    return hashed


def triage(files: Sequence[Path], archive: Path) -> tuple[list[Candidate], list[FileOutcome]]:
    """Split files into new candidates and outcomes for the others: already archived (same
    sha256, original copy stored) at this path, already archived but found at a new path
    ("new-location", recorded as another location of the same document), the same bytes seen
    earlier in this run (a location of that candidate), or the same bytes at the same path
    recorded as failed by these extractor versions. Unchanged files (size, mtime, inode as when
    hashed) are not read: their sha256 comes from the stat cache. Empty files are never "the
    same bytes": each is read, and recorded as empty, on its own. A file that cannot be read to
    hash it is recorded as failed (in the archive too) and the others go on."""
    unreadable: list[FileOutcome] = []
    db = open_archive(archive)
    try:
        hashed = _hash_changed(db, files, unreadable)
        archived = known_sha256(db, (sha for _, _, sha in hashed), with_original=True)
        located = locations_of(db, (sha for _, _, sha in hashed if sha in archived))
        failed_before = known_failures(db, VERSIONS)
        for outcome in unreadable:
            record_failure(
                db, path=Path(outcome.path), sha256=None, reason=outcome.reason or "", versions=()
            )
        new, outcomes, found = _sort_out(hashed, archived, located, failed_before)
        record_locations(db, found)
    finally:
        db.close()
    return new, [*unreadable, *outcomes]


def _sort_out(
    hashed: Sequence[tuple[Path, str, str]],
    archived: set[str],
    located: dict[str, set[str]],
    failed_before: dict[tuple[str, str], str],
) -> tuple[list[Candidate], list[FileOutcome], list[tuple[str, str]]]:
    """Triage's decisions: the candidates, the other files' outcomes, and the (sha256, key)
    locations of archived documents seen for the first time."""
    outcomes: list[FileOutcome] = []
    found: list[tuple[str, str]] = []
    first: dict[str, Path] = {}
    also: dict[Path, list[Path]] = {}  # each candidate -> other paths of its bytes
    for path, key, sha in hashed:
        shown = path_text(path)
        places = located.get(sha, set())
        if sha in archived and key in places:
            outcomes.append(FileOutcome(shown, "skipped", sha, "already archived (same sha256)"))
        elif sha in archived:
            found.append((sha, key))
            if places:  # none: archived before locations were recorded, this is its first
                why = f"same bytes as {min(places)}, archived: recorded as another location"
                outcomes.append(FileOutcome(shown, "new-location", sha, why))
            else:
                why = "already archived (same sha256)"
                outcomes.append(FileOutcome(shown, "skipped", sha, why))
        elif (shown, sha) in failed_before:
            reason = failed_before[(shown, sha)]
            outcomes.append(FileOutcome(shown, "skipped", sha, f"failed before: {reason}"))
        elif sha in first and sha != EMPTY_SHA256:
            also[first[sha]].append(path)
            why = f"same bytes as {path_text(first[sha])}"
            outcomes.append(FileOutcome(shown, "skipped", sha, why))
        else:
            first.setdefault(sha, path)  # an empty file after the first keeps the first's key
            also[path] = []
    new = [Candidate(path, sha, tuple(also[path])) for path, _, sha in hashed if path in also]
    return new, outcomes, found


def batches(items: Sequence[Candidate], size: int) -> Iterator[list[Candidate]]:
    for start in range(0, len(items), max(1, size)):
        yield list(items[start : start + size])


def read_and_extract(batch: Sequence[Candidate], settings: Settings) -> list[Processed]:
    """Read every file of a batch (a bad file becomes a Processed with its error), then extract
    from all readable ones in one `nlp.pipe` pass."""
    # Imported when there is something to read: a re-run with nothing new never loads spaCy.
    from extractors import extract_many
    from extractors.readers import read_file

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
    from extractors.readers import searchable_pdf

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
    """Write a batch's documents and failures to the archive in one transaction (a savepoint
    per document); documents.path is relative to the ingested folder (of `roots`) each file
    was found under. A document whose rows SQLite refuses is recorded as failed, with why,
    and the batch goes on."""
    db = open_archive(archive)
    outcomes: list[FileOutcome] = []
    now = datetime.now(UTC)
    try:
        resolver = Resolver(db)  # one per batch: it looks names up by key, loading nothing
        with batch(db):
            for item in processed:
                outcomes.append(_store_one(db, archive, item, roots, now, resolver))
    finally:
        db.close()
    return outcomes


def _store_one(
    db: sqlite_utils.Database,
    archive: Path,
    item: Processed,
    roots: Sequence[Path],
    now: datetime,
    resolver: Resolver,
) -> FileOutcome:
    path, sha = item.candidate.path, item.candidate.sha256
    if item.document is None or item.extraction is None:
        return _failed(db, path, sha, item.error or "not read")
    # The archive keeps its own content-addressed copies (inbox files may move or vanish),
    # written before the row: a run killed in between leaves no row pointing at a missing
    # file, and the next run stores the document again.
    original = store_original(archive, path, sha)
    searchable = _searchable_copy(archive, item)
    try:
        store_document(
            db,
            sha256=sha,
            path=path,
            document=item.document,
            extraction=item.extraction,
            ingested_at=now,
            root=root_of(Path(path), roots),
            original=original,
            searchable_copy=searchable,
            resolver=resolver,
        )
    except ArchiveError as exc:  # SQLite refused this document's rows: the others go on
        return _failed(db, path, sha, str(exc))
    places = (path, *item.candidate.also)
    record_locations(db, [(sha, location_key(p)) for p in places])
    return _archived(path, sha, item.document, item.extraction)


def _failed(db: sqlite_utils.Database, path: Path, sha: str, error: str) -> FileOutcome:
    reason = printable(error)
    record_failure(db, path=path, sha256=sha, reason=reason, versions=VERSIONS)
    return FileOutcome(path_text(path), "failed", sha, reason)


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
