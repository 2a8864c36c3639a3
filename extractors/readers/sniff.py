"""Which reader a file needs: its content first (magic bytes), its extension second."""

from __future__ import annotations

from typing import Literal

Format = Literal["pdf", "image", "text"]

MAGIC: tuple[tuple[bytes, Format], ...] = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image"),
    (b"\xff\xd8\xff", "image"),  # JPEG
    (b"II*\x00", "image"),  # TIFF, little-endian
    (b"MM\x00*", "image"),  # TIFF, big-endian
)
PDF_SEARCH_WINDOW = 1024  # the PDF header may follow some junk bytes; readers accept that
SUFFIXES: dict[str, Format] = {
    ".pdf": "pdf",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".tif": "image",
    ".tiff": "image",
    ".txt": "text",
    ".md": "text",
    ".html": "text",
    ".htm": "text",
}


def sniff(head: bytes, suffix: str) -> Format | None:
    """The format of a file from its first bytes, else from its extension; None when unknown."""
    for magic, fmt in MAGIC:
        if head.startswith(magic):
            return fmt
    if b"%PDF-" in head[:PDF_SEARCH_WINDOW]:
        return "pdf"
    return SUFFIXES.get(suffix.lower())
