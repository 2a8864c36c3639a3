"""The OCR time budget of a document: pages past it are not OCRed and the document says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from extractors.readers import read_file
from extractors.readers.budget import UNREAD, Budget
from models import Settings
from tests.scans import VARIANTS, render_letter, scan

TOWNS = ("Zinacantepec", "Tenancingo", "Almoloya", "Ixtlahuaca")


class FakeClock:
    """A clock that says what the test tells it to."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("elapsed", "seconds", "allowed"),
    [(0.0, 900.0, True), (899.0, 900.0, True), (900.0, 900.0, False), (5.0, 0.0, False)],
)
def test_budget_allows_pages_while_time_is_left(
    elapsed: float, seconds: float, allowed: bool
) -> None:
    clock = FakeClock()
    budget = Budget(seconds, clock=clock)
    assert budget.allows_another_page()  # the first page is always read
    clock.now += elapsed
    assert budget.allows_another_page() is allowed
    assert budget.exhausted is not allowed


def test_partial_reason_counts_pages_read() -> None:
    clock = FakeClock()
    budget = Budget(900, clock=clock)
    assert budget.partial_reason(500) is None
    for _ in range(37):
        assert budget.allows_another_page()
    clock.now += 901
    for _ in range(5):
        assert not budget.allows_another_page()
    budget.skip(458)
    assert budget.partial_reason(500) == (
        "OCR stopped after 37 of 500 pages: time budget of 900 s reached"
    )


@pytest.fixture(scope="module")
def scanned_pages() -> list[Image.Image]:
    return [
        scan(render_letter((f"Oficio dirigido al municipio de {town}",) * 2), VARIANTS[1])
        for town in TOWNS
    ]


@pytest.fixture
def letters(scanned_pages: list[Image.Image]) -> list[Image.Image]:
    """Fresh copies: Pillow keeps a saved image's encoder settings, which upsets the next save."""
    return [page.copy() for page in scanned_pages]


def test_tiny_budget_stops_ocr_of_a_multi_page_scan(
    tmp_path: Path, letters: list[Image.Image]
) -> None:
    path = tmp_path / "legajo.tif"
    letters[0].save(path, "TIFF", save_all=True, append_images=letters[1:], dpi=(200, 200))
    document = read_file(path, Settings(ocr_cache=None, ocr_seconds_per_document=0))
    assert len(document.pages) == 4
    assert "Zinacantepec" in document.pages[0].text
    assert [p.reader for p in document.pages[1:]] == [UNREAD] * 3
    assert document.partial_reason == ("OCR stopped after 1 of 4 pages: time budget of 0 s reached")


def test_tiny_budget_on_a_scanned_pdf(tmp_path: Path, letters: list[Image.Image]) -> None:
    path = tmp_path / "legajo.pdf"
    letters[0].save(path, "PDF", resolution=200, save_all=True, append_images=letters[1:])
    document = read_file(path, Settings(ocr_cache=None, ocr_seconds_per_document=0))
    assert len(document.pages) == 4
    assert "Zinacantepec" in document.text and "Ixtlahuaca" not in document.text
    assert document.partial_reason is not None
    assert document.partial_reason.startswith("OCR stopped after 1 of 4 pages")


def test_ample_budget_reads_every_page(tmp_path: Path, letters: list[Image.Image]) -> None:
    path = tmp_path / "legajo.tif"
    letters[0].save(path, "TIFF", save_all=True, append_images=letters[1:3], dpi=(200, 200))
    document = read_file(path, Settings(ocr_cache=None, ocr_seconds_per_document=900))
    assert document.partial_reason is None
    assert all(town in document.text for town in TOWNS[:3])
