"""Words per second of expediente's whole extraction against the raw spaCy pipeline it is built on.

Both run in this process on the same texts (the "text" field of ../shared/corpus/bulk/*.jsonl,
taken round-robin from each file), one batch at a time: `nlp.pipe` alone, then
`extractors.extract_many` (the same cached pipeline plus every registered extractor), then each
registered extractor alone on the documents the raw pass parsed (the rules' own time).

Usage: python bench/bench_extract.py [--limit 200] [--batch-size 64] [--bulk DIR] [--json]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import spacy
from spacy.tokens import Doc

from extractors import REGISTRY, Context, extract_many, load_nlp
from extractors.catalogue_matcher import CATALOGUES, FOLD
from extractors.nlp import extraction_pipeline
from models import DocumentText, Settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("EXPEDIENTE_SHARED", ROOT.parent / "shared"))
WARM_UP_DOCUMENTS = 8  # parsed once before timing: the first call pays for lazy set-up


@dataclass(frozen=True)
class Result:
    documents: int
    words: int
    batch_size: int
    model: str
    raw_seconds: float
    ours_seconds: float
    rules_seconds: dict[str, float]  # extractor name -> seconds over all documents

    @property
    def raw_wps(self) -> float:
        return self.words / self.raw_seconds

    @property
    def ours_wps(self) -> float:
        return self.words / self.ours_seconds

    @property
    def ratio(self) -> float:
        """Our throughput over the raw pipeline's: 1.0 means the rules cost nothing."""
        return self.ours_wps / self.raw_wps

    @property
    def rules_share(self) -> float:
        """The fraction of expediente's time spent in the extractors' own code."""
        return sum(self.rules_seconds.values()) / self.ours_seconds


def load_texts(bulk: Path, limit: int) -> list[str]:
    """Up to `limit` non-empty texts, alternating between the bulk files (sorted by name)."""
    files = sorted(bulk.glob("*.jsonl"))
    if not files:
        raise SystemExit(f"no *.jsonl under {bulk}: the benchmark reads ../shared/corpus/bulk")
    streams = [read_jsonl_texts(path) for path in files]
    mixed = (t for group in itertools.zip_longest(*streams) for t in group if t)
    return list(itertools.islice(mixed, limit))


def read_jsonl_texts(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8-sig") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line).get("text") or ""


def time_raw(texts: list[str], model: str, batch_size: int) -> tuple[float, list[Doc]]:
    """Seconds for `nlp.pipe` over `texts`, and the parsed documents."""
    nlp = extraction_pipeline(model)  # the model's components only: ours are timed as rules
    start = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=batch_size, disable=[FOLD, CATALOGUES]))
    return time.perf_counter() - start, docs


def time_ours(texts: list[str], model: str, batch_size: int) -> float:
    """Seconds for expediente's whole extraction over `texts`."""
    documents = [DocumentText.from_text(text) for text in texts]
    start = time.perf_counter()
    for _ in extract_many(documents, model=model, batch_size=batch_size):
        pass
    return time.perf_counter() - start


def time_rules(texts: list[str], docs: list[Doc], spent: dict[str, float], model: str) -> None:
    """Add to `spent` the seconds our catalogue matchers and each registered extractor take on
    already parsed docs."""
    matchers = extraction_pipeline(model)
    for text, doc in zip(texts, docs, strict=True):
        for name in (FOLD, CATALOGUES):
            start = time.perf_counter()
            doc = matchers.get_pipe(name)(doc)
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - start
        ctx = Context(document=DocumentText.from_text(text), doc=doc)
        for extractor in REGISTRY:
            start = time.perf_counter()
            setattr(ctx, extractor.field, extractor.run(ctx))
            spent[extractor.name] = spent.get(extractor.name, 0.0) + time.perf_counter() - start


def run(texts: list[str], model: str, batch_size: int) -> Result:
    """Warm up, then time the raw pipeline, the whole extraction and the rules batch by batch:
    pairing them in time keeps the ratio fair on a machine whose load changes meanwhile."""
    load_nlp(model)
    list(extract_many([DocumentText.from_text(t) for t in texts[:WARM_UP_DOCUMENTS]], model))
    raw_seconds = ours_seconds = 0.0
    rules_seconds: dict[str, float] = {}
    for first in range(0, len(texts), batch_size):
        batch = texts[first : first + batch_size]
        seconds, docs = time_raw(batch, model, batch_size)
        raw_seconds += seconds
        ours_seconds += time_ours(batch, model, batch_size)
        time_rules(batch, docs, rules_seconds, model)
    words = sum(len(text.split()) for text in texts)
    return Result(len(texts), words, batch_size, model, raw_seconds, ours_seconds, rules_seconds)


def report(result: Result) -> str:
    """The figures as an archivist-readable table."""
    meta = load_nlp(result.model).meta
    lines = [
        f"expediente extraction benchmark: {result.documents} documents, {result.words:,} words, "
        f"batch size {result.batch_size}",
        f"model {result.model} {meta.get('version')} under spaCy {spacy.__version__}, "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs",
        "",
        f"  raw nlp.pipe          {result.raw_seconds:8.2f} s  {result.raw_wps:10,.0f} words/s",
        f"  expediente extract    {result.ours_seconds:8.2f} s  {result.ours_wps:10,.0f} words/s",
        f"  ratio (ours / raw)    {result.ratio:8.3f}",
        f"  rules' share          {100 * result.rules_share:7.1f} %  of expediente's time",
        "",
        "  time per extractor (on the documents the raw pass parsed):",
    ]
    for name, seconds in result.rules_seconds.items():
        per_doc = 1000 * seconds / result.documents
        lines.append(f"    {name:<18} {seconds:8.3f} s  {per_doc:7.2f} ms/doc")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=200, help="documents to use (default 200)")
    parser.add_argument("--batch-size", type=int, default=64, help="nlp.pipe batch size")
    parser.add_argument("--bulk", type=Path, default=SHARED / "corpus" / "bulk")
    parser.add_argument("--model", default=Settings().spacy_model)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    texts = load_texts(args.bulk, args.limit)
    result = run(texts, args.model, args.batch_size)
    if args.json:
        figures = asdict(result) | {
            "raw_wps": result.raw_wps,
            "ours_wps": result.ours_wps,
            "ratio": result.ratio,
            "rules_share": result.rules_share,
        }
        print(json.dumps(figures, indent=2))
    else:
        print(report(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
