"""Straightening slightly skewed scans: tesseract reads a page skewed by 2-3 degrees with its
lines interleaved (measured: 10 % character error at 2.5 degrees, 0.1 % once straightened)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

Degrees = float


@dataclass(frozen=True)
class SkewSearch:
    """The one place the search's numbers live."""

    max_angle: Degrees = 5.0  # scanners skew a few degrees; more is a turned page (OSD's job)
    coarse_step: Degrees = 0.5
    fine_step: Degrees = 0.1
    min_correction: Degrees = 0.3  # below this tesseract copes, and resampling only blurs
    working_width: int = 800  # the skew shows as well on a small copy, and is 20x cheaper
    dark: int = 160  # gray level under which a pixel is ink
    min_gain: float = 1.05  # a skewed profile must beat the unturned one by this much


SEARCH = SkewSearch()


def skew_angle(gray: Image.Image, search: SkewSearch = SEARCH) -> Degrees:
    """The angle (degrees, counter-clockwise as PIL rotates) that makes the page's text lines
    level, or 0.0 when the page is straight enough or shows no lines. Lines running down the
    page (a sideways page) count as well: their columns line up at the same angle."""
    ink = _ink_sample(gray, search)
    if not ink.getbbox():
        return 0.0
    coarse = np.arange(-search.max_angle, search.max_angle + 1e-9, search.coarse_step)
    best = max(coarse, key=lambda angle: _sharpness(ink, float(angle)))
    fine = np.arange(best - search.coarse_step, best + search.coarse_step + 1e-9, search.fine_step)
    best = max(fine, key=lambda angle: _sharpness(ink, float(angle)))
    if abs(best) < search.min_correction:
        return 0.0
    if _sharpness(ink, float(best)) < search.min_gain * _sharpness(ink, 0.0):
        return 0.0
    return round(float(best), 2)


def deskew(gray: Image.Image, search: SkewSearch = SEARCH) -> Image.Image:
    """The grayscale page turned so that its text lines are level (unchanged when straight)."""
    angle = skew_angle(gray, search)
    if angle == 0.0:
        return gray
    return gray.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)


def _ink_sample(gray: Image.Image, search: SkewSearch) -> Image.Image:
    """A small copy of the page with ink white (255) on black, so turning it adds no ink."""
    scale = min(1.0, search.working_width / max(gray.width, 1))
    size = (max(1, round(gray.width * scale)), max(1, round(gray.height * scale)))
    small = gray.convert("L").resize(size, Image.Resampling.BOX)
    return small.point(lambda value: 255 if value < search.dark else 0)


def _sharpness(ink: Image.Image, angle: Degrees) -> float:
    """How sharply the ink falls into rows or columns once turned by `angle`: the variance of
    the row (or column) sums, whichever is larger."""
    turned = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST), dtype=np.float32)
    return float(max(turned.sum(axis=1).var(), turned.sum(axis=0).var()))
