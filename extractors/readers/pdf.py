"""PDF reader: the text layer page by page with pdfplumber; pages whose layer is missing or
useless are rendered with pypdfium2 and OCRed."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, replace
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdftypes import PDFStream, resolve1
from pdfplumber.page import Page as PdfPage

from extractors.readers.budget import UNREAD, Budget
from extractors.readers.layer import (
    drop_scanner_marks,
    has_enough_letters,
    layer_problem,
    word_quality,
)
from extractors.readers.order import (
    Box,
    blocks_text,
    boxes_from_words,
    group_lines,
    is_horizontal,
    is_scrambled,
    reading_order,
    word_tolerance,
)
from extractors.readers.text import normalise_spaces
from models import DocumentText, Page, Settings, UnreadableDocument, WordBox

READER = "pdfplumber"
# A page's drawing instructions take kilobytes, a dense map a few megabytes; more is a bomb.
MAX_CONTENT_BYTES = 64 << 20
# Pillow's own limit for one image (MAX_IMAGE_PIXELS, 89 million); an image inside a PDF page
# declared larger is not rendered for OCR: decoding it would take gigabytes.
MAX_IMAGE_PIXELS = 89_478_485


@dataclass(frozen=True)
class Layer:
    """What pdfplumber found on one page: its text, and how much of it one image covers."""

    text: str
    image_cover: float
    image_pixels: int = 0  # pixels of the page's largest image, as its stream declares them
    words: tuple[WordBox, ...] = ()  # word boxes of the text layer (signature tables' columns)

    @property
    def problem(self) -> str | None:
        return layer_problem(self.text, self.image_cover)


def read_pdf(path: Path, settings: Settings, use_ocr: bool = True) -> DocumentText:
    """Read every page of a PDF; OCR the pages without a usable text layer (when `use_ocr`).
    Raises UnreadableDocument for corrupt, truncated or password-protected files."""
    layers = text_layers(path)
    pages = [
        Page(n, layer.text, READER, words=layer.words) for n, layer in enumerate(layers, start=1)
    ]
    needs_ocr = [i for i, layer in enumerate(layers) if layer.problem is not None]
    warnings = [
        f"page {i + 1}: an image of {layers[i].image_pixels:,} pixels is too large to OCR"
        for i in needs_ocr
        if layers[i].image_pixels > MAX_IMAGE_PIXELS
    ]
    needs_ocr = [i for i in needs_ocr if layers[i].image_pixels <= MAX_IMAGE_PIXELS]
    partial: str | None = None
    if needs_ocr and use_ocr:
        budget = Budget(settings.ocr_seconds_per_document)
        pages = ocr_pages(path, pages, needs_ocr, settings, budget)
        partial = budget.partial_reason(len(needs_ocr))
    elif needs_ocr:
        numbers = ", ".join(str(i + 1) for i in needs_ocr)
        warnings.append(f"page(s) {numbers} have no usable text layer and were not OCRed")
    pages = [replace(page, text=drop_scanner_marks(page.text)) for page in pages]
    if not any(p.text.strip() for p in pages):
        why = "no text layer and OCR is turned off" if needs_ocr and not use_ocr else "no text"
        why = warnings[0] if warnings and not needs_ocr else why
        raise UnreadableDocument(f"{path.name}: no recognisable text on any page ({why})")
    return DocumentText.from_pages(pages, warnings=tuple(warnings), partial_reason=partial)


def ocr_pages(
    path: Path, pages: list[Page], indexes: list[int], settings: Settings, budget: Budget
) -> list[Page]:
    """`pages` with those at `indexes` (0-based) OCRed while the budget lasts, each replaced by
    its OCR reading unless its text layer reads better."""
    from extractors.readers import ocr  # the OCR stack loads only when a page needs it

    pages = list(pages)
    readings = ocr.ocr_pdf_pages(path, indexes, settings, budget)
    for index, reading in zip(indexes, readings, strict=True):
        pages[index] = better_reading(pages[index], reading)
    return pages


def better_reading(layer: Page, ocr: Page) -> Page:
    """The OCR reading unless the page's own text layer has real text with cleaner words (or the
    page was left unread, or OCR found no text on it)."""
    if ocr.reader == UNREAD or not ocr.text.strip():  # OCR saw nothing: keep what the layer has
        return layer
    own = drop_scanner_marks(layer.text)
    if has_enough_letters(own) and word_quality(own) >= word_quality(ocr.text):
        return layer
    return ocr


def text_layers(path: Path) -> list[Layer]:
    """The text layer of each page (empty for image-only pages), opened with an empty password."""
    try:
        with pdfplumber.open(path, password="") as pdf:
            layers = [_layer(page, path) for page in pdf.pages]
    except UnreadableDocument:
        raise
    except RecursionError as exc:  # a page tree or object that refers to itself
        raise UnreadableDocument(f"{path.name}: damaged PDF (its objects refer in a loop)") from exc
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        if _password_needed(exc):
            raise UnreadableDocument(f"{path.name}: the PDF is protected by a password") from exc
        raise UnreadableDocument(f"{path.name}: damaged or truncated PDF ({_why(exc)})") from exc
    if not layers:
        raise UnreadableDocument(f"{path.name}: the PDF has no pages")
    return layers


def _layer(page: PdfPage, path: Path) -> Layer:
    if _content_bytes(page) > MAX_CONTENT_BYTES:
        raise UnreadableDocument(
            f"{path.name}: page {page.page_number}'s content inflates to more than "
            f"{MAX_CONTENT_BYTES >> 20} MB (a decompression bomb?)"
        )
    text, boxes = page_words(page)
    area = float(page.width * page.height) or 1.0
    covers = [_overlap(image, page) / area for image in page.images]
    pixels = [_pixels(image.get("srcsize")) for image in page.images]
    words = tuple(WordBox(b.text, b.x0, b.x1, b.top, b.bottom) for b in boxes)
    return Layer(normalise_spaces(text), max(covers, default=0.0), max(pixels, default=0), words)


def _content_bytes(page: PdfPage) -> int:
    """The size of the page's content streams once inflated, counted only up to one byte past
    MAX_CONTENT_BYTES (pdfminer would inflate a bomb whole before reading it)."""
    total = 0
    for ref in page.page_obj.contents:
        stream = resolve1(ref)
        if not isinstance(stream, PDFStream) or stream.rawdata is None:
            continue
        filters = [getattr(name, "name", name) for name, _ in stream.get_filters()]
        if not filters:
            total += len(stream.rawdata)
        elif filters[0] == "FlateDecode":  # other filters (and damaged streams): pdfminer's
            try:
                inflated = zlib.decompressobj().decompress(
                    stream.rawdata, MAX_CONTENT_BYTES + 1 - total
                )
            except zlib.error:
                continue
            total += len(inflated)
        if total > MAX_CONTENT_BYTES:
            break
    return total


def _pixels(size: object) -> int:
    """Width x height of an image as its stream declares them (0 when it does not)."""
    if not isinstance(size, tuple | list) or len(size) != 2:
        return 0
    try:
        return max(int(size[0]), 0) * max(int(size[1]), 0)
    except (TypeError, ValueError):
        return 0


def page_text(page: PdfPage) -> str:
    """The page's text layer in reading order: rotated glyphs (watermarks, margin notes) left
    out, words split by letter spacing mended, and side-by-side columns read one after the
    other when pdfplumber's line-by-line reading would run across them."""
    return page_words(page)[0]


