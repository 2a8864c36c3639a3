"""Page clean-up before OCR and the choice of a reading: pure image and text functions (no
tesseract run here; the end-to-end OCR tests are in test_readers_ocr.py)."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.readers.illumination import flatten_illumination
from extractors.readers.ocr import grayscale, mean_confidence, prepare
from extractors.readers.reading import PageReading, best_reading, is_blank
from extractors.readers.resolution import declared_dpi, enlargement


def gray_at(image: Image.Image, xy: tuple[int, int]) -> int:
    """The gray level (0 black - 255 white) of one pixel of a grayscale image."""
    value = image.getpixel(xy)
    assert isinstance(value, int)
    return value


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "P", "1", "CMYK", "I;16", "LA"])
def test_grayscale_puts_every_mode_on_white(mode: str) -> None:
    image = Image.new("RGBA", (60, 40), (255, 255, 255, 0))
    ImageDraw.Draw(image).rectangle((20, 10, 40, 30), fill=(0, 0, 0, 255))
    if mode == "I;16":
        source = Image.new("I;16", (60, 40), 65535)
        ImageDraw.Draw(source).rectangle((20, 10, 40, 30), fill=0)
    elif mode == "RGBA":
        source = image
    else:
        source = image.convert(mode) if mode != "LA" else image.convert("LA")
    prepared = grayscale(source)
    assert prepared.mode == "L" and prepared.size == (60, 40)
    assert gray_at(prepared, (5, 5)) > 200  # background (transparent ones too) is white
    assert gray_at(prepared, (30, 20)) < 60  # the ink stays dark


def test_prepare_applies_exif_orientation() -> None:
    photo = Image.new("RGB", (80, 40), "white")
    exif = photo.getexif()
    exif[0x0112] = 6  # "rotate 90 clockwise to display": how phones store portrait shots
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", exif=exif.tobytes())
    prepared, _ = prepare(Image.open(io.BytesIO(buffer.getvalue())))
    assert prepared.height > prepared.width  # turned upright (and enlarged: it is tiny)


TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight"


def tsv_row(level: int, conf: float, text: str) -> str:
    """One row of tesseract's TSV output with dummy positions."""
    return "\t".join([str(level), "1", "1", "1", "1", "1", "0", "0", "9", "9", str(conf), text])


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([tsv_row(5, 90, "Oficio"), tsv_row(5, 70, "Núm.")], 80.0),
        ([tsv_row(4, -1, ""), tsv_row(5, 95.5, "México")], 95.5),
        ([tsv_row(5, -1, " "), tsv_row(5, 12, " ")], None),
        ([], None),
    ],
)
def test_mean_confidence_averages_recognised_words(rows: list[str], expected: float | None) -> None:
    assert mean_confidence("\n".join([TSV_HEADER + "\tconf\ttext", *rows])) == expected


@pytest.mark.parametrize(
    ("size", "dpi", "expected"),
    [
        ((2550, 3300), 300, 1.0),  # a letter page at 300 dpi
        ((850, 1100), 100, 3.0),  # a fax-quality page
        ((600, 800), 50, 4.0),  # never more than 4x
        ((1275, 1650), None, 2.0),  # unknown resolution, small: a coarse page
        ((4032, 3024), None, 1.0),  # a phone photo
    ],
)
def test_enlargement_brings_coarse_pages_to_300_dpi(
    size: tuple[int, int], dpi: int | None, expected: float
) -> None:
    assert enlargement(size, dpi) == pytest.approx(expected, rel=0.01)


@pytest.mark.parametrize(
    ("size", "dpi", "expected"),
    [
        ((2550, 3300), (300, 300), 300),
        ((1700, 2200), (200.0, 200.0), 200),
        ((4032, 3024), (72, 72), None),  # 56 inches: a phone's default, not the paper's
        ((2550, 3300), (1, 1), None),
    ],
)
def test_declared_dpi_is_trusted_only_when_plausible(
    size: tuple[int, int], dpi: tuple[float, float], expected: int | None
) -> None:
    image = Image.new("L", size, 255)
    image.info["dpi"] = dpi
    assert declared_dpi(image) == expected


