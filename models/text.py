"""The text of a document as read, page by page, with the reader that produced each page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

PAGE_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class WordBox:
    """One word of a page where it is printed (PDF points from the top-left; pixels for a scan
    of unknown resolution): what layout-aware extractors read signature tables from."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    confidence: float | None = None  # OCR word confidence, 0-100 (None for a text layer)


@dataclass(frozen=True)
class Page:
    """One page of text. `start` is the page's offset in the document's full text."""

    number: int  # 1-based
    text: str
    reader: str  # "text", "pdfplumber", "tesseract"
    start: int = 0
    confidence: float | None = None  # OCR mean word confidence, 0-100
    rotation: int = 0  # degrees applied before OCR
    # The page as tesseract read it, with its invisible text layer (one-page PDF): the
    # searchable archival copy is assembled from these without OCRing again.
    layer_pdf: bytes | None = field(default=None, repr=False, compare=False)
    # The page's words with their positions, when the reader knows them (text layer or OCR).
    words: tuple[WordBox, ...] = field(default=(), repr=False, compare=False)

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class DocumentText:
    """The full text of a document and its pages; character offsets refer to `text`."""

    pages: tuple[Page, ...]
    text: str = ""
    warnings: tuple[str, ...] = field(default=())
    partial_reason: str | None = None  # why some pages were not read (OCR time budget)

    @classmethod
    def from_pages(
        cls,
        texts: Sequence[tuple[str, str] | Page],
        warnings: tuple[str, ...] = (),
        partial_reason: str | None = None,
    ) -> DocumentText:
        """Build from `(text, reader)` pairs or Pages (keeping all their fields but number and
        start); pages are joined by a blank line."""
        pages: list[Page] = []
        offset = 0
        for number, item in enumerate(texts, start=1):
            if isinstance(item, Page):
                page = replace(item, number=number, start=offset)
            else:
                page = Page(number, item[0], item[1], offset)
            pages.append(page)
            offset = page.end + len(PAGE_SEPARATOR)
        text = PAGE_SEPARATOR.join(p.text for p in pages)
        return cls(pages=tuple(pages), text=text, warnings=warnings, partial_reason=partial_reason)

    @classmethod
    def from_text(cls, text: str, reader: str = "text") -> DocumentText:
        return cls.from_pages([(text, reader)])

    def page_at(self, offset: int) -> int:
        """The 1-based page number holding character `offset` (the last page past the end)."""
        for page in self.pages:
            if offset < page.end + len(PAGE_SEPARATOR):
                return page.number
        return self.pages[-1].number if self.pages else 1

    @property
    def readers(self) -> tuple[str, ...]:
        """The distinct readers used, in page order."""
        return tuple(dict.fromkeys(p.reader for p in self.pages))
