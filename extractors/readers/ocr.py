"""OCR with the `tesseract` command: page images in, text and mean word confidence out.

Each page is cleaned (grayscale, 3x3 median filter: 14.6% -> 0.24% character error on degraded
scans), then read by one single-threaded tesseract process; two pages run at a time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pypdfium2
from PIL import Image, ImageFilter, ImageOps

from extractors.readers.layout import page_text, words_from_tsv
from extractors.readers.orientation import detect_rotation
from extractors.readers.reading import Reading, best_reading
from extractors.readers.resolution import declared_dpi, enlarge, square_pixels
from models import Page, Settings, UnreadableDocument

TESSERACT = "tesseract"
READER = "tesseract"
OCR_WORKERS = 2  # the machine has 2 cores; one single-threaded tesseract per core
MEDIAN_SIZE = 3
# "One column of text of variable sizes": keeps right-aligned datelines and wrapped ASUNTO lines
# on their own lines in letters, where the default layout analysis splits them into blocks.
PAGE_SEGMENTATION = "4"
PAGE_TIMEOUT_S = 300  # a page that takes longer is not a page tesseract will ever read
# OpenMP threads make tesseract 2.5x slower per page here; parallelism comes from the pool.
TESSERACT_ENV = {"OMP_THREAD_LIMIT": "1"}
POINTS_PER_INCH = 72
RENDER_AHEAD = 2 * OCR_WORKERS  # pages rendered and held in memory at a time
MAX_PIXELS_PER_SIDE = 7000  # a poster page at 300 dpi would take gigabytes


def ocr_images(
    images: list[Image.Image], settings: Settings | None = None, source: str = "image"
) -> list[Page]:
    """OCR each image as one page, in order: Pages numbered 1..n with reader "tesseract", the
    mean word confidence (0-100, None when no word was found) and the rotation applied.
    `source` names the file in error messages. Raises UnreadableDocument when tesseract is
    missing or fails."""
    language = (settings or Settings()).ocr_language
    if not images:
        return []
    page_reader = _PageReader(tesseract_binary(), language, source)
    workers = min(OCR_WORKERS, len(images))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ocr") as pool:
        readings = list(pool.map(page_reader.read, images))
    return [
        Page(number, text, READER, confidence=confidence, rotation=rotation)
        for number, (text, confidence, rotation) in enumerate(readings, start=1)
    ]


def ocr_pdf_pages(
    path: Path, page_indexes: list[int], settings: Settings | None = None
) -> list[Page]:
    """OCR the given 0-based pages of a PDF, rendering a few at a time (a 300 dpi page is 8 MB
    in memory: a 200-page scan rendered at once would not fit). Pages keep their PDF numbers."""
    settings = settings or Settings()
    pages: list[Page] = []
    for first in range(0, len(page_indexes), RENDER_AHEAD):
        chunk = page_indexes[first : first + RENDER_AHEAD]
        images = render_pdf_pages(path, chunk, settings.ocr_dpi)
        read = ocr_images(images, settings, source=path.name)
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
    image = page.render(scale=scale, grayscale=True).to_pil()
    effective = round(scale * POINTS_PER_INCH)
    image.info["dpi"] = (effective, effective)
    page.close()
    return image


def tesseract_binary() -> str:
    """The path of the tesseract command; UnreadableDocument telling how to install it if absent."""
    found = shutil.which(TESSERACT)
    if found is None:
        raise UnreadableDocument(
            "cannot OCR scanned pages: the `tesseract` command is not installed "
            "(run `make install`, which installs tesseract-ocr and its Spanish data)"
        )
    return found


def prepare(image: Image.Image) -> tuple[Image.Image, int | None]:
    """The image as tesseract should see it: upright per EXIF, grayscale on white, coarse scans
    enlarged, despeckled; with its resolution in dpi when known."""
    dpi = declared_dpi(image)
    gray = square_pixels(grayscale(image), image.info.get("dpi"))
    gray, dpi = enlarge(gray, dpi)
    return gray.filter(ImageFilter.MedianFilter(MEDIAN_SIZE)), dpi


def grayscale(image: Image.Image) -> Image.Image:
    """The image upright per its EXIF orientation, in 8-bit gray, transparency on white."""
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, rgba)
    if image.mode.startswith("I;16") or image.mode == "I":
        image = image.point(lambda value: value / 256)  # 16-bit scans: scale, do not clip
    return image.convert("L")


class _PageReader:
    """Reads single pages with one tesseract binary and language (shared by the pool's threads;
    holds no state that changes)."""

    def __init__(self, binary: str, language: str, source: str) -> None:
        self.binary, self.language, self.source = binary, language, source

    def read(self, image: Image.Image) -> tuple[str, float | None, int]:
        """Clean one page and read it upright: (text, mean confidence, rotation in degrees)."""
        cleaned, dpi = prepare(image)
        with tempfile.TemporaryDirectory(prefix="expediente-ocr-") as tmp:
            folder = Path(tmp)
            return best_reading(
                cleaned,
                read=lambda img: self.tesseract(img, dpi, folder),
                detect=lambda img: self.orientation(img, folder),
            )

    def tesseract(self, image: Image.Image, dpi: int | None, folder: Path) -> Reading:
        """One tesseract call on a prepared image: its text and mean word confidence."""
        picture, base = _save(image, folder), folder / "page"
        command = [self.binary, str(picture), str(base), "-l", self.language]
        command += ["--psm", PAGE_SEGMENTATION]
        command += ["--dpi", str(dpi)] if dpi else []
        command += ["tsv"]  # word boxes: the text is rebuilt from them (see layout.py)
        try:
            subprocess.run(
                command,
                env={**os.environ, **TESSERACT_ENV},
                capture_output=True,
                check=True,
                timeout=PAGE_TIMEOUT_S,
            )
        except subprocess.CalledProcessError as exc:
            raise UnreadableDocument(self._failure(exc)) from exc
        except subprocess.TimeoutExpired as exc:
            raise UnreadableDocument(
                f"{self.source}: OCR gave up on a page after {PAGE_TIMEOUT_S} s"
            ) from exc
        table = base.with_suffix(".tsv").read_text(encoding="utf-8", errors="replace")
        return page_text(words_from_tsv(table)), mean_confidence(table)

    def _failure(self, exc: subprocess.CalledProcessError) -> str:
        """Why tesseract failed, in words that say what to do about it."""
        report = (exc.stderr or b"").decode("utf-8", errors="replace")
        if f"Failed loading language '{self.language}'" in report:
            return (
                f"{self.source}: cannot OCR: tesseract has no data for language "
                f"{self.language!r} (run `make install`, or set EXPEDIENTE_OCR_LANGUAGE)"
            )
        reason = _last_line(exc.stderr) or f"exit status {exc.returncode}"
        return f"{self.source}: OCR failed ({reason})"

    def orientation(self, image: Image.Image, folder: Path) -> int:
        """Degrees clockwise that make the prepared page upright (0 when unsure)."""
        return detect_rotation(str(_save(image, folder)), self.binary, TESSERACT_ENV)


def _save(image: Image.Image, folder: Path) -> Path:
    """The prepared page as an uncompressed PGM for tesseract (a PNG costs 0.2 s a page to
    compress; the resolution goes on tesseract's command line)."""
    picture = folder / "page.pgm"
    image.save(picture, "PPM")
    return picture


def mean_confidence(tsv: str) -> float | None:
    """Mean confidence (0-100) of the recognised words in tesseract's TSV output."""
    scores: list[float] = []
    for line in tsv.splitlines()[1:]:
        cells = line.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        try:
            score = float(cells[10])
        except ValueError:
            continue
        if score >= 0:
            scores.append(score)
    return round(sum(scores) / len(scores), 2) if scores else None


def _last_line(stderr: bytes | None) -> str:
    lines = (stderr or b"").decode("utf-8", errors="replace").strip().splitlines()
    return lines[-1].strip() if lines else ""
