"""The best reading of one page: read it as it is; only when that reading is poor, try it
turned upright (orientation detection) and with its lighting evened out, keeping the best."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image

from extractors.readers.illumination import flatten_illumination
from extractors.readers.orientation import turn

Reading = tuple[str, float | None]  # text, mean word confidence (0-100)
ReadPage = Callable[[Image.Image], Reading]
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
) -> tuple[str, float | None, int]:
    """The page's reading as (text, confidence, rotation in degrees clockwise); a blank page
    is not read at all."""
    if is_blank(image, limits):
        return "", None, 0
    best = (*read(image), 0)
    if reads_well(best, limits):
        return best
    rotation = detect(image)
    upright = turn(image, rotation) if rotation else image
    if rotation:
        best = _better(best, (*read(upright), rotation), limits)
        if reads_well(best, limits):
            return best
    return _better(best, (*read(flatten_illumination(upright)), rotation), limits)


def is_blank(gray: Image.Image, limits: ReadingThresholds = THRESHOLDS) -> bool:
    """Whether a grayscale page has (next to) no ink on it."""
    histogram = gray.convert("L").histogram()
    ink = sum(histogram[: limits.dark])
    return ink < limits.min_ink * max(gray.width * gray.height, 1)


def reads_well(reading: tuple[str, float | None, int], limits: ReadingThresholds) -> bool:
    """Whether a reading is good enough not to try another."""
    text, confidence, _ = reading
    confident = (confidence or 0.0) >= limits.good_confidence
    return confident and letter_count(text) >= limits.min_letters


def weight(reading: tuple[str, float | None, int]) -> float:
    """Letters read, weighted by tesseract's confidence in them."""
    text, confidence, _ = reading
    return letter_count(text) * (confidence or 0.0) / 100


def letter_count(text: str) -> int:
    return len(LETTER.findall(text))


def _better(
    first: tuple[str, float | None, int],
    retry: tuple[str, float | None, int],
    limits: ReadingThresholds,
) -> tuple[str, float | None, int]:
    return retry if weight(retry) > limits.min_gain * weight(first) else first
