"""The searchable archival copy of a scan: same pages, an invisible text layer from the same
tesseract run, the original untouched."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pdfplumber
import pytest
from fpdf import FPDF
from PIL import Image

from extractors.readers import read_file, searchable_pdf
from models import Settings, UnreadableDocument
from tests.scans import VARIANTS, render_letter, scan

SETTINGS = Settings(ocr_cache=None)
NOISY, UPSIDE_DOWN = VARIANTS[1], next(v for v in VARIANTS if v.turn == 180)
TYPED = "Secretaría de Finanzas del Estado de Tlaxcala. Oficio número 88 sobre el presupuesto."


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _layer_text(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


@pytest.fixture(scope="module")
def scanned() -> list[Image.Image]:
    return [scan(render_letter(), NOISY), scan(render_letter(), UPSIDE_DOWN)]


@pytest.fixture
def pages(scanned: list[Image.Image]) -> list[Image.Image]:
    """Fresh copies: Pillow keeps a saved image's encoder settings, which upsets the next save."""
    return [page.copy() for page in scanned]


def test_scanned_pdf_gets_a_text_layer(tmp_path: Path, pages: list[Image.Image]) -> None:
    original = tmp_path / "escaneo.pdf"
    pages[0].save(original, "PDF", resolution=200, save_all=True, append_images=[pages[0].copy()])
    before = _digest(original)
    document = read_file(original, SETTINGS)
    out = searchable_pdf(original, document, tmp_path / "copia" / "escaneo_buscable.pdf")
    assert out == tmp_path / "copia" / "escaneo_buscable.pdf"
    layers = _layer_text(out)
    assert len(layers) == 2
    for layer in layers:
        for word in ("Villaseñor", "pavimentación", "Querétaro", "Ibáñez"):
            assert word in layer
    assert _digest(original) == before
    assert not list((tmp_path / "copia").glob(".tmp-*"))


def test_multi_page_tiff_becomes_a_searchable_pdf(tmp_path: Path, pages: list[Image.Image]) -> None:
    original = tmp_path / "expediente.tif"
    pages[0].save(original, "TIFF", save_all=True, append_images=[pages[1]], dpi=(200, 200))
    document = read_file(original, SETTINGS)
    out = searchable_pdf(original, document, tmp_path / "expediente.pdf")
    assert out is not None
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) == 2
        assert float(pdf.pages[0].width) == pytest.approx(8.5 * 72, rel=0.02)  # true paper size
        assert "Peñuelas" in (pdf.pages[1].extract_text() or "")  # upside down: read upright


def test_mixed_pdf_keeps_its_typed_page_and_adds_a_layer_to_the_scan(
    tmp_path: Path, pages: list[Image.Image]
) -> None:
    scanned = tmp_path / "hoja.png"
    pages[0].save(scanned, dpi=(200, 200))
    pdf = FPDF()
    pdf.add_font("dejavu", fname="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.set_font("dejavu", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 7, TYPED)
    pdf.add_page()
    pdf.image(str(scanned), x=0, y=0, w=210)
    original = tmp_path / "mixto.pdf"
    pdf.output(str(original))
    document = read_file(original, SETTINGS)
    assert document.readers == ("pdfplumber", "tesseract")
    out = searchable_pdf(original, document, tmp_path / "mixto_buscable.pdf")
    assert out is not None
    typed, scan_layer = _layer_text(out)
    assert "Secretaría de Finanzas del Estado de Tlaxcala" in typed
    assert "Villaseñor Quiñones" in scan_layer


def test_document_without_ocr_has_no_searchable_copy(tmp_path: Path) -> None:
    original = tmp_path / "oficio.txt"
    original.write_text(TYPED, encoding="utf-8")
    document = read_file(original, SETTINGS)
    assert searchable_pdf(original, document, tmp_path / "oficio.pdf") is None
    assert not (tmp_path / "oficio.pdf").exists()


def test_searchable_copy_never_replaces_the_original(
    tmp_path: Path, pages: list[Image.Image]
) -> None:
    original = tmp_path / "escaneo.pdf"
    pages[0].save(original, "PDF", resolution=200)
    before = _digest(original)
    document = read_file(original, SETTINGS)
    with pytest.raises(UnreadableDocument, match="must not replace the original"):
        searchable_pdf(original, document, original)
    assert _digest(original) == before
