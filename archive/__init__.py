"""The archive: the only code that touches SQLite (sqlite-utils, FTS5, Datasette)."""

from archive.datasette import datasette_metadata, make_datasette, serve
from archive.db import open_archive
from archive.read import failures, get_document, list_documents
from archive.search import search
from archive.store import known_sha256, record_failure, store_document

__all__ = [
    "datasette_metadata",
    "failures",
    "get_document",
    "known_sha256",
    "list_documents",
    "make_datasette",
    "open_archive",
    "record_failure",
    "search",
    "serve",
    "store_document",
]
