"""Straightening skewed scans before OCR (pure image functions, no tesseract)."""

from __future__ import annotations

import pytest
from PIL import Image

from extractors.readers.deskew import deskew, skew_angle
from tests.scans import render_letter


@pytest.fixture(scope="module")
def page() -> Image.Image:
    return render_letter(dpi=100)


@pytest.mark.parametrize("skew", [3.0, 2.0, 1.2, -1.5, -2.7])
def test_skew_is_measured_within_a_fifth_of_a_degree(page: Image.Image, skew: float) -> None:
    skewed = page.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=255)
    assert skew_angle(skewed) == pytest.approx(-skew, abs=0.2)


@pytest.mark.parametrize("turn", [90, 270])
def test_skew_of_a_sideways_page_is_measured_too(page: Image.Image, turn: int) -> None:
    skewed = page.rotate(2.0, resample=Image.Resampling.BICUBIC, fillcolor=255)
    assert skew_angle(skewed.rotate(turn, expand=True)) == pytest.approx(-2.0, abs=0.2)


@pytest.mark.parametrize(
    "image",
    [
        Image.new("L", (850, 1100), 255),  # a blank sheet
        render_letter(dpi=100),  # straight already
        render_letter(dpi=100).rotate(0.2, fillcolor=255),  # too little to be worth resampling
    ],
)
def test_straight_or_blank_pages_are_left_alone(image: Image.Image) -> None:
    assert skew_angle(image) == 0.0
    assert deskew(image) is image


def test_deskew_levels_the_page(page: Image.Image) -> None:
    skewed = page.rotate(2.5, resample=Image.Resampling.BICUBIC, fillcolor=255)
    assert abs(skew_angle(deskew(skewed))) < 0.3