def test_flatten_illumination_whitens_shaded_paper_and_keeps_ink() -> None:
    shade = Image.linear_gradient("L").resize((400, 400)).point(lambda v: 255 - int(v * 0.6))
    page = shade.copy()
    ImageDraw.Draw(page).rectangle((180, 300, 220, 390), fill=20)  # ink in the dark part
    flat = flatten_illumination(page)
    assert gray_at(page, (10, 390)) < 110  # the shaded paper before
    assert gray_at(flat, (10, 10)) > 240 and gray_at(flat, (10, 390)) > 200
    assert gray_at(flat, (200, 350)) < 80


@pytest.mark.parametrize(
    ("readings", "rotation", "expected"),
    [
        # a good first reading is kept without asking for the orientation
        ([("Oficio " * 20, 91.0)], 180, ("Oficio " * 20, 91.0, 0)),
        # poor, upright: the evened-out reading wins only when it finds much more
        ([("ruido", 30.0), ("Oficio número 12 " * 8, 88.0)], 0, ("Oficio número 12 " * 8, 88.0, 0)),
        ([("Asunto oficio", 50.0), ("Asunto oficio", 52.0)], 0, ("Asunto oficio", 50.0, 0)),
        # turned: the upright reading wins and stops there
        ([("xx", 20.0), ("Toluca, México " * 8, 93.0)], 180, ("Toluca, México " * 8, 93.0, 180)),
    ],
)
def test_best_reading_keeps_a_retry_only_when_better(
    readings: list[tuple[str, float]], rotation: int, expected: tuple[str, float, int]
) -> None:
    page = Image.new("L", (40, 40), 255)
    ImageDraw.Draw(page).rectangle((10, 10, 30, 14), fill=0)  # some ink: not a blank page
    answers = iter(PageReading(text, confidence) for text, confidence in readings)
    chosen = best_reading(page, lambda _: next(answers), lambda _: rotation)
    assert (chosen.text, chosen.confidence, chosen.rotation) == expected


UPSIDE_DOWN = ("seuap1e) zaueq] opjodos7 " * 20, 42.75)  # what tesseract reads of one
UPRIGHT = ("Toluca, México, a 3 de mayo " * 20, 93.0)


def test_an_upside_down_page_is_read_turned_without_orientation_detection() -> None:
    page = Image.new("L", (40, 40), 255)
    ImageDraw.Draw(page).rectangle((10, 10, 30, 14), fill=0)
    answers = iter(PageReading(text, confidence) for text, confidence in [UPSIDE_DOWN, UPRIGHT])

    def never(_: Image.Image) -> int:
        raise AssertionError("orientation detection ran for a page the half turn settled")

    chosen = best_reading(page, lambda _: next(answers), never)
    assert (chosen.text, chosen.rotation) == (UPRIGHT[0], 180)


def test_a_half_turn_that_reads_no_better_leaves_it_to_orientation_detection() -> None:
    page = Image.new("L", (40, 40), 255)
    ImageDraw.Draw(page).rectangle((10, 10, 30, 14), fill=0)
    readings = [UPSIDE_DOWN, ("xx", 10.0), UPRIGHT]  # as it is, half turn, quarter turn
    answers = iter(PageReading(text, confidence) for text, confidence in readings)
    chosen = best_reading(page, lambda _: next(answers), lambda _: 90)
    assert (chosen.text, chosen.rotation) == (UPRIGHT[0], 90)


def test_blank_page_is_not_read() -> None:
    back_side = Image.new("L", (2550, 3300), 252)
    ImageDraw.Draw(back_side).point([(100, 100), (2000, 3000)], fill=0)  # two specks of dust

    def never(_: Image.Image) -> PageReading:
        raise AssertionError("a blank page was sent to tesseract")

    assert is_blank(back_side)
    assert best_reading(back_side, never, lambda _: 0) == PageReading("", None, 0)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 46)
    ImageDraw.Draw(back_side).text((300, 300), "Anexo 1", font=font, fill=0)  # one word: a page
    assert not is_blank(back_side)
