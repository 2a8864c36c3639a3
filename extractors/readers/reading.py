"""The best reading of one page: read it as it is; only when that reading is poor, try it
turned upright (orientation detection) and with its lighting evened out, keeping the best."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from PIL import Image

from extractors.readers.illumination import flatten_illumination
from extractors.readers.layout import Word
from extractors.readers.orientation import turn
from models import WordBox


@dataclass(frozen=True)
class PageReading:
    """One reading of a page: text, mean word confidence (0-100), rotation applied (degrees
    clockwise), when tesseract made one, the page as a PDF with an invisible text layer, and
    the words the text was rebuilt from, where they sit on the page as read; `layout` holds the
    same words in image pixels with tesseract's line numbers, for a second reading to merge
    into (not cached: a cached reading is final)."""

    text: str
    confidence: float | None
    rotation: int = 0
    pdf: bytes | None = field(default=None, repr=False, compare=False)
    words: tuple[WordBox, ...] = field(default=(), repr=False)
    layout: tuple[Word, ...] = field(default=(), repr=False, compare=False)


ReadPage = Callable[[Image.Image], PageReading]
DetectRotation = Callable[[Image.Image], int]  # degrees clockwise that make a page upright


@dataclass(frozen=True)
class ReadingThresholds:
    """The one place the judgement's numbers live."""

    good_confidence: float = 70.0  # upright letters read at 85-95; turned pages fall far below
    min_letters: int = 60  # about one line of a letter: most of the page was lost
    min_gain: float = 1.15  # a retry must find this many times the weighted letters to win
    min_ink: float = 0.0001  # share of dark pixels below which a page is blank (a back side)
    dark: int = 128  # gray level under which a pixel is ink


THRESHOLDS = ReadingThresholds()
LETTER = re.compile(r"[^\W\d_]")


def best_reading(
    image: Image.Image,
    read: ReadPage,
    detect: DetectRotation,
    limits: ReadingThresholds = THRESHOLDS,
) -> PageReading:
    """The page's best reading (rotation set to the turn applied); a blank page is not read."""
    if is_blank(image, limits):
        return PageReading("", None, 0)
    best = read(image)
    if reads_well(best, limits):
        return best
    rotation = detect(image)
    upright = turn(image, rotation) if rotation else image
    if rotation:
        best = _better(best, replace(read(upright), rotation=rotation), limits)
        if reads_well(best, limits):
            return best
    return _better(best, replace(read(flatten_illumination(upright)), rotation=rotation), limits)


def is_blank(gray: Image.Image, limits: ReadingThresholds = THRESHOLDS) -> bool:
    """Whether a grayscale page has (next to) no ink on it."""
    histogram = gray.convert("L").histogram()
    ink = sum(histogram[: limits.dark])
    return ink < limits.min_ink * max(gray.width * gray.height, 1)


def reads_well(reading: PageReading, limits: ReadingThresholds) -> bool:
    """Whether a reading is good enough not to try another."""
    confident = (reading.confidence or 0.0) >= limits.good_confidence
    return confident and letter_count(reading.text) >= limits.min_letters


def weight(reading: PageReading) -> float:
    """Letters read, weighted by tesseract's confidence in them."""
    return letter_count(reading.text) * (reading.confidence or 0.0) / 100


def letter_count(text: str) -> int:
    return len(LETTER.findall(text))


def _better(first: PageReading, retry: PageReading, limits: ReadingThresholds) -> PageReading:
    return retry if weight(retry) > limits.min_gain * weight(first) else first
