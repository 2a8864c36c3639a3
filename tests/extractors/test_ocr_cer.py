"""Character error rate of the whole OCR reader on the project's own rendered scans (200 dpi,
speckles, JPEG, skew, quarter and half turns): the issue's target is at most 3 %."""

from __future__ import annotations

from pathlib import Path

import pytest
from rapidfuzz.distance import Levenshtein

from extractors.readers import read_file
from models import Settings
from tests.scans import VARIANTS, ScanVariant, expected_text, scanned_letter_jpeg

MAX_CER = 0.03
SETTINGS = Settings(ocr_cache=None)


def character_error_rate(expected: str, read: str) -> float:
    """Levenshtein distance over the expected length, whitespace runs counted as one space."""
    want, got = " ".join(expected.split()), " ".join(read.split())
    return Levenshtein.distance(want, got) / len(want)


@pytest.mark.parametrize(
    ("expected", "read", "rate"),
    [
        ("Oficio número 12", "Oficio número 12", 0.0),
        ("Oficio número 12", "Oficio\nnúmero   12", 0.0),
        ("Oficio número 12", "Oficio numero 12", 1 / 16),
        ("Señora", "Senora!", 2 / 6),
    ],
)
def test_character_error_rate(expected: str, read: str, rate: float) -> None:
    assert character_error_rate(expected, read) == pytest.approx(rate)


@pytest.mark.parametrize("variant", VARIANTS, ids=[v.name for v in VARIANTS])
def test_rendered_scan_reads_within_three_percent(tmp_path: Path, variant: ScanVariant) -> None:
    path = tmp_path / f"oficio_{variant.name}.jpg"
    path.write_bytes(scanned_letter_jpeg(variant))
    document = read_file(path, SETTINGS)
    assert document.pages[0].confidence is not None
    assert document.readers == ("tesseract",)
    assert character_error_rate(expected_text(), document.text) <= MAX_CER
    assert document.pages[0].rotation == (360 - variant.turn) % 360
