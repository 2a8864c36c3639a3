"""Rebuilding an OCRed page's text from word boxes, side-by-side signature blocks included."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.readers.layout import Word, page_text, words_from_tsv
from extractors.readers.ocr import ocr_images
from extractors.readers.tesseract import word_boxes
from models import Settings, WordBox

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
HEIGHT = 30  # letter height in pixels of the made-up pages below (11 pt at 300 dpi)


def line(number: int, *cells: tuple[int, str], paragraph: int = 1, spacing: int = 50) -> list[Word]:
    """Words of one tesseract line: each cell is (left x, text); words 20 px apart."""
    words: list[Word] = []
    for left, text in cells:
        x = left
        for token in text.split():
            width = 18 * len(token)
            words.append(
                Word(
                    token,
                    x,
                    number * spacing,
                    width,
                    HEIGHT,
                    (1, paragraph),
                    (1, paragraph, number),
                )
            )
            x += width + 20
    return words


def test_side_by_side_signature_blocks_come_one_after_the_other() -> None:
    words = [
        *line(1, (300, "ATENTAMENTE")),
        *line(
            2,
            (300, "Ing. Rogelio Zamudio Pérez"),
            (1300, "Lic. Paulina Arreola Vidal"),
            paragraph=2,
        ),
        *line(3, (300, "Director de Obras"), (1300, "Jefa del Departamento Jurídico"), paragraph=2),
        *line(4, (1300, "en suplencia del titular"), paragraph=2),
    ]
    assert page_text(words) == (
        "ATENTAMENTE\n\n"
        "Ing. Rogelio Zamudio Pérez\nDirector de Obras\n\n"
        "Lic. Paulina Arreola Vidal\nJefa del Departamento Jurídico\nen suplencia del titular"
    )


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # one line with a wide gap (a tab stop) stays one line: "ASUNTO:" keeps its value
        ([[(300, "ASUNTO:"), (1000, "Solicitud de apoyo")]], "ASUNTO: Solicitud de apoyo"),
        # ordinary prose lines are kept as they are
        ([[(300, "Por medio del presente")], [(300, "le informo que")]], None),
        # a full-width line after two split lines ends the band and stays whole
        (
            [
                [(300, "C. Ana Ruiz"), (1300, "C. Luis Mora")],
                [(300, "Regidora"), (1300, "Síndico")],
                [(300, "Dado en el salón de cabildo del municipio de Apaseo")],
            ],
            "C. Ana Ruiz\nRegidora\n\nC. Luis Mora\nSíndico\n\n"
            "Dado en el salón de cabildo del municipio de Apaseo",
        ),
    ],
)
def test_page_text_reorders_only_aligned_bands(
    lines: list[list[tuple[int, str]]], expected: str | None
) -> None:
    words = [w for number, cells in enumerate(lines, start=1) for w in line(number, *cells)]
    plain = "\n".join(" ".join(text for _, text in cells) for cells in lines)
    assert page_text(words) == (expected if expected is not None else plain)


def test_paragraphs_are_separated_by_a_blank_line() -> None:
    words = [*line(1, (300, "Toluca, México")), *line(2, (300, "PRESENTE"), paragraph=2)]
    assert page_text(words) == "Toluca, México\n\nPRESENTE"
    assert page_text([]) == ""


def test_words_from_tsv_keeps_recognised_words_in_order() -> None:
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight"
    rows = [
        header + "\tconf\ttext",
        "4\t1\t1\t1\t1\t0\t10\t10\t300\t30\t-1\t",
        "5\t1\t1\t1\t1\t1\t10\t10\t120\t30\t96.1\tOficio",
        "5\t1\t1\t1\t1\t2\t140\t10\t60\t30\t95.0\t ",
        "5\t1\t1\t1\t1\t3\t210\t10\t90\t30\t91.3\tNúm.",
    ]
    words = words_from_tsv("\n".join(rows))
    assert [w.text for w in words] == ["Oficio", "Núm."]
    assert words[1].left == 210 and words[1].line == (1, 1, 1)
    assert words[1].confidence == 91.3


@pytest.mark.parametrize(
    ("dpi", "expected"),
    [
        pytest.param(300, WordBox("Núm.", 50.4, 72.0, 24.0, 31.2, 91.3), id="points-at-300-dpi"),
        pytest.param(None, WordBox("Núm.", 210, 300, 100, 130, 91.3), id="pixels-when-unknown"),
    ],
)
def test_word_boxes_are_in_points_from_the_top_left(dpi: int | None, expected: WordBox) -> None:
    word = Word("Núm.", 210, 100, 90, 30, (1, 1), (1, 1, 1), 91.3)
    assert word_boxes([word], dpi) == (expected,)


def test_ocr_of_an_acta_puts_each_signature_block_together() -> None:
    page = Image.new("L", (2550, 1100), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 44)
    blocks = (
        (250, ("C. Ernesto Villaseñor Ochoa", "Presidente Municipal")),
        (1350, ("Profra. Leticia Garduño Sosa", "Secretaria del Ayuntamiento")),
    )
    for left, (name, title) in blocks:
        draw.line((left, 380, left + 900, 380), fill=0, width=3)  # the signature line
        draw.text((left, 400), name, font=font, fill=0)
        draw.text((left, 470), title, font=font, fill=0)
    page.info["dpi"] = (300, 300)
    [read] = ocr_images([page], Settings(ocr_cache=None))
    lines = read.text.splitlines()
    for _, (name, title) in blocks:
        assert lines[lines.index(name) + 1] == title
    ernesto = next(w for w in read.words if w.text == "Ernesto")
    assert 60 < ernesto.x0 < 120 and 90 < ernesto.top < 110  # 250 and 400 px at 300 dpi
    assert ernesto.confidence is not None and ernesto.confidence > 50
