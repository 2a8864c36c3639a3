"""The second segmentation of a page that lost its dateline or closing: when it is asked for, and
how its words are merged into the first reading, on real tesseract output of a rendered page."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from PIL import ImageDraw

from extractors.readers.layout import Word, page_text, words_from_tsv
from extractors.readers.reading import PageReading
from extractors.readers.second_look import (
    SECOND_SEGMENTATION,
    expected_parts,
    merged_words,
    missing_parts,
)
from extractors.readers.tesseract import PageReader, merged_reading, tesseract_binary
from tests.extractors.test_readers_ocr import LETTER, render_page

DATELINE = LETTER[1]
DATELINE_BAND = (160 + 125 - 20, 160 + 2 * 125 - 30)  # where render_page prints LETTER[1]


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("Morelia, Mich., a 3 de marzo de 2024\n\nATENTAMENTE\nLic. Ana Ruiz", ()),
        ("Toluca, 12 de enero del presente año\nA t e n t a m e n t e", ("closing",)),
        ("Oaxaca de Juárez, 5/VI/2023\nSin otro particular, reciba un saludo", ()),
        ("El acta se levantó y firman al calce los que en ella intervinieron", ("dateline",)),
        ("Se informa que el programa continúa conforme a lo previsto.", ("dateline", "closing")),
        ("En la sesión del 27 de septiembre se aprobó el punto.", ("dateline", "closing")),
    ],
)
def test_a_page_lacks_a_dateline_or_a_closing(text: str, missing: tuple[str, ...]) -> None:
    assert missing_parts(text) == missing


@pytest.mark.parametrize(
    ("index", "count", "expected"),
    [
        (0, 1, {"dateline", "closing"}),  # a one-page letter or constancia
        (0, 3, {"dateline"}),  # the letter's dateline
        (1, 3, set()),  # a body page: no second look, whatever it lacks
        (2, 3, {"dateline", "closing"}),  # an acta's signing dateline and the signatures
    ],
)
def test_only_first_and_last_pages_are_expected_to_show_a_dateline_or_closing(
    index: int, count: int, expected: set[str]
) -> None:
    parts = expected_parts(index, count)
    assert parts == expected
    body = "Se informa que el programa continúa conforme a lo previsto."
    assert set(missing_parts(body, parts)) == expected


def word(text: str, left: int, top: int, line: int, confidence: float = 90.0) -> Word:
    return Word(text, left, top, 20 * len(text), 30, (1, line), (1, line, line), confidence)


def test_only_confident_words_the_first_reading_lacks_are_added() -> None:
    first = [word("ATENTAMENTE", 100, 100, 1), word("Director", 100, 300, 3)]
    second = [
        word("ATENTAMENTE", 104, 102, 1),  # read already: dropped
        word("Toluca,", 100, 200, 2),
        word("3", 260, 200, 2),
        word("de", 300, 200, 2),
        word("marzo", 360, 200, 2),
        word("de", 480, 200, 2),
        word("2024", 540, 200, 2),
        word("General", 300, 302, 5),  # beside "Director", on its line
        word("%&@", 700, 200, 2),  # no letters
        word("Xwq", 100, 500, 7, confidence=30.0),  # seal noise
    ]
    merged = merged_words(first, second)
    assert page_text(merged) == "ATENTAMENTE\n\nToluca, 3 de marzo de 2024\n\nDirector General"
    assert merged[-1].line == first[1].line  # "General" joined the first reading's line


def test_a_name_cut_under_a_signature_is_continued_on_its_line() -> None:
    first = [word("LIC.", 100, 400, 4), word("JOSUÉ", 200, 400, 4), word("S", 320, 400, 4)]
    second = [word("ELO", 370, 401, 9), word("POLA", 460, 401, 9)]  # a chain from "S"
    merged = merged_words(first, second)
    assert page_text(merged) == "LIC. JOSUÉ S ELO POLA"
    assert {w.line for w in merged} == {first[0].line}


def test_no_word_is_put_between_two_words_of_a_first_reading_line() -> None:
    first = [word("DE", 100, 100, 1), word("IBA", 300, 100, 1)]
    assert merged_words(first, [word("nuestra", 160, 100, 6)]) == first


@pytest.mark.parametrize(
    "second",
    [
        [word("y", 100, 400, 4), word("Ñ", 140, 400, 4)],  # short scraps
        [word("TERREN", 100, 400, 4, 65.0), word("AYUN", 300, 400, 4, 70.0)],  # seal text
        [word("ICIA", 900, 100, 4), word("CORR", 1000, 100, 4)],  # a neighbour cut otherwise
        [word("BRENDA", 100, 400, 4), word("VIANEY", 300, 400, 4)],  # a name line on its own
    ],
)
def test_fragments_and_noise_are_not_added(second: list[Word]) -> None:
    first = [word("ME.", 1300, 100, 1), word("MARÍA", 1400, 100, 1)]
    assert merged_words(first, second) == first


@pytest.fixture(scope="module")
def letter_readings() -> tuple[list[Word], list[Word]]:
    """Two real tesseract readings of a rendered letter: the first (psm 4) of the page with its
    dateline painted out, a reading that lost it; the second of the whole page as sparse text."""
    page = render_page(LETTER)
    lost = page.copy()
    ImageDraw.Draw(lost).rectangle((0, DATELINE_BAND[0], page.width, DATELINE_BAND[1]), fill=255)
    reader = PageReader(tesseract_binary(), "spa", "test")
    with tempfile.TemporaryDirectory() as tmp:
        first = reader.tesseract(lost, 300, Path(tmp))
        second = reader.run(page, 300, Path(tmp), SECOND_SEGMENTATION, ("tsv",))
    return list(first.layout), words_from_tsv(second.tsv)


def test_the_lost_dateline_comes_back_in_its_place(
    letter_readings: tuple[list[Word], list[Word]],
) -> None:
    first, second = letter_readings
    first_lines = [line for line in page_text(first).splitlines() if line]
    assert missing_parts(page_text(first)) == ("dateline",)
    merged = page_text(merged_words(first, second))
    lines = [line for line in merged.splitlines() if line]
    assert lines == [first_lines[0], DATELINE, *first_lines[1:]]  # nothing read twice
    assert missing_parts(merged) == ()


def test_merged_reading_keeps_text_words_and_boxes_together(
    letter_readings: tuple[list[Word], list[Word]],
) -> None:
    first_words, second = letter_readings
    first = PageReading(page_text(first_words), 90.0, 0, b"%PDF", (), tuple(first_words))
    merged = merged_reading(first, second, 300)
    assert DATELINE in merged.text
    assert [box.text for box in merged.words] == [w.text for w in merged.layout]
    assert len(merged.layout) > len(first_words)
    assert merged.pdf == b"%PDF" and merged.rotation == 0
    year = next(box for box in merged.words if box.text == "2023")
    assert DATELINE_BAND[0] < year.top * 300 / 72 < DATELINE_BAND[1]  # points, where printed
