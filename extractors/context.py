"""What the extractors share while working on one document: its text, one spaCy parse, and the
results of the extractors that ran before (the registry's order). In the extraction pipeline
these live on the Doc as extensions (`doc._.source`, `doc._.kind`, ...); a Context is the view
of them one component's extractor reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc

from extractors.commitment_clauses import future_positions
from extractors.token_forms import TokenForms
from models import (
    Commitment,
    Dateline,
    DocumentText,
    Extraction,
    Institution,
    KindGuess,
    Person,
    Provenance,
    Signatory,
    Title,
)

# The Doc extensions of the extraction pipeline: the source DocumentText (pages, word boxes,
# readers), one per result the registry fills, the versions that ran, and the failure if any.
RESULTS = ("kind", "title", "dateline", "institutions", "signatories", "people", "commitments")
EXTENSIONS = ("source", *RESULTS, "versions", "failure")


def register_extension(name: str) -> None:
    """`doc._.<name>`, None until a component sets it (registered once per process)."""
    if not Doc.has_extension(name):
        Doc.set_extension(name, default=None)


for _name in EXTENSIONS:
    register_extension(_name)


@dataclass
class Context:
    document: DocumentText
    doc: Doc
    kind: KindGuess | None = None
    title: Title | None = None
    dateline: Dateline | None = None
    institutions: tuple[Institution, ...] = ()
    signatories: tuple[Signatory, ...] = ()
    people: tuple[Person, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    versions: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, doc: Doc) -> Context:
        """The view of a pipeline Doc: its `doc._.source` and the results set so far (tuples
        again where a trip through a worker process made lists of them)."""
        ext = doc._
        return cls(
            document=ext.source,
            doc=doc,
            kind=ext.kind,
            title=ext.title,
            dateline=ext.dateline,
            institutions=tuple(ext.institutions or ()),
            signatories=tuple(ext.signatories or ()),
            people=tuple(ext.people or ()),
            commitments=tuple(ext.commitments or ()),
            versions=list(ext.versions or ()),
        )

    @property
    def text(self) -> str:
        return self.document.text

    @cached_property
    def tokens(self) -> TokenForms:
        """The forms of the Doc's tokens, read once for this Context (token_forms.py)."""
        return TokenForms.of(self.doc)

    @cached_property
    def futures(self) -> tuple[int, ...]:
        """The indices of the future verbs (commitment_clauses.is_future_at), found once per
        document: the commitment rules and the scorer's candidates both read them."""
        return future_positions(self.tokens)

    def prov(self, extractor: str, start: int, end: int, confidence: float = 1.0) -> Provenance:
        """Provenance for the span [start, end) of the document text."""
        return Provenance(extractor, self.document.page_at(start), start, end, confidence)

    def extraction(self) -> Extraction:
        """The results so far as an Extraction (defaults where an extractor did not run)."""
        return Extraction(
            kind=self.kind or KindGuess("other_official", "no kind extractor ran"),
            dateline=self.dateline or Dateline(None, None),
            title=self.title,
            signatories=self.signatories,
            people=self.people,
            institutions=self.institutions,
            commitments=self.commitments,
            versions=tuple(self.versions),
        )
