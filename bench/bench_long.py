"""Whether the rules stay linear on one long document (a gazette, a 500-page acta).

Builds a text from the project's samples/ (letters and press releases, repeated with a number
so the repeats are not identical) at two lengths, 110,000 and 1,100,000 characters, parses each
once with `extractors.parse.parse_all` (in pieces, as ingest does) and times every registered
extractor on it. Prints, per extractor and in total, the **ratio** time(long) / time(short):
10 is linear; 100 would be quadratic.

Usage: python bench/bench_long.py [--short 110000] [--factor 10]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from extractors import REGISTRY, Context
from extractors.nlp import extraction_pipeline, our_components
from extractors.parse import parse_all
from models import DocumentText

ROOT = Path(__file__).resolve().parent.parent


def long_text(chars: int) -> str:
    """Sample documents one after another, each headed by its number, up to `chars`."""
    samples = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    parts: list[str] = []
    size = 0
    while size < chars:
        part = f"Documento {len(parts) + 1}\n\n{samples[len(parts) % len(samples)]}\n\f"
        parts.append(part)
        size += len(part)
    return "".join(parts)[:chars]


def time_rules(chars: int) -> dict[str, float]:
    text = long_text(chars)
    document = DocumentText.from_pages([(page, "text") for page in text.split("\f")])
    nlp = extraction_pipeline()  # the model and our catalogue matchers, not the extractors
    (doc,) = parse_all(nlp, [document.text], after=our_components(nlp))
    ctx = Context(document=document, doc=doc)
    seconds: dict[str, float] = {}
    for extractor in REGISTRY:
        began = time.perf_counter()
        setattr(ctx, extractor.field, extractor.run(ctx))
        seconds[extractor.name] = time.perf_counter() - began
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", type=int, default=110_000)
    parser.add_argument("--factor", type=int, default=10)
    args = parser.parse_args()
    short, long = time_rules(args.short), time_rules(args.short * args.factor)
    print(f"{'extractor':18} {args.short:>10,} ch {args.short * args.factor:>11,} ch  ratio")
    rows = [(name, short[name], long[name]) for name in short]
    rows.append(("all rules", sum(short.values()), sum(long.values())))
    for name, before, after in rows:
        print(f"{name:18} {before:11.2f} s {after:12.2f} s  {after / max(before, 1e-3):5.1f}")
    print(f"(linear: {args.factor}; quadratic: {args.factor**2})")


if __name__ == "__main__":
    main()
