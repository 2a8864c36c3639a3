"""Search at scale: build an archive of 100,000 documents and time archive.search beside FTS5.

Usage: .venv/bin/python bench/bench_search.py [--docs 100000] [--base 5000] [--queries 200]
       [--keep FILE] [--json]

Building (see bench/README.md): `--base` documents go through the archive's real write path
(store_document: rows, resolver, FTS triggers), from ../shared/corpus/bulk texts with invented
signatories, dates and institutions; the rest are bulk inserts of the same rows, copied from a
base document with a new id, date, signatory (another name of the pool) and varied text.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlite_utils
from bench_search_data import BulkDoc, base_documents, name_pool, read_bulk

from archive import open_archive, search
from archive.search import fts_query

ROOT = Path(__file__).resolve().parents[1]
SEED = 20240403
BATCH = 5_000
COPIED_TABLES = ("pages", "signatories", "document_institutions")
TARGET_MS = {"text": 20.0, "signatory": 50.0}
RAW_TEXT = "select rowid from documents_fts where documents_fts match :q order by rank limit 50"
RAW_SIGNATORY = RAW_TEXT.replace(":q", "'signatory_names : ' || :q")


def store_base(db: sqlite_utils.Database, docs: list[BulkDoc]) -> None:
    """The real write path, one document (and transaction) at a time."""
    from archive import store_document

    for doc in docs:
        store_document(
            db, sha256=doc.sha256, path=doc.path, document=doc.document, extraction=doc.extraction
        )


def _copy_rows(db: sqlite_utils.Database, table: str, base_id: str) -> list[dict[str, Any]]:
    return [dict(r) for r in db.query(f"select * from [{table}] where document_id = ?", [base_id])]


def copy_documents(db: sqlite_utils.Database, total: int, rng: random.Random) -> None:
    """Bulk-insert documents until there are `total`: each a stored document's rows with a new
    id, file, date, text variation and signatory (a name already resolved by the real path)."""
    bases = [dict(r) for r in db.query("select * from documents")]
    signers = [dict(r) for r in db.query("select * from signatories")]
    copied = {b["id"]: {t: _copy_rows(db, t, b["id"]) for t in COPIED_TABLES} for b in bases}
    for first in range(len(bases), total, BATCH):
        rows: dict[str, list[dict[str, Any]]] = {t: [] for t in ("documents", *COPIED_TABLES)}
        for number in range(first, min(first + BATCH, total)):
            base = rng.choice(bases)
            doc = _varied(base, number, rng)
            names = []
            for table in COPIED_TABLES:
                for row in copied[base["id"]][table]:
                    row = {**row, "document_id": doc["id"]}
                    if table == "signatories":
                        row.update(_signer(rng.choice(signers)))
                        names.append(row["name"])
                    rows[table].append(row)
            doc["signatory_names"] = "; ".join(names) or None
            rows["documents"].append(doc)
        with db.atomic():
            for table, table_rows in rows.items():
                db.table(table).insert_all(table_rows, batch_size=1000)
        print(f"  {min(first + BATCH, total):>7,} documents", file=sys.stderr, flush=True)


def _signer(signer: dict[str, Any]) -> dict[str, Any]:
    keys = ("person_id", "name", "honorific", "title", "cargo", "institution", "institution_id")
    return {key: signer[key] for key in keys}


def _varied(base: dict[str, Any], number: int, rng: random.Random) -> dict[str, Any]:
    import hashlib
    from datetime import date, timedelta

    day = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
    paragraphs = base["text"].split("\n\n")
    cut = rng.randrange(len(paragraphs))
    text = "\n\n".join(paragraphs[cut:] + paragraphs[:cut] + [f"Folio {number:06d}/{day.year}"])
    return {
        **base,
        "id": hashlib.sha256(f"bench-{number}".encode()).hexdigest(),
        "file": f"bench-{number:06d}.txt",
        "path": f"/bench/bench-{number:06d}.txt",
        "date": day.isoformat(),
        "year": day.year,
        "text": text,
    }


def build(path: Path, total: int, base: int, bulk: Path, rng: random.Random) -> dict[str, float]:
    """Build the archive at `path`; returns the seconds each stage took."""
    started = time.perf_counter()
    db = open_archive(path)
    texts = read_bulk(bulk)
    docs = base_documents(texts, name_pool(rng), min(base, total), rng)
    store_base(db, docs)
    stored = time.perf_counter()
    print(f"  {len(docs):>7,} documents through store_document", file=sys.stderr, flush=True)
    copy_documents(db, total, rng)
    db.execute("analyze")
    db.close()
    done = time.perf_counter()
    return {"store_document": stored - started, "bulk": done - stored, "total": done - started}


def text_queries(db: sqlite_utils.Database, count: int, rng: random.Random) -> list[str]:
    """One or two words of the archive's titles, as a person would type them."""
    words = [
        w
        for row in db.query("select title from documents where title is not null limit 5000")
        for w in row["title"].split()
        if len(w) > 4 and w.isalpha()
    ]
    return [" ".join(rng.sample(words, rng.choice((1, 2)))).lower() for _ in range(count)]


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 6:
        return word
    at = rng.randrange(1, len(word) - 1)
    return word[:at] + word[at + 1 :]


