"""The one hierarchy of errors expediente raises; third-party errors are wrapped at the boundary."""


class ExpedienteError(Exception):
    """Base of every error expediente raises on purpose."""


class UnreadableDocument(ExpedienteError):
    """A file could not be read: empty, truncated, binary, undecodable text, unreadable scan."""


class UnsupportedFormat(ExpedienteError):
    """A file whose format expediente does not read (by extension and content)."""


class ExtractionError(ExpedienteError):
    """Extraction failed on a text that was read."""


class ArchiveError(ExpedienteError):
    """The archive file cannot be opened, migrated or written."""
