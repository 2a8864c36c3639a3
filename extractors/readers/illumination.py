"""Even lighting for photographed pages: divide the page by its estimated paper colour, so a
shadowed corner becomes white paper again instead of one black blob after binarisation."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageFilter

REDUCE = 8  # the paper's shade changes slowly: estimate it on a small copy
INK_REMOVAL = 5  # max filter width (reduced pixels) wider than a letter stroke
SMOOTHING = 4.0  # Gaussian radius (reduced pixels) that hides the remaining text texture


def flatten_illumination(gray: Image.Image) -> Image.Image:
    """The grayscale page with uneven lighting removed: paper near white, ink kept dark."""
    small = gray.reduce(REDUCE) if min(gray.size) >= REDUCE * 20 else gray
    paper = small.filter(ImageFilter.MaxFilter(INK_REMOVAL))
    paper = paper.filter(ImageFilter.GaussianBlur(SMOOTHING))
    paper = paper.resize(gray.size, Image.Resampling.BILINEAR)
    ink = np.asarray(gray, dtype=np.float32)
    light = np.maximum(np.asarray(paper, dtype=np.float32), 1.0)
    return Image.fromarray(np.clip(ink * 255.0 / light, 0, 255).astype(np.uint8), "L")
