"""Every CLI command as a plain function that tests call; the CLI only parses and prints."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from models import ArchiveError, ExpedienteError, IngestReport, Settings


def ingest(paths: Iterable[Path], archive: Path) -> IngestReport:
    """Run the Prefect flow `ingest` over files and folders into `archive`."""
    # Archives often live offline: Prefect's telemetry would only log DNS errors (opt back in).
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from flows.ingest import ingest as ingest_flow

    paths = list(paths)
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise FileNotFoundError(f"no such file or folder: {', '.join(missing)}")
    return ingest_flow(paths=[str(p) for p in paths], archive=str(archive))


def _existing_archive(archive: Path) -> Path:
    if not archive.is_file():
        raise ArchiveError(f"no archive at {archive}: run `expediente ingest PATH` first")
    return archive


def search(archive: Path, text: str | None = None, **filters: Any) -> list[dict[str, Any]]:
    """Search an existing archive; see archive.search for the filters."""
    from archive import open_archive
    from archive import search as search_archive

    db = open_archive(_existing_archive(archive))
    try:
        return search_archive(db, text, **filters)
    finally:
        db.close()


def serve(archive: Path, port: int = 8001, host: str = "127.0.0.1") -> None:
    """Serve the archive read-only with Datasette until interrupted."""
    from archive import serve as serve_archive

    serve_archive(_existing_archive(archive), port=port, host=host)


def schedule(inbox: Path, archive: Path) -> None:
    """Serve the nightly-ingest deployment; needs a running Prefect server."""
    from prefect.settings import PREFECT_API_URL

    from flows.schedule import serve_nightly

    if not PREFECT_API_URL.value():
        raise ExpedienteError(
            "scheduling needs a running Prefect server (a temporary one cannot schedule): "
            "start one with `prefect server start`, then "
            "`prefect config set PREFECT_API_URL=http://127.0.0.1:4200/api` and run this again"
        )
    if not inbox.is_dir():
        raise FileNotFoundError(f"no inbox folder at {inbox}: create it or pass --inbox")
    serve_nightly(inbox.resolve(), archive.resolve())


def extract_records(
    files: Iterable[Path], settings: Settings | None = None
) -> Iterator[dict[str, Any]]:
    """One record per file in the gold schema (../shared/corpus/SCHEMA.md), `id` = file stem.
    A file that cannot be read yields a record with an `error` and empty fields."""
    from extractors import extract_many
    from extractors.readers import read_file

    settings = settings or Settings.from_env()
    paths = list(files)
    documents: dict[Path, Any] = {}
    errors: dict[Path, str] = {}
    for path in paths:
        try:
            documents[path] = read_file(path, settings)
        except ExpedienteError as exc:
            errors[path] = str(exc)
    extractions = dict(
        zip(documents, extract_many(documents.values(), model=settings.spacy_model), strict=True)
    )
    for path in paths:
        if path in extractions:
            yield extractions[path].to_record(path.stem)
        else:
            yield {
                "id": path.stem,
                "error": errors[path],
                "kind": None,
                "date": None,
                "place": None,
                "signatories": [],
                "people": [],
                "institutions": [],
                "commitments": [],
            }


def gold_files(gold: Path) -> list[Path]:
    """The documents a gold file annotates: its records' `file` (or `id`) beside the gold."""
    files: list[Path] = []
    with gold.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ExpedienteError(f"{gold}:{number}: not JSON ({exc.msg})") from exc
            name = record.get("file") or f"{record['id']}.txt"
            files.append(gold.parent / name)
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise FileNotFoundError(f"documents named in {gold} are missing: {', '.join(missing[:5])}")
    return files


def default_scorer(gold: Path) -> Path:
    """../shared/tools/score.py for a gold file in ../shared/corpus/<set>/."""
    return gold.resolve().parent.parent.parent / "tools" / "score.py"


def evaluate(gold: Path, predictions: Path, scorer: Path, errors: bool = False) -> str:
    """Extract every document of `gold` into `predictions` and return the scorer's report."""
    if not scorer.is_file():
        raise FileNotFoundError(f"no scorer at {scorer}: pass --scorer PATH/TO/score.py")
    records = extract_records(gold_files(gold))
    predictions.write_text("".join(line + "\n" for line in to_jsonl(records)), encoding="utf-8")
    args = [sys.executable, str(scorer), str(gold), str(predictions)]
    if errors:
        args.append("--errors")
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise ExpedienteError(f"the scorer failed: {done.stderr.strip()}")
    return done.stdout.rstrip("\n")


def to_jsonl(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    for record in records:
        yield json.dumps(record, ensure_ascii=False)
