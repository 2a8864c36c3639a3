"""One page through the `tesseract` command: its text (rebuilt from word boxes), mean word
confidence and a one-page PDF with an invisible text layer, all from the same run."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image

from extractors.readers.layout import Word, page_text, words_from_tsv
from extractors.readers.orientation import detect_rotation, turn
from extractors.readers.reading import PageReading, best_reading
from extractors.readers.second_look import (
    ALL_PARTS,
    SECOND_SEGMENTATION,
    merged_words,
    missing_parts,
)
from models import UnreadableDocument, WordBox

TESSERACT = "tesseract"
# "One column of text of variable sizes": keeps right-aligned datelines and wrapped ASUNTO lines
# on their own lines in letters, where the default layout analysis splits them into blocks.
PAGE_SEGMENTATION = "4"
PAGE_TIMEOUT_S = 300  # a page that takes longer is not a page tesseract will ever read
# OpenMP threads make tesseract 2.5x slower per page here; parallelism comes from the pool.
TESSERACT_ENV = {"OMP_THREAD_LIMIT": "1"}
# Bump when the clean-up or the choice of reading changes what a page reads as (cache key).
READER_VERSION = "8"  # 8: signatures erased outside printed lines (strokes.py); 7 was an experiment
POINTS_PER_INCH = 72
OUTPUTS = ("tsv", "pdf")  # word boxes for the text (see layout.py), the page for the archive


class PageReader:
    """Reads single pages with one tesseract binary and language (shared by the pool's threads;
    holds no state that changes)."""

    def __init__(self, binary: str, language: str, source: str) -> None:
        self.binary, self.language, self.source = binary, language, source

    @property
    def options(self) -> dict[str, object]:
        """Everything besides the image that changes a reading (for the cache key)."""
        return {
            "tesseract": tesseract_version(self.binary),
            "language": self.language,
            "psm": PAGE_SEGMENTATION,
            "second_psm": SECOND_SEGMENTATION,
            "reader": READER_VERSION,
            "outputs": ",".join(OUTPUTS),
        }

    def read(
        self, cleaned: Image.Image, dpi: int | None, expected: frozenset[str] = ALL_PARTS
    ) -> PageReading:
        """Read one cleaned page upright (see reading.best_reading), with what a second
        segmentation adds when the page lacks the dateline or closing it is `expected` to
        show (see second_look)."""
        with tempfile.TemporaryDirectory(prefix="expediente-ocr-") as tmp:
            folder = Path(tmp)
            first = best_reading(
                cleaned,
                read=lambda img: self.tesseract(img, dpi, folder),
                detect=lambda img: self.orientation(img, folder),
            )
            if not first.layout or not missing_parts(first.text, expected):
                return first
            upright = turn(cleaned, first.rotation) if first.rotation else cleaned
            second = self.run(upright, dpi, folder, SECOND_SEGMENTATION, ("tsv",))
            return merged_reading(first, words_from_tsv(second.tsv), dpi)

    def tesseract(self, image: Image.Image, dpi: int | None, folder: Path) -> PageReading:
        """One tesseract call on a prepared image: text, mean word confidence and PDF."""
        run = self.run(image, dpi, folder, PAGE_SEGMENTATION, OUTPUTS)
        words = words_from_tsv(run.tsv)
        boxes = word_boxes(words, dpi)
        confidence = mean_confidence(run.tsv)
        return PageReading(page_text(words), confidence, 0, run.pdf, boxes, tuple(words))

    def run(
        self,
        image: Image.Image,
        dpi: int | None,
        folder: Path,
        segmentation: str,
        outputs: tuple[str, ...],
    ) -> TesseractOutput:
        """Run tesseract once on a prepared image with page segmentation mode `segmentation`,
        writing `outputs` ("tsv", "pdf")."""
        picture, base = _save(image, folder), folder / "page"
        command = [self.binary, str(picture), str(base), "-l", self.language]
        command += ["--psm", segmentation]
        command += ["--dpi", str(dpi)] if dpi else []
        command += list(outputs)
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
        pdf = base.with_suffix(".pdf").read_bytes() if "pdf" in outputs else None
        return TesseractOutput(table, pdf)

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


@dataclass(frozen=True)
class TesseractOutput:
    """What one tesseract run wrote: its TSV word table and, when asked for, the page PDF."""

    tsv: str
    pdf: bytes | None


def merged_reading(first: PageReading, second: list[Word], dpi: int | None) -> PageReading:
    """`first` with the words of a second reading that it lacks (second_look.merged_words):
    text, confidence and word boxes rebuilt from the merged words; rotation and the searchable
    PDF stay the first reading's (its text layer has the first reading's words only)."""
    words = merged_words(list(first.layout), second)
    if len(words) == len(first.layout):
        return first
    scores = [w.confidence for w in words if w.confidence >= 0]
    confidence = round(sum(scores) / len(scores), 2) if scores else None
    return replace(
        first,
        text=page_text(words),
        confidence=confidence,
        words=word_boxes(words, dpi),
        layout=tuple(words),
    )


def word_boxes(words: list[Word], dpi: int | None) -> tuple[WordBox, ...]:
    """Tesseract's words as WordBoxes in PDF points from the page's top-left (pixels when the
    resolution is unknown), with their confidence, rounded to keep the cache small."""
    scale = POINTS_PER_INCH / dpi if dpi else 1.0
    return tuple(
        WordBox(
            word.text,
            round(word.left * scale, 1),
            round(word.right * scale, 1),
            round(word.top * scale, 1),
            round((word.top + word.height) * scale, 1),
            word.confidence,
        )
        for word in words
    )


def tesseract_binary() -> str:
    """The path of the tesseract command; UnreadableDocument telling how to install it if absent."""
    found = shutil.which(TESSERACT)
    if found is None:
        raise UnreadableDocument(
            "cannot OCR scanned pages: the `tesseract` command is not installed "
            "(run `make install`, which installs tesseract-ocr and its Spanish data)"
        )
    return found


@functools.cache
def tesseract_version(binary: str) -> str:
    """The first line of `tesseract --version` ("tesseract 5.3.0"), asked once per process."""
    try:
        done = subprocess.run(
            [binary, "--version"], capture_output=True, check=True, timeout=PAGE_TIMEOUT_S
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise UnreadableDocument(f"cannot run {binary} --version ({exc})") from exc
    return _first_line(done.stdout) or _first_line(done.stderr)


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


def _first_line(output: bytes | None) -> str:
    lines = (output or b"").decode("utf-8", errors="replace").strip().splitlines()
    return lines[0].strip() if lines else ""


def _last_line(stderr: bytes | None) -> str:
    lines = (stderr or b"").decode("utf-8", errors="replace").strip().splitlines()
    return lines[-1].strip() if lines else ""