def signatory_queries(db: sqlite_utils.Database, count: int, rng: random.Random) -> list[str]:
    """Names of signatories as people search them: full, a surname, lower case, a typo."""
    names = [r["name"] for r in db.query("select distinct name from signatories limit 5000")]
    shapes: list[Callable[[list[str]], str]] = [
        lambda w: " ".join(w),
        lambda w: w[-2] if len(w) > 2 else w[-1],
        lambda w: " ".join(w).lower(),
        lambda w: " ".join([w[0], _typo(w[-2] if len(w) > 2 else w[-1], rng)]),
    ]
    return [rng.choice(shapes)(rng.choice(names).split()) for _ in range(count)]


def timed(run: Callable[[str], object], queries: list[str]) -> dict[str, float]:
    """p50 and p95 in milliseconds of `run` over the queries (after one warm-up pass)."""
    for query in queries[:20]:
        run(query)
    times = []
    for query in queries:
        started = time.perf_counter()
        run(query)
        times.append((time.perf_counter() - started) * 1000)
    cuts = statistics.quantiles(times, n=100)
    return {"p50": round(cuts[49], 2), "p95": round(cuts[94], 2)}


def measure(path: Path, count: int, rng: random.Random) -> dict[str, dict[str, float]]:
    """Time text and signatory search through archive.search and as raw FTS5 queries."""
    db = open_archive(path)
    texts, names = text_queries(db, count, rng), signatory_queries(db, count, rng)

    def raw(sql: str) -> Callable[[str], object]:
        return lambda q: list(db.query(sql, {"q": fts_query(q) or '""'}))

    figures = {
        "text": timed(lambda q: search(db, q), texts),
        "text_raw_fts5": timed(raw(RAW_TEXT), texts),
        "signatory": timed(lambda q: search(db, signatory=q), names),
        "signatory_raw_fts5": timed(raw(RAW_SIGNATORY), names),
    }
    db.close()
    return figures


def report(docs: int, seconds: dict[str, float], figures: dict[str, dict[str, float]]) -> None:
    built = (
        f"built in {seconds['total']:.0f} s (store_document {seconds['store_document']:.0f} s, "
        f"bulk {seconds['bulk']:.0f} s)"
        if seconds["total"]
        else "reused (--keep)"
    )
    print(f"archive: {docs:,} documents, {built}")
    print(
        f"{'search':<12}{'p50 ms':>10}{'p95 ms':>10}{'raw p50':>10}{'raw p95':>10}"
        f"{'target p95':>12}"
    )
    for kind, target in TARGET_MS.items():
        ours, raw = figures[kind], figures[f"{kind}_raw_fts5"]
        verdict = "ok" if ours["p95"] <= target else "MISSED"
        print(
            f"{kind:<12}{ours['p50']:>10.2f}{ours['p95']:>10.2f}{raw['p50']:>10.2f}"
            f"{raw['p95']:>10.2f}{target:>9.0f} {verdict}"
        )


def archive_arguments(description: str) -> argparse.ArgumentParser:
    """The options of a benchmark on this module's archive: --docs, --base, --bulk, --keep,
    --json."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--base", type=int, default=5_000, help="documents via store_document")
    parser.add_argument("--bulk", type=Path, default=ROOT.parent / "shared/corpus/bulk")
    parser.add_argument("--keep", type=Path, help="build (or reuse) the archive at this path")
    parser.add_argument("--json", action="store_true")
    return parser


@contextmanager
def bench_archive(
    args: argparse.Namespace, rng: random.Random
) -> Iterator[tuple[Path, dict[str, float]]]:
    """The archive the options name (--keep, reused when it exists) or a temporary one, built
    when missing; yields its path and the seconds each build stage took (zeros when reused)."""
    folder = Path(tempfile.mkdtemp(prefix="bench-archive-"))
    path = args.keep or folder / "archive.db"
    try:
        seconds = {"store_document": 0.0, "bulk": 0.0, "total": 0.0}
        if not path.exists():
            seconds = build(path, args.docs, args.base, args.bulk, rng)
        yield path, seconds
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = archive_arguments(__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(SEED)
    with bench_archive(args, rng) as (path, seconds):
        figures = measure(path, args.queries, rng)
        if args.json:
            print(json.dumps({"docs": args.docs, "build_seconds": seconds, **figures}))
        else:
            report(args.docs, seconds, figures)


if __name__ == "__main__":
    main()
