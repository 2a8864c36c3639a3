"""Stamps, signatures and highlights out of the way of the printed text, before binarising.

Seals and signatures in blue, violet or red ink cross names and datelines; a plain grayscale
turns them into black blobs over the letters. When coloured ink is a small share of a page's
ink (an overlay, not a coloured print), each coloured pixel is taken at its brightest channel,
which makes saturated ink pale while black print stays black. Highlighted text (white letters
in a dark box, a common way to mark a date) is turned back to dark on light."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageChops

INK = 160  # a pixel darker than this (luminance) is ink, not paper
CHROMA = 50  # channel spread above which ink is coloured, not black or grey
OVERLAY_SHARE = 0.20  # coloured ink beyond this share of the ink is print (diplomas, logos)
BOX_DARK = 90  # a highlight box: a row run darker than this ...
BOX_MIN_FILL = 0.65  # ... dark over this share of a band (print reaches ~0.4) ...
EDGE_FILL = 0.5  # a box's edge column: dark over half the band
BOX_MAX_HEIGHT = 0.04  # ... in a band no taller than this share of the page


def drop_stamp_ink(image: Image.Image) -> Image.Image:
    """The page in 8-bit gray with overlay ink (stamps, signatures) made pale."""
    rgb = image.convert("RGB")
    # Channel extremes by PIL on uint8 planes: 8x faster than numpy on an int16 copy.
    channels = rgb.split()
    brightest = np.asarray(ImageChops.lighter(ImageChops.lighter(*channels[:2]), channels[2]))
    darkest = np.asarray(ImageChops.darker(ImageChops.darker(*channels[:2]), channels[2]))
    gray = np.asarray(image.convert("L"), dtype=np.uint8)
    ink = gray < INK
    coloured = ink & ((brightest - darkest) > CHROMA)
    inked = int(np.count_nonzero(ink))
    if inked == 0 or np.count_nonzero(coloured) / inked > OVERLAY_SHARE:
        return Image.fromarray(gray, "L")
    return Image.fromarray(np.where(coloured, brightest, gray), "L")


def invert_highlights(gray: Image.Image) -> Image.Image:
    """The page with dark highlight boxes (light text on a dark band) inverted, so their text
    reads as dark print on paper. Bands taller than a few lines (photos, logos) are left."""
    pixels = np.asarray(gray, dtype=np.uint8)
    boxes = _dark_boxes(pixels < BOX_DARK, int(pixels.shape[0] * BOX_MAX_HEIGHT))
    if not boxes:
        return gray
    out = pixels.copy()
    for top, bottom, left, right in boxes:
        out[top:bottom, left:right] = 255 - out[top:bottom, left:right]
    return Image.fromarray(out, "L")


def _dark_boxes(dark: np.ndarray, max_height: int) -> list[tuple[int, int, int, int]]:
    """Boxes (top, bottom, left, right) of solid dark bands: rows whose darkest run spans most
    of the band's columns, grouped in runs of at most `max_height` rows."""
    height, _ = dark.shape
    boxes: list[tuple[int, int, int, int]] = []
    row_fill = dark.mean(axis=1)
    candidate = row_fill > 0.02
    top = None
    for row in range(height + 1):
        inside = row < height and candidate[row]
        if inside and top is None:
            top = row
        elif not inside and top is not None:
            boxes += _solid_box(dark, top, row, max_height)
            top = None
    return boxes


def _solid_box(
    dark: np.ndarray, top: int, bottom: int, max_height: int
) -> list[tuple[int, int, int, int]]:
    """The solid dark boxes in rows top..bottom, when the band is short enough to be a line
    of highlighted text: column runs whose darkness, averaged over a letter's width, stays
    above what any print reaches (white letters leave a box mostly dark), wider than a word."""
    height = bottom - top
    if height < 6 or height > max_height:
        return []
    fill = dark[top:bottom].mean(axis=0)
    window = max(3, height // 2)
    smooth = np.convolve(fill, np.ones(window) / window, mode="same")
    solid = np.concatenate(([False], smooth > BOX_MIN_FILL, [False]))
    edges = np.flatnonzero(np.diff(solid.astype(np.int8)))
    boxes = []
    for left, right in zip(edges[::2], edges[1::2], strict=True):
        if right - left < height * 3:  # narrower than a few letters: a rule or a stroke
            continue
        # The average trims the box's own dark edges (up to a window, past a letter near the
        # edge): take them back, but no paper.
        outside_left = np.flatnonzero(fill[max(0, left - window) : left] > EDGE_FILL)
        if outside_left.size:
            left = max(0, left - window) + int(outside_left[0])
        outside_right = np.flatnonzero(fill[right : right + window] > EDGE_FILL)
        if outside_right.size:
            right = right + int(outside_right[-1]) + 1
        boxes.append((top, bottom, int(left), int(right)))
    return boxes
