"""Signatures signed across a signer's name, in black, erased outside the printed lines, and
the name then read by tesseract (real OCR of a rendered page, nothing taken from the corpus)."""

from __future__ import annotations

import math
import subprocess
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont
from rapidfuzz import fuzz

from extractors.readers.strokes import erase_strokes

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
DPI = 300
BLOCK = (
    "Reciban un cordial saludo.",
    "ATENTAMENTE",
    "",
    "",
    "C. ROSENDO IBARRA QUINTANILLA",
    "PRESIDENTE DEL CONSEJO DE ADMINISTRACIÓN",
)


def _signed_page(signed: bool = True) -> tuple[Image.Image, int]:
    """A signer's block on a 300 dpi page, a looping signature drawn over the name; with the
    top of the name's line."""
    page = Image.new("L", (2000, 1200), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, round(10 * DPI / 72))
    step = round(10 * DPI / 72 * 1.3)
    for number, line in enumerate(BLOCK):
        width = draw.textlength(line, font=font)
        draw.text(((2000 - width) / 2, 300 + number * step), line, font=font, fill=0)
    name_top = 300 + 4 * step
    if signed:  # a loop over the name and title, and a flourish through them
        points = [
            (900 + 300 * math.cos(t / 20) + t * 1.2, name_top - 70 + 110 * math.sin(t / 20 * 2))
            for t in range(0, 200)
        ]
        draw.line(points, fill=0, width=4)
        draw.line([(700, name_top - 150), (1000, name_top + 110)], fill=0, width=4)
    page.info["dpi"] = (DPI, DPI)
    return page, name_top


def _read(image: Image.Image) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.png"
        image.save(path, dpi=(DPI, DPI))
        return subprocess.run(
            ["tesseract", str(path), "-", "-l", "spa", "--psm", "4"],
            capture_output=True,
            text=True,
            check=True,
            env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"},
        ).stdout


def test_a_signature_across_the_name_is_erased_between_the_lines() -> None:
    page, name_top = _signed_page()
    clean = np.asarray(erase_strokes(page))
    before = np.asarray(page)
    # The loop's pixels above and below the printed lines are gone ...
    between = slice(name_top - 100, name_top - 20)  # the signing space
    assert (before[between] < 128).sum() > 500
    assert (clean[between] < 128).sum() == 0
    # ... and the printed letters are all still there.
    unsigned = np.asarray(_signed_page(signed=False)[0]) < 128
    assert (clean[unsigned] < 128).mean() > 0.99


def test_the_signer_is_read_once_the_signature_is_erased() -> None:
    page, _ = _signed_page()
    name, title = "C. ROSENDO IBARRA QUINTANILLA", "PRESIDENTE DEL CONSEJO DE ADMINISTRACIÓN"
    signed = _read(page)
    assert fuzz.partial_ratio(name, signed) < 80  # tesseract takes the block for a picture
    text = " ".join(_read(erase_strokes(page)).split())
    # The bits of the loop that lie along the name stay (they are in its printed line).
    assert fuzz.partial_ratio(name, text) >= 75 and fuzz.partial_ratio(title, text) >= 90


def test_a_page_of_print_alone_is_left_as_it_is() -> None:
    page, _ = _signed_page(signed=False)
    assert erase_strokes(page) is page
