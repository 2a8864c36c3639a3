"""Plain typed records passed between expediente's packages. Imports nothing from the project."""

from models.config import SUPPORTED_SUFFIXES, Settings
from models.errors import (
    ArchiveError,
    ExpedienteError,
    ExtractionError,
    UnreadableDocument,
    UnsupportedFormat,
)
from models.ingest import FileOutcome, IngestReport, Status
from models.paths import path_text, printable
from models.records import (
    KINDS,
    Commitment,
    Dateline,
    DateMention,
    Extraction,
    ExtractionFailure,
    Institution,
    Kind,
    KindGuess,
    Person,
    Provenance,
    Signatory,
    Title,
)
from models.text import PAGE_SEPARATOR, DocumentText, Page, WordBox

__all__ = [
    "KINDS",
    "PAGE_SEPARATOR",
    "SUPPORTED_SUFFIXES",
    "ArchiveError",
    "Commitment",
    "DateMention",
    "Dateline",
    "DocumentText",
    "ExpedienteError",
    "Extraction",
    "ExtractionError",
    "ExtractionFailure",
    "FileOutcome",
    "IngestReport",
    "Institution",
    "Kind",
    "KindGuess",
    "Page",
    "WordBox",
    "Person",
    "Provenance",
    "Settings",
    "Signatory",
    "Status",
    "Title",
    "UnreadableDocument",
    "UnsupportedFormat",
    "path_text",
    "printable",
]
