"""The archive's own pages at scale: time each page (front page, its two searches, a document,
a person, an institution) on a 100,000-document archive, beside Datasette's own row page.

Usage: .venv/bin/python bench/bench_pages.py [--docs 100000] [--base 5000] [--samples 40]
       [--keep FILE] [--json]

The archive is bench_search.py's (built the same way, or reused with --keep); each page is
fetched through an in-process Datasette (routing, plugin queries, template rendering: all but
the socket). The ratio is a page's p95 over Datasette's own row page for a `pages` row, the
cheapest page Datasette renders. Bar: every page under 300 ms at p95."""

from __future__ import annotations

import asyncio
import json
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import sqlite_utils
from bench_search import SEED, archive_arguments, bench_archive, signatory_queries, text_queries

from archive import make_datasette

BAR_MS = 300.0


def _sample(db: sqlite_utils.Database, sql: str, count: int, rng: random.Random) -> list[Any]:
    values = [row[0] for row in db.execute(sql).fetchall()]
    return rng.sample(values, min(count, len(values)))


def page_paths(path: Path, count: int, rng: random.Random) -> dict[str, list[str]]:
    """For each page, `count` URLs: random rows, and the busiest person and institution."""
    db = sqlite_utils.Database(path)
    name = path.stem
    documents = _sample(db, "select id from documents", count, rng)
    people = _sample(db, "select distinct person_id from signatories", count, rng)
    # Institutions by their signatories (bench_search.py's documents name no others).
    bodies = _sample(db, "select distinct institution_id from signatories", count, rng)
    busiest_person = db.execute(
        "select person_id from signatories group by person_id order by count(*) desc limit 1"
    ).fetchone()[0]
    busiest_body = db.execute(
        "select institution_id from signatories group by institution_id "
        "order by count(*) desc limit 1"
    ).fetchone()[0]
    paths = {
        "front page": ["/"] * count,
        "front page, text search": [f"/?q={q}" for q in text_queries(db, count, rng)],
        "front page, signatory": [f"/?firmante={q}" for q in signatory_queries(db, count, rng)],
        "document": [f"/{name}/documents/{d}" for d in documents],
        "person": [f"/{name}/people/{p}" for p in people],
        "person, busiest": [f"/{name}/people/{busiest_person}"] * count,
        "institution": [f"/{name}/institutions/{i}" for i in bodies],
        "institution, busiest": [f"/{name}/institutions/{busiest_body}"] * count,
        "datasette row page (raw)": [f"/{name}/pages/{d},1" for d in documents],
    }
    db.close()
    return paths


def measure(path: Path, count: int, rng: random.Random) -> dict[str, dict[str, float]]:
    """p50 and p95 in milliseconds of each page (after one warm-up fetch of each URL kind)."""
    datasette = make_datasette(path)
    paths = page_paths(path, count, rng)

    async def run() -> dict[str, dict[str, float]]:
        figures: dict[str, dict[str, float]] = {}
        for page, urls in paths.items():
            warm = await datasette.client.get(urls[0])
            if warm.status_code != 200:
                raise SystemExit(f"{page}: {urls[0]} answered {warm.status_code}")
            times = []
            for url in urls:
                started = time.perf_counter()
                response = await datasette.client.get(url)
                times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, url
            cuts = statistics.quantiles(times, n=100)
            figures[page] = {"p50": round(cuts[49], 1), "p95": round(cuts[94], 1)}
        return figures

    return asyncio.run(run())


def report(docs: int, figures: dict[str, dict[str, float]]) -> None:
    raw = figures["datasette row page (raw)"]["p95"]
    print(f"archive: {docs:,} documents; bar {BAR_MS:.0f} ms at p95")
    print(f"{'page':<28}{'p50 ms':>9}{'p95 ms':>9}{'/ raw':>8}")
    for page, times in figures.items():
        verdict = "" if page.endswith("(raw)") else (" ok" if times["p95"] <= BAR_MS else " MISSED")
        ratio = times["p95"] / raw if raw else 0.0
        print(f"{page:<28}{times['p50']:>9.1f}{times['p95']:>9.1f}{ratio:>8.1f}{verdict}")


def main() -> None:
    parser = archive_arguments(__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=40, help="fetches of each page")
    args = parser.parse_args()
    rng = random.Random(SEED)
    with bench_archive(args, rng) as (path, seconds):
        if seconds["total"]:
            print(f"  built in {seconds['total']:.0f} s", file=sys.stderr)
        figures = measure(path, args.samples, rng)
        if args.json:
            print(json.dumps({"docs": args.docs, **figures}))
        else:
            report(args.docs, figures)


if __name__ == "__main__":
    main()
