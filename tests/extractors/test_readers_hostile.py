"""Bombs, giant pages and broken encryption end as one-line reasons, never as gigabytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.readers import read_file
from extractors.readers.text import normalise_spaces
from models import Settings, UnreadableDocument
from tests.hostile import bomb_pdf, bomb_png, inflating_zeros, letter_pdf

ZEROS = 256 << 20  # enough to pass the 64 MB content limit


@pytest.fixture(scope="module")
def zeros() -> bytes:
    return inflating_zeros(ZEROS)


@pytest.mark.parametrize(
    ("as_image", "reason"),
    [(False, "inflates to more than 64 MB"), (True, "pixels is too large to OCR")],
)
def test_a_pdf_bomb_is_unreadable_with_a_reason(
    tmp_path: Path, zeros: bytes, as_image: bool, reason: str
) -> None:
    path = tmp_path / "bomba.pdf"
    path.write_bytes(bomb_pdf(zeros, as_image=as_image))
    with pytest.raises(UnreadableDocument, match=reason) as caught:
        read_file(path, Settings(ocr_cache=None))
    assert "\n" not in str(caught.value)


def test_a_png_bomb_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "bomba.png"
    path.write_bytes(bomb_png(40_000, 40_000))
    with pytest.raises(UnreadableDocument, match="decompression bomb"):
        read_file(path, Settings(ocr_cache=None))


def test_a_20000_point_page_is_read_from_its_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "hoja.pdf"
    path.write_bytes(bytes(letter_pdf(page=(20_000, 20_000)).output()))
    assert "Secretaria del Ayuntamiento" in read_file(path, Settings(ocr_cache=None)).text


def test_a_short_layer_is_kept_when_ocr_sees_nothing(tmp_path: Path) -> None:
    path = tmp_path / "hoja.pdf"
    path.write_bytes(bytes(letter_pdf("Oficio 7.", page=(20_000, 20_000)).output()))
    assert read_file(path, Settings(ocr_cache=None)).text == "Oficio 7."


@pytest.mark.parametrize(("user", "readable"), [("secreto", False), ("", True)])
def test_encrypted_pdfs(tmp_path: Path, user: str, readable: bool) -> None:
    pdf = letter_pdf()
    pdf.set_encryption(owner_password="propietario", user_password=user)
    path = tmp_path / "cifrado.pdf"
    path.write_bytes(bytes(pdf.output()))
    if readable:
        assert "Tenancingo" in read_file(path, Settings(ocr_cache=None)).text
    else:
        with pytest.raises(UnreadableDocument, match="protected by a password"):
            read_file(path, Settings(ocr_cache=None))


def test_lone_surrogates_in_a_text_layer_become_replacement_characters() -> None:
    assert normalise_spaces("Ofi\ud835cio \udcff") == "Ofi\ufffdcio \ufffd"
