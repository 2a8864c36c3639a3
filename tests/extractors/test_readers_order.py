"""Reading order and mended words in PDF text layers: scrambled drawing order, two columns,
side-by-side signature blocks, rotated watermarks and letter-spaced words."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from fpdf import FPDF

from extractors.readers import read_file
from extractors.readers.order import Box, find_gutter, group_lines, reading_order
from extractors.readers.pdf import page_text

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
LEFT_COLUMN = [
    "El Ayuntamiento de San Isidro informa que",
    "las obras de drenaje en la colonia Centro",
    "concluirán antes del mes de noviembre,",
    "según el programa aprobado en sesión.",
    "La Dirección de Obras Públicas dará aviso",
]
RIGHT_COLUMN = [
    "Artículo 3. El Comité se integrará por",
    "la Presidenta Municipal, el Síndico y",
    "tres regidores de distintas fuerzas",
    "políticas que integren el Cabildo local.",
    "Artículo 4. Los cargos serán honoríficos.",
]
LETTER = [
    "Secretaría de Movilidad del Estado de Jalisco",
    "Guadalajara, Jalisco, a 3 de febrero de 2025.",
    "Por medio del presente le informo que la ruta",
    "de transporte escolar comenzará el lunes próximo.",
    "Atentamente",
    "Lic. Fermín Oropeza Landa",
]


def new_pdf() -> FPDF:
    pdf = FPDF(unit="pt", format="Letter")
    pdf.add_font("DejaVu", fname=FONT)
    pdf.set_font("DejaVu", size=10)
    pdf.add_page()
    return pdf


def save(pdf: FPDF, path: Path) -> Path:
    pdf.output(str(path))
    return path


def first_page_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return page_text(pdf.pages[0])


def test_text_drawn_out_of_order_reads_top_down(tmp_path: Path) -> None:
    pdf = new_pdf()
    for row in (3, 0, 5, 1, 4, 2):  # the content stream draws lines in a shuffled order
        pdf.text(x=72, y=100 + 16 * row, text=LETTER[row])
    document = read_file(save(pdf, tmp_path / "desorden.pdf"))
    assert document.text.splitlines() == LETTER


def two_column_pdf(
    path: Path, gutter: float = 24.0, right_first: bool = True, offset: float = 0.0
) -> Path:
    pdf = new_pdf()
    pdf.set_font("DejaVu", size=12)
    pdf.text(x=72, y=60, text="GACETA MUNICIPAL DE SAN ISIDRO")
    pdf.set_font("DejaVu", size=10)
    right_x = 72 + 220 + gutter
    columns = [(right_x, RIGHT_COLUMN), (72, LEFT_COLUMN)]
    for x, lines in columns if right_first else reversed(columns):
        for row, line in enumerate(lines):
            pdf.text(x=x, y=100 + 14 * row + (offset if x == right_x else 0.0), text=line)
    pdf.text(x=72, y=400, text="Página 1 de 2")
    return save(pdf, path)


@pytest.mark.parametrize("right_first", [True, False])
def test_two_columns_are_read_one_after_the_other(tmp_path: Path, right_first: bool) -> None:
    text = read_file(two_column_pdf(tmp_path / "gaceta.pdf", right_first=right_first)).text
    lines = [line for line in text.splitlines() if line]
    assert lines == ["GACETA MUNICIPAL DE SAN ISIDRO", *LEFT_COLUMN, *RIGHT_COLUMN, "Página 1 de 2"]


def test_columns_whose_lines_are_not_level_are_read_one_after_the_other(tmp_path: Path) -> None:
    # a poster's columns set apart by half a line: no printed line has text on both sides
    text = read_file(two_column_pdf(tmp_path / "cartel.pdf", offset=7.0)).text
    lines = [line for line in text.splitlines() if line]
    assert lines == ["GACETA MUNICIPAL DE SAN ISIDRO", *LEFT_COLUMN, *RIGHT_COLUMN, "Página 1 de 2"]


def test_signature_blocks_side_by_side_are_read_block_by_block(tmp_path: Path) -> None:
    pdf = new_pdf()
    pdf.text(x=72, y=80, text="Firman de conformidad los que en ella intervinieron.")
    blocks = [
        ["Lic. Marisol Quintero Ávila", "Presidenta Municipal", "Ayuntamiento de San Isidro"],
        ["Ing. Baltasar Ochoa Reyna", "Síndico Municipal", "Ayuntamiento de San Isidro"],
    ]
    for x, block in zip((72, 330), blocks, strict=True):
        for row, line in enumerate(block):
            pdf.text(x=x, y=140 + 14 * row, text=line)
    text = first_page_text(save(pdf, tmp_path / "firmas.pdf"))
    assert "Lic. Marisol Quintero Ávila\nPresidenta Municipal\nAyuntamiento de San Isidro" in text
    assert "Ing. Baltasar Ochoa Reyna\nSíndico Municipal" in text
    assert text.index("Marisol") < text.index("Baltasar")


@pytest.mark.parametrize(
    ("label", "value"),
    [("Oficio:", "SMJ/DG/0311/2025"), ("Asunto:", "Se solicita información"), ("Fecha:", "")],
)
def test_label_and_value_rows_stay_on_their_line(tmp_path: Path, label: str, value: str) -> None:
    pdf = new_pdf()
    rows = [("Oficio:", "SMJ/DG/0311/2025"), ("Asunto:", "Se solicita información")]
    rows += [("Fecha:", "14 de marzo de 2025"), ("Anexos:", "Dos carpetas")]
    for row, (key, val) in enumerate(rows):
        pdf.text(x=72, y=100 + 14 * row, text=key)
        pdf.text(x=160, y=100 + 14 * row, text=val)
    pdf.multi_cell(0, 14, " ".join(LETTER * 2), new_x="LMARGIN")
    text = first_page_text(save(pdf, tmp_path / "datos.pdf"))
    assert f"{label} {value}".strip() in text


def test_rotated_watermark_is_left_out(tmp_path: Path) -> None:
    pdf = new_pdf()
    for row, line in enumerate(LETTER):
        pdf.text(x=72, y=100 + 16 * row, text=line)
    pdf.set_font("DejaVu", size=48)
    with pdf.rotation(angle=45, x=300, y=300):
        pdf.text(x=150, y=300, text="COPIA SIN VALOR")
    with pdf.rotation(angle=90, x=40, y=500):
        pdf.set_font("DejaVu", size=8)
        pdf.text(x=40, y=500, text="Versión digital de consulta")
    text = read_file(save(pdf, tmp_path / "marca.pdf")).text
    assert text.splitlines() == LETTER


@pytest.mark.parametrize("spacing", [3.5, 5.0])
def test_letter_spaced_words_are_mended(tmp_path: Path, spacing: float) -> None:
    pdf = new_pdf()
    pdf.set_font("DejaVu", size=12)
    pdf.set_char_spacing(spacing)  # wider than pdfplumber's fixed 3 pt: each letter a word
    pdf.text(x=72, y=80, text="Secretaría de Educación Pública")
    pdf.set_char_spacing(0)
    for row, line in enumerate(LETTER):
        pdf.text(x=72, y=120 + 16 * row, text=line)
    text = first_page_text(save(pdf, tmp_path / "espaciado.pdf"))
    assert text.splitlines()[0] == "Secretaría de Educación Pública"


def box(text: str, x0: float, top: float, size: float = 10.0) -> Box:
    return Box(text, x0, x0 + 6 * len(text), top, top + size)


def text_line(text: str, top: float, x0: float = 72.0) -> list[Box]:
    """Word boxes of one line set at 6 pt a letter with a 3 pt space."""
    boxes = []
    for word in text.split():
        boxes.append(box(word, x0, top))
        x0 = boxes[-1].x1 + 3
    return boxes


def test_single_column_has_no_gutter() -> None:
    lines = group_lines([b for r, line in enumerate(LETTER) for b in text_line(line, 100 + 14 * r)])
    assert len(lines) == len(LETTER)
    assert find_gutter(lines) is None
    assert reading_order(lines) == [lines]


def test_columns_found_from_boxes() -> None:
    boxes = [b for r, line in enumerate(LEFT_COLUMN) for b in text_line(line, 100 + 14 * r)]
    boxes += [b for r, line in enumerate(RIGHT_COLUMN) for b in text_line(line, 100 + 14 * r, 360)]
    lines = group_lines(boxes)
    gutter = find_gutter(lines)
    assert gutter is not None and gutter.split_lines == len(LEFT_COLUMN)
    blocks = reading_order(lines)
    assert [" ".join(b.text for b in line) for line in blocks[0]] == LEFT_COLUMN
    assert [" ".join(b.text for b in line) for line in blocks[1]] == RIGHT_COLUMN


def test_words_on_one_baseline_group_into_one_line() -> None:
    lines = group_lines(
        [box("Puebla,", 72, 100.0), box("Pue.", 120, 101.5, 12), box("a", 150, 140)]
    )
    assert [[b.text for b in line] for line in lines] == [["Puebla,", "Pue."], ["a"]]
