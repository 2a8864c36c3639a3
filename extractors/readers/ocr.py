"""OCR of page images: each page is cleaned (grayscale, straightened, 3x3 median filter:
14.6% -> 0.24% character error on degraded scans), looked up in the OCR cache, and otherwise
read by one single-threaded tesseract process (tesseract.py), a second time as sparse text when
the page shows no dateline or no closing (second_look.py); two pages run at a time, while the
document's time budget lasts (a page's second reading counts against it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import replace
from pathlib import Path

import pypdfium2
from PIL import Image, ImageOps

from extractors.readers.budget import UNREAD, Budget
from extractors.readers.cache import OcrCache, page_key
from extractors.readers.deskew import deskew
from extractors.readers.despeckle import median3
from extractors.readers.ink import drop_stamp_ink, invert_highlights
from extractors.readers.reading import PageReading
from extractors.readers.resolution import declared_dpi, enlarge, square_pixels
from extractors.readers.second_look import expected_parts
from extractors.readers.strokes import erase_strokes
from extractors.readers.tesseract import PageReader, mean_confidence, tesseract_binary
from models import Page, Settings, UnreadableDocument

READER = "tesseract"
OCR_WORKERS = 2  # the machine has 2 cores; one single-threaded tesseract per core (default)
POINTS_PER_INCH = 72
RENDER_AHEAD = 2 * OCR_WORKERS  # pages rendered and held in memory at a time
MAX_PIXELS_PER_SIDE = 7000  # a poster page at 300 dpi would take gigabytes

__all__ = ["mean_confidence", "ocr_images", "ocr_pdf_pages", "render_pdf_pages", "prepare"]


def ocr_images(
    images: list[Image.Image],
    settings: Settings | None = None,
    source: str = "image",
    budget: Budget | None = None,
    expected: Sequence[frozenset[str]] | None = None,
) -> list[Page]:
    """OCR each image as one page, in order: Pages numbered 1..n with reader "tesseract", the
    mean word confidence (0-100, None when no word was found), the rotation applied and the
    page's searchable PDF. Cached pages are not OCRed again; pages the `budget` leaves no time
    for come back empty with reader "unread". `source` names the file in error messages.
    `expected` says per image what it should show (second_look.expected_parts; by default the
    images are a document's pages in order). Raises UnreadableDocument when tesseract is missing
    or fails."""
    settings = settings or Settings()
    if not images:
        return []
    if expected is None:
        expected = [expected_parts(i, len(images)) for i in range(len(images))]
    reader = PageReader(tesseract_binary(), settings.ocr_language, source)
    cache = OcrCache(settings.ocr_cache)
    keys = [
        page_key(image, {**reader.options, "expected": ",".join(sorted(parts))})
        for image, parts in zip(images, expected, strict=True)
    ]
    readings: list[PageReading | None] = [cache.get(key) for key in keys]
    todo = [index for index, reading in enumerate(readings) if reading is None]

    def read(index: int) -> PageReading:
        return reader.read(*prepare(images[index]), expected[index])

    for index, reading in _read_in_pool(read, todo, budget, settings.ocr_workers).items():
        cache.put(keys[index], reading)
        readings[index] = reading
    return [_page(number, reading) for number, reading in enumerate(readings, start=1)]


def _read_in_pool(
    read: Callable[[int], PageReading],
    todo: list[int],
    budget: Budget | None,
    workers: int = OCR_WORKERS,
) -> dict[int, PageReading]:
    """Read the pages at `todo` (the indexes `read` takes) on `workers` threads, starting each
    page only while the budget allows it (a page already running is finished)."""
    done: dict[int, PageReading] = {}
    waiting = iter(todo)
    workers = max(1, workers)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ocr") as pool:
        running: dict[Future[PageReading], int] = {}

        def start_next() -> None:
            for index in waiting:
                if budget is None or budget.allows_another_page():
                    running[pool.submit(read, index)] = index
                    return

        for _ in range(workers):
            start_next()
        while running:
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                done[running.pop(future)] = future.result()
                start_next()
    return done


def _page(number: int, reading: PageReading | None) -> Page:
    if reading is None:
        return Page(number, "", UNREAD)
    return Page(
        number,
        reading.text,
        READER,
        confidence=reading.confidence,
        rotation=reading.rotation,
        layer_pdf=reading.pdf,
        words=reading.words,
    )


def ocr_pdf_pages(
    path: Path,
    page_indexes: list[int],
    settings: Settings | None = None,
    budget: Budget | None = None,
) -> list[Page]:
    """OCR the given 0-based pages of a PDF, rendering a few at a time (a 300 dpi page is 8 MB
    in memory: a 200-page scan rendered at once would not fit). Pages keep their PDF numbers;
    once the budget is spent the rest are neither rendered nor read (reader "unread")."""
    settings = settings or Settings()
    pages: list[Page] = []
    for first in range(0, len(page_indexes), RENDER_AHEAD):
        chunk = page_indexes[first : first + RENDER_AHEAD]
        if budget is not None and budget.exhausted:
            budget.skip(len(chunk))
            read = [Page(n, "", UNREAD) for n in range(1, len(chunk) + 1)]
        else:
            images = render_pdf_pages(path, chunk, settings.ocr_dpi)
            count = len(page_indexes)
            expected = [expected_parts(first + i, count) for i in range(len(chunk))]
            read = ocr_images(images, settings, path.name, budget, expected)
        pages.extend(
            replace(page, number=index + 1) for index, page in zip(chunk, read, strict=True)
        )
    return pages


def render_pdf_pages(path: Path, page_indexes: list[int], dpi: int) -> list[Image.Image]:
    """The given 0-based pages of a PDF as images at `dpi` (less for huge pages), each carrying
    its resolution in `info["dpi"]`. Raises UnreadableDocument when the PDF cannot be rendered."""
    try:
        pdf = pypdfium2.PdfDocument(path, password="")
    except pypdfium2.PdfiumError as exc:
        raise UnreadableDocument(f"{path.name}: the PDF cannot be rendered ({exc})") from exc
    try:
        return [_render(pdf[index], dpi) for index in page_indexes]
    except (pypdfium2.PdfiumError, IndexError) as exc:
        raise UnreadableDocument(f"{path.name}: a page cannot be rendered ({exc})") from exc
    finally:
        pdf.close()


def _render(page: pypdfium2.PdfPage, dpi: int) -> Image.Image:
    width, height = page.get_size()
    scale = min(dpi / POINTS_PER_INCH, MAX_PIXELS_PER_SIDE / max(width, height, 1))
    # In colour: stamp and signature ink is told from print by its colour (ink.py).
    image = page.render(scale=scale).to_pil()
    effective = round(scale * POINTS_PER_INCH)
    image.info["dpi"] = (effective, effective)
    page.close()
    return image


def prepare(image: Image.Image) -> tuple[Image.Image, int | None]:
    """The image as tesseract should see it: upright per EXIF, grayscale on white with stamp
    and signature ink made pale and highlighted text turned dark on light, coarse scans
    enlarged, straightened, despeckled, signatures erased outside the printed lines
    (strokes.py); with its resolution in dpi when known."""
    dpi = declared_dpi(image)
    gray = square_pixels(invert_highlights(grayscale(image)), image.info.get("dpi"))
    gray, dpi = enlarge(gray, dpi)
    return erase_strokes(median3(deskew(gray))), dpi


def grayscale(image: Image.Image) -> Image.Image:
    """The image upright per its EXIF orientation, in 8-bit gray, transparency on white."""
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, rgba)
    if image.mode.startswith("I;16") or image.mode == "I":
        image = image.point(lambda value: value / 256)  # 16-bit scans: scale, do not clip
    if image.mode in ("RGB", "RGBA", "P", "CMYK", "YCbCr"):
        return drop_stamp_ink(image)
    return image.convert("L")