def page_words(page: PdfPage) -> tuple[str, list[Box]]:
    """page_text and the level words it was read from, with their boxes."""
    chars = page.chars
    rotated = sum(1 for char in chars if not is_horizontal(char))
    options = word_tolerance(chars)
    flat = page.filter(_is_level) if rotated else page
    boxes = boxes_from_words(flat.extract_words(**options))
    lines = group_lines(boxes)
    if is_scrambled(lines, rotated):
        return blocks_text(reading_order(lines)), boxes
    return flat.extract_text(**options) or "", boxes


def _is_level(obj: dict) -> bool:
    """Keeps every object but the turned glyphs."""
    return obj.get("object_type") != "char" or is_horizontal(obj)


def _overlap(image: dict, page: PdfPage) -> float:
    """The area of an image inside the page box (images may hang over the edges)."""
    width = min(float(image["x1"]), float(page.width)) - max(float(image["x0"]), 0.0)
    height = min(float(image["bottom"]), float(page.height)) - max(float(image["top"]), 0.0)
    return max(width, 0.0) * max(height, 0.0)


def _password_needed(exc: Exception) -> bool:
    """pdfplumber wraps pdfminer's password error in its own exception."""
    causes = (exc, exc.__context__, *exc.args)
    return any(isinstance(cause, PDFPasswordIncorrect) for cause in causes)


def _why(exc: Exception) -> str:
    return (str(exc) or type(exc).__name__).splitlines()[0][:200]
