"""The archival copy of a scan: a searchable PDF made of the page images tesseract read, each with
its invisible text layer (made by the same tesseract run that read the page, so nothing is OCRed
twice), and the original's own pages where they were not OCRed. The original is never touched."""

from __future__ import annotations

import io
import os
import tempfile
from contextlib import ExitStack
from pathlib import Path

import pypdfium2
from PIL import Image

from extractors.readers.images import load_frames
from extractors.readers.sniff import sniff
from models import DocumentText, UnreadableDocument

PDF_HEAD = 1024


def searchable_pdf(path: Path, document: DocumentText, out: Path) -> Path | None:
    """Write to `out` a PDF with one page per page of `document` (read from `path`): the OCRed
    pages with their text layer, the others as in the original (a PDF's own page; an image
    frame as it is). Returns `out`, or None when no page was OCRed (nothing to make searchable).
    Raises UnreadableDocument when `out` is the original or a page cannot be assembled."""
    path, out = Path(path), Path(out)
    if not any(page.layer_pdf for page in document.pages):
        return None
    if out.resolve() == path.resolve():
        raise UnreadableDocument(f"{path.name}: the searchable copy must not replace the original")
    with ExitStack() as open_files:
        copy = pypdfium2.PdfDocument.new()
        open_files.callback(copy.close)
        originals = _Originals(path, open_files)
        try:
            for page in document.pages:
                if page.layer_pdf:
                    source = _opened(pypdfium2.PdfDocument(page.layer_pdf), open_files)
                    copy.import_pages(source, [0])
                else:
                    copy.import_pages(originals.page(page.number - 1), [0])
            _save_atomic(copy, out)
        except (pypdfium2.PdfiumError, OSError, IndexError) as exc:
            raise UnreadableDocument(
                f"{path.name}: cannot make the searchable PDF ({exc})"
            ) from exc
    return out


class _Originals:
    """One-page PdfDocuments of the original's pages: a PDF's own page, an image's frame as PDF.
    The original is opened once, read only, and every document is closed with `open_files`."""

    def __init__(self, path: Path, open_files: ExitStack) -> None:
        self.path, self.open_files = path, open_files
        with path.open("rb") as fh:
            self.is_pdf = sniff(fh.read(PDF_HEAD), path.suffix) == "pdf"
        self._pdf: pypdfium2.PdfDocument | None = None
        self._frames: list[Image.Image] | None = None

    def page(self, index: int) -> pypdfium2.PdfDocument:
        """The 0-based page `index` as a one-page document."""
        if not self.is_pdf:
            if self._frames is None:
                self._frames = load_frames(self.path)
            return _opened(pypdfium2.PdfDocument(_frame_pdf(self._frames[index])), self.open_files)
        if self._pdf is None:
            self._pdf = _opened(pypdfium2.PdfDocument(self.path, password=""), self.open_files)
        single = _opened(pypdfium2.PdfDocument.new(), self.open_files)
        single.import_pages(self._pdf, [index])
        return single


def _frame_pdf(frame: Image.Image) -> bytes:
    """One image frame as a one-page PDF at its declared resolution (Pillow's writer)."""
    dpi = frame.info.get("dpi", (300, 300))
    buffer = io.BytesIO()
    frame.convert("RGB" if frame.mode not in ("L", "1") else frame.mode).save(
        buffer, "PDF", resolution=float(dpi[0]) or 300.0
    )
    return buffer.getvalue()


def _opened(document: pypdfium2.PdfDocument, open_files: ExitStack) -> pypdfium2.PdfDocument:
    """`document`, closed when the copy is finished (imported pages refer to it until saved)."""
    open_files.callback(document.close)
    return document


def _save_atomic(document: pypdfium2.PdfDocument, out: Path) -> None:
    """Save so that `out` is either the previous file or the complete new one."""
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=".tmp-", suffix=".pdf")
    os.close(handle)
    try:
        document.save(temporary)
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
