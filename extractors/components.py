"""The registry's extractors as spaCy components. Each is a thin wrapper registered with
`Language.factory` under the extractor's versioned name ("expediente_kind_v1" runs "kind.v1";
spaCy allows no dots in factory names):
it reads the Doc's extensions as a Context, runs the extractor's `extract`, and writes its
result to `doc._.<field>`. An error inside an extractor becomes that document's
ExtractionFailure (`doc._.failure`), and the components after it leave that Doc alone."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from extractors import doc_bytes  # noqa: F401  (records must survive n_process > 1)
from extractors.context import Context, register_extension
from extractors.digest import DIGEST
from extractors.scorer import load as load_scorer
from models import (
    DocumentText,
    Extraction,
    ExtractionError,
    ExtractionFailure,
)

PREFIX = "expediente_"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Extractor:
    name: str  # versioned: "dates.v1"; stored with every value it finds
    field: str  # the Context attribute (and Doc extension) it fills
    run: Callable[..., Any]  # run(ctx), or run(ctx, scorer=...) when it has a scorer
    scorer: str | None = None  # its trained scorer's default weights (data/scorers/<name>.json)

    @property
    def component(self) -> str:
        """Its factory and pipe name: "expediente_dates_v1"."""
        return PREFIX + self.name.replace(".", "_")


class ExtractorComponent:
    """Runs one extractor on a Doc of the extraction pipeline."""

    def __init__(self, extractor: Extractor, scorer: str | None = None) -> None:
        self.extractor = extractor
        self.scorer = load_scorer(scorer) if scorer else None
        register_extension(extractor.field)

    def __call__(self, doc: Doc) -> Doc:
        if doc._.failure is not None:
            return doc
        name = self.extractor.name
        try:
            ctx = _context(doc)
            if self.scorer is None:
                value = self.extractor.run(ctx)
            else:
                value = self.extractor.run(ctx, scorer=self.scorer)
        except Exception as exc:  # any error inside an extractor is this document's failure
            doc._.failure = ExtractionFailure(_failure_reason(name, exc), name)
            # The archive keeps one line; whoever mends the extractor needs the traceback (at
            # INFO: an archivist's terminal shows the one line, not a traceback).
            log.info("%s", doc._.failure.reason, exc_info=True)
            return doc
        doc._.set(self.extractor.field, value)
        doc._.versions = (*(doc._.versions or ()), name)
        return doc


def _context(doc: Doc) -> Context:
    """The Doc's Context; a Doc made from a bare text gets that text as its source."""
    source = doc._.source
    if source is None:
        doc._.source = DocumentText.from_text(doc.text)
    elif _length(doc) != len(source.text):  # doc.text is rebuilt on every call: too dear here
        raise ExtractionError("the Doc's text is not its source document's text")
    return Context.of(doc)


def _length(doc: Doc) -> int:
    return doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0


def register(extractor: Extractor) -> str:
    """The factory for `extractor` (registered once per process); returns its name. A versioned
    name stands for one extractor: a second one under the same name would be a bug."""
    if not Language.has_factory(extractor.component):
        if extractor.scorer is None:
            Language.factory(
                extractor.component, func=lambda nlp, name: ExtractorComponent(extractor)
            )
        else:  # the weights come through the component's config: {"scorer": name or path}
            Language.factory(
                extractor.component,
                default_config={"scorer": extractor.scorer},
                func=lambda nlp, name, scorer: ExtractorComponent(extractor, scorer),
            )
    return extractor.component


def result_of(doc: Doc) -> Extraction | ExtractionFailure:
    """The Extraction a pipeline Doc holds, or the failure of the first component that raised."""
    if doc._.failure is not None:
        return replace(doc._.failure, digest=DIGEST)
    return replace(Context.of(doc).extraction(), digest=DIGEST)


def _failure_reason(name: str, exc: Exception) -> str:
    """One line: "people.v1 failed: KeyError: 'x'"."""
    lines = str(exc).strip().splitlines()
    kind = "" if isinstance(exc, ExtractionError) else f"{type(exc).__name__}: "
    return f"{name} failed: {kind}{lines[0] if lines else ''}"[:300].rstrip(": ")
