"""Every CLI command as a plain function that tests call; the CLI only parses and prints."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models import ArchiveError, ExpedienteError, ExtractionFailure, IngestReport, Settings

if TYPE_CHECKING:
    from flows.runner import Progress


@dataclass(frozen=True)
class IngestRun:
    """What `ingest` did, and how it ran: "in-process" or "dask", or "prefect" or
    "prefect+dask" with the flow run's id; `where` says where its batches ran."""

    report: IngestReport
    mode: str
    interrupted: int = 0  # earlier runs found killed half way, now marked interrupted
    flow_run_id: str | None = None
    where: str = ""


def prefect_configured(env: dict[str, str] | None = None) -> bool:
    """Whether a Prefect API (a running server or Prefect Cloud) is configured: PREFECT_API_URL
    in the environment or in the active Prefect profile. Read without importing Prefect, which
    costs seconds the in-process path does not need."""
    env = dict(os.environ) if env is None else env
    if "PREFECT_API_URL" in env:
        return bool(env["PREFECT_API_URL"].strip())
    home = Path(env.get("PREFECT_HOME") or Path.home() / ".prefect").expanduser()
    profiles = Path(env.get("PREFECT_PROFILES_PATH") or home / "profiles.toml").expanduser()
    try:
        config = tomllib.loads(profiles.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return False
    active = env.get("PREFECT_PROFILE") or config.get("active") or "ephemeral"
    profile = config.get("profiles", {}).get(active, {})
    return bool(str(profile.get("PREFECT_API_URL", "")).strip())


def ingest(
    paths: Iterable[Path],
    archive: Path,
    *,
    prefect: bool | None = None,
    workers: int | None = None,
    dask: str | None = None,
    progress: Progress | None = None,
) -> IngestRun:
    """Archive files and folders into `archive`. Runs the ingest steps in this process, or as
    a Prefect flow run when `prefect` is True (default: when a Prefect API is configured).
    Batches are read and extracted on `workers` local processes (default: one per core), or on
    the Dask cluster whose scheduler is at `dask` (default: $EXPEDIENTE_DASK, if set).
    `progress` is told how an in-process run goes (a Prefect run reports in Prefect's logs)."""
    paths = list(paths)
    dask = dask or os.environ.get("EXPEDIENTE_DASK", "").strip() or None
    missing = [str(p) for p in paths if not os.path.lexists(p)]
    if missing:
        raise FileNotFoundError(f"no such file or folder: {', '.join(missing)}")
    from archive.db import check_writable

    check_writable(archive)  # one clear line now, not retries and tracebacks later
    names = [str(p) for p in paths]
    # Archives often live offline: Prefect's telemetry would only log DNS errors (opt back in).
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # Parallelism comes from worker processes (which inherit this and load numpy after it):
    # BLAS threads in each would only fight over the same cores.
    for threads in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        os.environ.setdefault(threads, "1")
    if prefect is None:
        prefect = prefect_configured()
    from flows import parallel

    workers = workers or parallel.local_cores()
    if not prefect:
        return _ingest_in_process(names, archive, workers, dask, progress)
    where = _on_workers(workers)
    if dask:  # a wrong address: one clear line before a flow run starts
        client = parallel.connect(dask)
        count = len(client.scheduler_info()["workers"])
        client.close()
        where = f"its batches on the Dask cluster at {dask} ({count} workers)"
    # A temporary server migrates a new database first, which takes longer than Prefect's
    # 20 s default on a fresh machine with 2 cores.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    from flows.ingest import ingest_flow

    state = ingest_flow(workers, dask)(
        paths=names, archive=str(archive), workers=workers, dask=dask, return_state=True
    )
    report: IngestReport = state.result()  # raises what stopped the flow run
    return IngestRun(
        report,
        "prefect+dask" if dask else "prefect",
        flow_run_id=str(state.state_details.flow_run_id),
        where=where,
    )


def _on_workers(workers: int) -> str:
    return f"on {workers} worker processes" if workers > 1 else ""


def _ingest_in_process(
    names: list[str], archive: Path, workers: int, dask: str | None, progress: Progress | None
) -> IngestRun:
    from flows import parallel
    from flows.runner import RunInfo, run_ingest

    engine: parallel.DaskWorkers | parallel.LocalWorkers | None = None
    if dask:
        engine = parallel.DaskWorkers(dask)  # raises one clear error before anything is written
    elif workers > 1:
        engine = parallel.LocalWorkers(workers)
    mode = "dask" if dask else "in-process"
    try:
        report, interrupted = run_ingest(
            names, archive, info=RunInfo(mode), engine=engine, progress=progress
        )
    finally:
        if engine is not None:
            engine.close()
    where = engine.describe() if engine is not None else ""
    return IngestRun(report, mode, len(interrupted), where=where)


def existing_archive(archive: Path) -> Path:
    if not archive.is_file():
        raise ArchiveError(f"no archive at {archive}: run `expediente ingest PATH` first")
    return archive


def search(archive: Path, text: str | None = None, **filters: Any) -> list[dict[str, Any]]:
    """Search an existing archive; see archive.search for the filters."""
    from archive import open_archive
    from archive import search as search_archive

    db = open_archive(existing_archive(archive))
    try:
        return search_archive(db, text, **filters)
    finally:
        db.close()


def serve(archive: Path, port: int = 8001, host: str = "127.0.0.1") -> None:
    """Serve the archive read-only with Datasette until interrupted."""
    from archive import serve as serve_archive

    serve_archive(existing_archive(archive), port=port, host=host)


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
    """One record per file in the gold schema (../shared/corpus/SCHEMA.md), `id` = file stem,
    read and extracted by exactly the ingest's steps (flows.pipeline.read_and_extract).
    A file that cannot be read yields a record with an `error` and empty fields."""
    from flows import pipeline

    settings = settings or Settings.from_env()
    candidates = [pipeline.Candidate(path, pipeline.sha256_of(path)) for path in files]
    for batch in pipeline.batches(candidates, settings.batch_size):
        for item in pipeline.read_and_extract(batch, settings):
            stem = item.candidate.path.stem
            # A file that could not be read gives the same empty record as a failed extraction.
            result = item.extraction or ExtractionFailure(item.error or "not read")
            yield result.to_record(stem)


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
