"""Readers: a file's bytes in, its text with pages out (placeholder: UTF-8 text only)."""

from __future__ import annotations

from pathlib import Path

from models import DocumentText, UnreadableDocument, UnsupportedFormat


def read_file(path: Path, settings: object = None) -> DocumentText:
    """Read `path` into text with pages. Raises UnreadableDocument or UnsupportedFormat."""
    if path.suffix.lower() not in (".txt", ".md"):
        raise UnsupportedFormat(f"{path.name}: format {path.suffix!r} is not read yet")
    try:
        return DocumentText.from_text(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise UnreadableDocument(f"{path.name}: not UTF-8 text") from exc
