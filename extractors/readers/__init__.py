"""Readers: a file's bytes in, its text with pages out. Dispatch on content (magic bytes) first,
extension second; one module per format (text, pdf, images; ocr shared by the last two)."""

from __future__ import annotations

from pathlib import Path

from extractors.readers.decode import NotText, decode_text
from extractors.readers.pdf import read_pdf
from extractors.readers.sniff import sniff
from extractors.readers.text import read_text
from models import DocumentText, Settings, UnreadableDocument, UnsupportedFormat

HEAD_BYTES = 4096


def read_file(path: Path, settings: Settings | None = None, *, ocr: bool = True) -> DocumentText:
    """Read `path` into text with pages and offsets. `ocr=False` skips OCR (pages without a text
    layer are then left as they are, with a warning). Raises UnreadableDocument (empty, damaged,
    binary, no recognisable text) or UnsupportedFormat, with a one-line reason naming the file."""
    settings = settings or Settings()
    path = Path(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
    except OSError as exc:
        raise UnreadableDocument(f"{path.name}: cannot open the file ({exc.strerror})") from exc
    if not head:
        raise UnreadableDocument(f"{path.name}: the file is empty (0 bytes)")
    fmt = sniff(head, path.suffix)
    if fmt == "pdf":
        return read_pdf(path, settings, use_ocr=ocr)
    if fmt == "image":
        if not ocr:
            raise UnreadableDocument(f"{path.name}: an image needs OCR, which is turned off")
        from extractors.readers.images import read_image  # the OCR stack loads only when needed

        return read_image(path, settings)
    if fmt == "text" or _is_utf8_text(path):
        return read_text(path, path.read_bytes())
    raise UnsupportedFormat(
        f"{path.name}: unsupported format {path.suffix or '(no extension)'!r}: "
        "expediente reads .txt, .md, .html, .pdf and scanned images"
    )


def _is_utf8_text(path: Path) -> bool:
    """A file with an unknown extension is still read when its content is plain UTF-8 text."""
    data = path.read_bytes()
    try:
        data.decode("utf-8")
        decode_text(data)
    except (UnicodeDecodeError, NotText):
        return False
    return True


def searchable_pdf(path: Path, document: DocumentText, out: Path) -> Path | None:
    """The archival copy of a scan at `out`: the OCRed pages of `document` (read from `path`)
    with an invisible text layer, its other pages as in the original; None when no page was
    OCRed. The original is never modified. See readers/searchable.py."""
    from extractors.readers.searchable import searchable_pdf as make  # loads Pillow and pdfium

    return make(path, document, out)


__all__ = ["read_file", "searchable_pdf"]
