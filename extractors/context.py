"""What the extractors share while working on one document: its text, one spaCy parse, and the
results of the extractors that ran before (the registry's order)."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from models import (
    Commitment,
    Dateline,
    DocumentText,
    Institution,
    KindGuess,
    Person,
    Provenance,
    Signatory,
    Title,
)


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

    @property
    def text(self) -> str:
        return self.document.text

    def prov(self, extractor: str, start: int, end: int, confidence: float = 1.0) -> Provenance:
        """Provenance for the span [start, end) of the document text."""
        return Provenance(extractor, self.document.page_at(start), start, end, confidence)
