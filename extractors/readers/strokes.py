"""Signatures, seal rims and drawn loops out of the way of the printed lines, by shape.

A signature signed across a name in black (or in ink the colour test cannot tell from print)
makes one big sparse blob out of the name, its title and the lines around; tesseract's layout
analysis takes the blob for a picture and reads none of the lines under it (on a dev acta six
of seven signers' names were lost so). Colour cannot help there; shape can: print is letters,
small connected pieces about one letter high, while a signature is a connected stroke several
letters high covering little of its own box.

Such strokes are erased everywhere except inside the printed lines, where letters lie thick
on both sides (the stroke's pixels there are mostly the letters it touches). What is left of a
signature is the short bits that cross a line, which tesseract reads past."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image
from scipy import ndimage

INK = 128  # the page is already gray on white (prepare): darker than this is ink


@dataclass(frozen=True)
class StrokeThresholds:
    """The one place the judgement's numbers live; heights and widths in letter heights."""

    min_height: float = 2.5  # a stroke is taller than this ...
    max_fill: float = 0.15  # ... and covers less than this share of its box (a letter: 0.3-0.6)
    letter_min: float = 0.4  # a letter's height, from this ...
    letter_max: float = 2.0  # ... to this
    band_height: float = 0.3  # the window that tells a printed line: this tall ...
    band_width: float = 4.0  # ... this wide ...
    band_share: float = 0.05  # ... holding letters over this share of it
    row_share: float = 0.06  # or a row of the stroke's box inked over this share ...
    row_height: float = 0.6  # ... in a run of rows this tall (a line of letters)


THRESHOLDS = StrokeThresholds()
EIGHT_NEIGHBOURS = np.ones((3, 3), dtype=bool)


def erase_strokes(gray: Image.Image, limits: StrokeThresholds = THRESHOLDS) -> Image.Image:
    """The 8-bit gray page with signature-like strokes erased outside its printed lines; the
    same image when it has none. Only the strokes' boxes are looked into (0.1 s on a page)."""
    pixels = np.asarray(gray.convert("L"), dtype=np.uint8)
    labels, count = ndimage.label(pixels < INK, structure=EIGHT_NEIGHBOURS)
    if count == 0:
        return gray
    boxes = ndimage.find_objects(labels)
    heights = np.array([box[0].stop - box[0].start for box in boxes])
    widths = np.array([box[1].stop - box[1].start for box in boxes])
    plausible = (heights >= 6) & (widths <= 3 * heights)  # not specks, not rules
    letter_height = float(np.median(heights[plausible])) if plausible.any() else 20.0
    tall = [int(i) for i in np.flatnonzero(heights > limits.min_height * letter_height)]
    strokes = [i + 1 for i in tall if _fill(labels, boxes[i], i + 1) < limits.max_fill]
    if not strokes:
        return gray
    letters = np.concatenate(
        (
            [False],
            (heights >= limits.letter_min * letter_height)
            & (heights <= limits.letter_max * letter_height),
        )
    )
    letters[strokes] = False
    window = (
        max(3, round(limits.band_height * letter_height)),
        max(3, round(limits.band_width * letter_height)),
    )
    out = pixels.copy()
    for label in strokes:
        rows, cols = _padded(boxes[label - 1], window, labels.shape)
        region = labels[rows, cols]
        printed = ndimage.uniform_filter(letters[region].astype(np.float32), size=window)
        inside = (printed > limits.band_share) | _text_rows(region, letter_height, limits)[:, None]
        erase = (region == label) & ~inside
        out[rows, cols][erase] = 255
    return Image.fromarray(out, "L")


def _text_rows(region: np.ndarray, letter_height: float, limits: StrokeThresholds) -> np.ndarray:
    """The rows of a stroke's box that a printed line crosses: ink over `row_share` of the
    width, for at least `row_height` letter heights running (a stroke's level stretch is
    a few rows)."""
    dense = np.count_nonzero(region, axis=1) > limits.row_share * region.shape[1]
    run = max(1, round(limits.row_height * letter_height))
    return ndimage.binary_opening(dense, structure=np.ones(run, dtype=bool))


def _fill(labels: np.ndarray, box: tuple[slice, slice], label: int) -> float:
    """The share of its box a connected piece covers."""
    region = labels[box]
    return np.count_nonzero(region == label) / region.size


def _padded(
    box: tuple[slice, slice], window: tuple[int, int], shape: tuple[int, ...]
) -> tuple[slice, slice]:
    """The box grown by a window on every side (letters beside a stroke's edge count)."""
    (rows, cols), (tall, wide) = box, window
    return (
        slice(max(0, rows.start - tall), min(shape[0], rows.stop + tall)),
        slice(max(0, cols.start - wide), min(shape[1], cols.stop + wide)),
    )
