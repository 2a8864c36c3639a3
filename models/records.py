"""What extraction finds in a document: plain frozen records, each with its provenance."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["letter", "press_release", "other_official"]
KINDS: tuple[str, ...] = ("letter", "press_release", "other_official")


@dataclass(frozen=True)
class Provenance:
    """Where a value was found: 1-based page, character offsets into the document text
    (end exclusive), the versioned extractor that found it, and its confidence (0-1)."""

    extractor: str
    page: int
    start: int
    end: int
    confidence: float = 1.0


@dataclass(frozen=True)
class KindGuess:
    kind: Kind
    reason: str  # why, in words an archivist can check ("closing formula ATENTAMENTE ...")
    prov: Provenance | None = None


@dataclass(frozen=True)
class Title:
    text: str  # "ASUNTO: ..." of a letter, the headline of a press release
    prov: Provenance | None = None


@dataclass(frozen=True)
class DateMention:
    """A date written in the document. role: dateline, publication, cited, stamp, period, other."""

    value: dt.date
    text: str
    role: str
    prov: Provenance


@dataclass(frozen=True)
class Dateline:
    """The document's own date and place (None when it states none), and every date it mentions."""

    date: dt.date | None
    place: str | None
    text: str | None = None
    prov: Provenance | None = None
    mentions: tuple[DateMention, ...] = ()
    precision: str = "day"  # "month": the dateline gives month and year only ("marzo de 2024")

    @property
    def iso(self) -> str | None:
        """The date as ISO 8601 at its precision: "2024-03-05", or "2024-03" for a month."""
        if self.date is None:
            return None
        return self.date.isoformat()[:7] if self.precision == "month" else self.date.isoformat()


@dataclass(frozen=True)
class Person:
    """A named person with a stated role. `name` as printed without honorific;
    `title` as printed; `cargo` the title normalised to a gender-neutral vocabulary."""

    name: str
    title: str | None = None
    institution: str | None = None
    honorific: str | None = None
    role: str = "mentioned"  # mentioned, addressee, attendee, quoted
    cargo: str | None = None
    prov: Provenance | None = None


@dataclass(frozen=True)
class Signatory:
    """Who signs the document, from its signature block(s)."""

    name: str
    title: str | None = None
    institution: str | None = None
    honorific: str | None = None
    capacity: str | None = None  # "en suplencia de ...", "por ausencia de ..."
    cargo: str | None = None
    prov: Provenance | None = None


@dataclass(frozen=True)
class Institution:
    """A public institution or non-commercial organisation, named once per document.
    `name` is the normalised long form when known; `printed` is how the document wrote it."""

    name: str
    acronym: str | None = None
    printed: str | None = None
    catalog_id: str | None = None
    prov: Provenance | None = None


@dataclass(frozen=True)
class Commitment:
    """An actor pledges or agrees to do something; `text` is the shortest verbatim span."""

    actor: str | None
    text: str
    predicate: str | None = (
        None  # the cue that made it a commitment ("instalará", "se compromete a")
    )
    prov: Provenance | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one document, with the versions of the extractors used."""

    kind: KindGuess
    dateline: Dateline
    title: Title | None = None
    signatories: tuple[Signatory, ...] = ()
    people: tuple[Person, ...] = ()
    institutions: tuple[Institution, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    versions: tuple[str, ...] = field(default=())  # ("kind.v1", "dates.v1", ...)
    digest: str = ""  # of the extraction code and data that ran (extractors.DIGEST)

    def to_record(self, doc_id: str) -> dict[str, Any]:
        """The gold schema of ../shared/corpus/SCHEMA.md (what score.py reads)."""
        return {
            "id": doc_id,
            "kind": self.kind.kind,
            "date": self.dateline.iso,
            "place": self.dateline.place,
            "signatories": [
                {"name": s.name, "title": s.title, "institution": s.institution}
                for s in self.signatories
            ],
            "people": [
                {"name": p.name, "title": p.title, "institution": p.institution}
                for p in self.people
            ],
            "institutions": [{"name": i.name, "acronym": i.acronym} for i in self.institutions],
            "commitments": [{"actor": c.actor, "text": c.text} for c in self.commitments],
        }


@dataclass(frozen=True)
class ExtractionFailure:
    """Extraction failed on a document that was read: which extractor, and why (one line).
    The document is still archived with its text, so it can be extracted again later."""

    reason: str
    extractor: str | None = None  # the registry name ("people.v1"), None for the parse itself
    digest: str = ""  # of the extraction code and data that ran (extractors.DIGEST)

    def to_record(self, doc_id: str) -> dict[str, Any]:
        """The gold schema with empty fields and the `error`, as for a file that was not read."""
        return {
            "id": doc_id,
            "error": self.reason,
            "kind": None,
            "date": None,
            "place": None,
            "signatories": [],
            "people": [],
            "institutions": [],
            "commitments": [],
        }
