"""OCR readers with the real tesseract: images and image-only PDFs rendered here with Pillow."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from extractors.readers import read_file
from extractors.readers.images import read_image
from extractors.readers.ocr import ocr_images, ocr_pdf_pages, render_pdf_pages
from models import Settings, UnreadableDocument

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DPI = 300
SETTINGS = Settings(ocr_language="spa", ocr_dpi=DPI, ocr_cache=None)
LETTER = (
    "SECRETARÍA DE DESARROLLO URBANO Y OBRAS PÚBLICAS",
    "Ciudad de México, a 14 de agosto de 2023",
    "ASUNTO: Solicitud de información sobre la licitación",
    "Por medio del presente me permito solicitar a usted la información",
    "relativa al programa de mantenimiento de la Secretaría, así como",
    "el calendario de obras para el próximo ejercicio fiscal.",
    "A T E N T A M E N T E",
    "Ing. Maximiliano Oropeza Tirado",
    "Director General de Planeación",
)
SECOND_PAGE = (
    "c.c.p. Lic. Graciela Benavides Ortuño. Contralora Interna.",
    "Acuerdo número 27 de la sesión extraordinaria de la Comisión.",
)


def render_page(lines: tuple[str, ...], height: int = 1500) -> Image.Image:
    """A letter-width page at 300 dpi with `lines` in 11-point DejaVu Sans."""
    page = Image.new("L", (2550, height), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 46)
    for number, line in enumerate(lines):
        draw.text((220, 160 + number * 125), line, font=font, fill=0)
    page.info["dpi"] = (DPI, DPI)
    return page


def degrade(page: Image.Image, seed: int = 7) -> Image.Image:
    """The page as a poor scan: salt-and-pepper specks and heavy JPEG compression."""
    noisy = page.copy()
    pixels = noisy.load()
    assert pixels is not None
    chance = random.Random(seed)
    for _ in range(int(noisy.width * noisy.height * 0.01)):
        x, y = chance.randrange(noisy.width), chance.randrange(noisy.height)
        pixels[x, y] = 0 if chance.random() < 0.5 else 255
    buffer = io.BytesIO()
    noisy.save(buffer, "JPEG", quality=30)
    return Image.open(io.BytesIO(buffer.getvalue()))


def photograph(page: Image.Image) -> Image.Image:
    """The page as a phone photo: gray ink, light fading to a dark corner, soft focus, 150 dpi."""
    width, height = page.size
    light = Image.linear_gradient("L").rotate(-60).resize((width, height))
    light = light.point(lambda value: 255 - int(value * 0.7))
    photo = ImageChops.multiply(page.point(lambda value: 70 + int(value * 0.6)), light)
    photo = photo.filter(ImageFilter.GaussianBlur(1.5)).resize((width // 2, height // 2))
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=60)
    return Image.open(io.BytesIO(buffer.getvalue()))


@pytest.fixture(scope="module")
def letter_page() -> Image.Image:
    return render_page(LETTER)


@pytest.mark.parametrize(
    ("suffix", "save_as"),
    [(".png", "PNG"), (".jpg", "JPEG"), (".tif", "TIFF")],
)
def test_scanned_letter_image_is_read_with_accents(
    tmp_path: Path, letter_page: Image.Image, suffix: str, save_as: str
) -> None:
    path = tmp_path / f"oficio{suffix}"
    letter_page.save(path, save_as, dpi=(DPI, DPI))
    document = read_file(path, SETTINGS)
    assert document.readers == ("tesseract",)
    page = document.pages[0]
    for word in ("Secretaría", "México", "información", "Oropeza", "Planeación"):
        assert word in document.text
    assert "Ciudad de México, a 14 de agosto de 2023" in document.text
    assert page.confidence is not None and page.confidence > 80
    assert page.rotation == 0


def test_signature_block_keeps_name_and_title_on_their_own_lines(
    letter_page: Image.Image,
) -> None:
    [page] = ocr_images([letter_page], SETTINGS, source="oficio.png")
    lines = page.text.splitlines()
    assert "Ing. Maximiliano Oropeza Tirado" in lines
    assert "Director General de Planeación" in lines
    assert page.number == 1 and page.reader == "tesseract"


def test_multi_page_tiff_gives_one_page_per_frame(tmp_path: Path, letter_page: Image.Image) -> None:
    path = tmp_path / "expediente.tiff"
    second = render_page(SECOND_PAGE, height=600)
    letter_page.save(path, "TIFF", save_all=True, append_images=[second], dpi=(DPI, DPI))
    document = read_image(path, SETTINGS)
    assert [p.number for p in document.pages] == [1, 2]
    assert "Secretaría" in document.pages[0].text
    assert "Benavides Ortuño" in document.pages[1].text
    for page in document.pages:
        assert document.text[page.start : page.end] == page.text
    assert document.page_at(document.text.index("Benavides")) == 2


@pytest.mark.parametrize("degrees", [180, 90])
def test_turned_page_is_read_upright(letter_page: Image.Image, degrees: int) -> None:
    turned = letter_page.rotate(degrees, expand=True, fillcolor=255)
    turned.info["dpi"] = (DPI, DPI)
    [page] = ocr_images([turned], SETTINGS)
    assert page.rotation == degrees
    assert "Secretaría" in page.text and "México" in page.text


def test_degraded_scan_is_cleaned_before_ocr(letter_page: Image.Image) -> None:
    [page] = ocr_images([degrade(letter_page)], SETTINGS)
    for word in ("Secretaría", "México", "licitación", "Oropeza"):
        assert word in page.text
    assert page.confidence is not None and page.confidence > 70


def test_image_only_pdf_is_ocred(tmp_path: Path, letter_page: Image.Image) -> None:
    path = tmp_path / "escaneo.pdf"
    letter_page.convert("RGB").save(path, "PDF", resolution=DPI)
    [image] = render_pdf_pages(path, [0], DPI)
    assert image.info["dpi"] == (DPI, DPI)
    assert abs(image.width - letter_page.width) <= 2
    document = read_file(path, SETTINGS)
    assert document.readers == ("tesseract",)
    assert "SECRETARÍA DE DESARROLLO URBANO" in document.text
    assert "México" in document.text


def test_scanned_pdf_pages_are_ocred_a_few_at_a_time_with_their_numbers(tmp_path: Path) -> None:
    towns = ["Zacatlán", "Tecámac", "Xalapa", "Mérida", "Tonalá", "Ixtapan"]
    sheets = [
        render_page((f"Oficio número {n} dirigido a {town}",), height=400)
        for n, town in enumerate(towns, start=1)
    ]
    path = tmp_path / "expediente_escaneado.pdf"
    sheets[0].save(path, "PDF", resolution=DPI, save_all=True, append_images=sheets[1:])
    pages = ocr_pdf_pages(path, [0, 2, 3, 4, 5], SETTINGS)  # more pages than one render batch
    assert [p.number for p in pages] == [1, 3, 4, 5, 6]
    for page, town in zip(
        pages, ["Zacatlán", "Xalapa", "Mérida", "Tonalá", "Ixtapan"], strict=True
    ):
        assert town in page.text and page.reader == "tesseract"


def test_pages_are_returned_in_input_order_with_two_workers(letter_page: Image.Image) -> None:
    short = render_page(SECOND_PAGE, height=600)
    pages = ocr_images([short, letter_page, short], SETTINGS)
    assert [p.number for p in pages] == [1, 2, 3]
    assert "Benavides" in pages[0].text and "Benavides" in pages[2].text
    assert "Oropeza" in pages[1].text


def test_no_images_means_no_pages() -> None:
    assert ocr_images([], SETTINGS) == []


@pytest.mark.parametrize(("size", "shade"), [((1275, 1650), 250), ((1, 1), 0), ((3, 500), 0)])
def test_blank_or_tiny_scan_is_unreadable(
    tmp_path: Path, size: tuple[int, int], shade: int
) -> None:
    path = tmp_path / "hoja_en_blanco.png"
    Image.new("L", size, shade).save(path, dpi=(150, 150))
    with pytest.raises(UnreadableDocument, match="hoja_en_blanco.png: no recognisable text"):
        read_file(path, SETTINGS)


def test_every_peer_pdf_renders_or_is_refused(shared: Path) -> None:
    rendered = 0
    for path in sorted((shared / "peers" / "pdfplumber-tests").glob("*.pdf")):
        try:
            [image] = render_pdf_pages(path, [0], dpi=20)  # tiny: this checks pdfium, not OCR
        except UnreadableDocument as exc:
            assert path.name in str(exc)
            continue
        assert image.width > 0 and image.info["dpi"][0] > 0
        rendered += 1
    assert rendered > 10


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("cortado.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"),
        ("cortado.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"),
        ("falso.tif", b"II*\x00garbage that is not a tiff directory"),
        ("ruido.png", bytes(range(256)) * 4),
    ],
)
def test_damaged_images_are_unreadable(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableDocument, match=name):
        read_image(path, SETTINGS)


def test_truncated_image_is_unreadable(tmp_path: Path, letter_page: Image.Image) -> None:
    whole = io.BytesIO()
    letter_page.save(whole, "PNG")
    path = tmp_path / "mitad.png"
    path.write_bytes(whole.getvalue()[: len(whole.getvalue()) // 2])
    with pytest.raises(UnreadableDocument, match="mitad.png"):
        read_file(path, SETTINGS)


def test_missing_tesseract_tells_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, letter_page: Image.Image
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: no tesseract on the PATH
    with pytest.raises(UnreadableDocument, match="make install"):
        ocr_images([letter_page], SETTINGS)


def test_missing_language_data_tells_how_to_install(letter_page: Image.Image) -> None:
    with pytest.raises(UnreadableDocument, match=r"oficio.png: .*'xyz'.*make install"):
        ocr_images([letter_page], Settings(ocr_language="xyz", ocr_cache=None), source="oficio.png")


def test_coarse_scan_is_enlarged_before_ocr(tmp_path: Path, letter_page: Image.Image) -> None:
    coarse = letter_page.resize((letter_page.width // 4, letter_page.height // 4))
    path = tmp_path / "fax.png"
    coarse.save(path, dpi=(75, 75))
    document = read_file(path, SETTINGS)
    assert "Ciudad de México, a 14 de agosto de 2023" in document.text
    assert "Solicitud de información sobre la licitación" in document.text


def test_fax_with_half_height_rows_is_read(tmp_path: Path, letter_page: Image.Image) -> None:
    width, height = letter_page.width * 204 // 300, letter_page.height * 98 // 300
    fax = letter_page.resize((width, height)).convert("1")
    path = tmp_path / "fax_estandar.tif"
    fax.save(path, "TIFF", compression="group4", dpi=(204, 98))
    document = read_image(path, SETTINGS)
    assert "Ciudad de México, a 14 de agosto de 2023" in document.text


def test_photo_with_a_shadow_is_read_after_evening_the_light(letter_page: Image.Image) -> None:
    [page] = ocr_images([photograph(letter_page)], SETTINGS)
    for words in ("Solicitud de información", "Secretaría, así como", "ejercicio fiscal"):
        assert words in page.text
