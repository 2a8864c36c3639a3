"""The numpy 3x3 median reads the same pixels as PIL's MedianFilter(3), edges included."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageFilter

from extractors.readers.despeckle import median3


@pytest.mark.parametrize("size", [(1, 1), (2, 5), (7, 3), (64, 48)])
def test_median3_matches_pil_median_filter(size: tuple[int, int]) -> None:
    noise = np.random.default_rng(sum(size)).integers(0, 256, size[::-1], dtype=np.uint8)
    page = Image.fromarray(noise, "L")
    expected = np.asarray(page.filter(ImageFilter.MedianFilter(3)))
    assert np.array_equal(np.asarray(median3(page)), expected)


def test_median3_removes_a_speck_and_keeps_a_stroke() -> None:
    pixels = np.full((20, 20), 255, dtype=np.uint8)
    pixels[5, 5] = 0  # a speck
    pixels[10:13, 2:18] = 0  # a stroke three pixels thick
    cleaned = np.asarray(median3(Image.fromarray(pixels, "L")))
    assert cleaned[5, 5] == 255 and cleaned[11, 2:18].max() == 0
