"""The archive: the only code that touches SQLite (sqlite-utils, FTS5, Datasette)."""

from archive.datasette import datasette_metadata, make_datasette, published_datasette, serve
from archive.db import open_archive
from archive.export import export_archive
from archive.files import set_document_files, store_derived, store_original
from archive.people import apply_decisions, merge_people, rename_person, split_person
from archive.publish import publish, published_folder
from archive.read import document_id, failures, get_document, list_documents, list_people
from archive.resolve import Resolver
from archive.search import search
from archive.store import batch, known_failures, known_sha256, record_failure, store_document

__all__ = [
    "Resolver",
    "apply_decisions",
    "batch",
    "document_id",
    "list_people",
    "merge_people",
    "rename_person",
    "split_person",
    "datasette_metadata",
    "export_archive",
    "failures",
    "get_document",
    "known_failures",
    "known_sha256",
    "list_documents",
    "make_datasette",
    "open_archive",
    "published_datasette",
    "record_failure",
    "publish",
    "published_folder",
    "search",
    "serve",
    "set_document_files",
    "store_derived",
    "store_document",
    "store_original",
]
