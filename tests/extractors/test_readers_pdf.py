"""The PDF reader: text layers, encryption, damaged files, the layer judgement, OCR fallback."""

from __future__ import annotations

import time
from pathlib import Path

import pdfplumber
import pytest
from fpdf import FPDF
from fpdf.enums import EncryptionMethod
from PIL import Image, ImageDraw, ImageFont

from extractors.readers import read_file
from extractors.readers.layer import layer_problem, word_quality
from extractors.readers.pdf import better_reading, page_text
from models import DocumentText, ExpedienteError, Page, Settings, UnreadableDocument

NO_CACHE = Settings(ocr_cache=None)  # tests OCR for real and leave no cache behind

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FIRST_PAGE = (
    "Secretaría de Desarrollo Rural del Estado de Puebla\n"
    "Puebla, Pue., a 12 de agosto de 2024.\n"
    "Oficio: SDR/DG/0457/2024\n\n"
    "Ing. Everardo Cisneros Luján\n"
    "Director de Programas Hidráulicos\n"
    "P R E S E N T E"
)
SECOND_PAGE = (
    "La Secretaría se compromete a entregar los apoyos del programa de riego en el mes de "
    "septiembre, en coordinación con los ayuntamientos de la región.\n\n"
    "A T E N T A M E N T E\n"
    "Mtra. Leonor Bañuelos Tapia\n"
    "Directora General de Infraestructura"
)
SCANNED_LETTER = [
    "Secretaría de Cultura de México",
    "Morelia, Michoacán, a 9 de enero de 2025.",
    "",
    "Por medio del presente le informo que la",
    "exposición se inaugurará el próximo lunes.",
    "",
    "Atentamente",
    "Lic. Ramón Écheverría Núñez",
]


def text_pdf(path: Path, pages: list[str], **encryption: object) -> Path:
    """A born-digital PDF with one text page per string (DejaVu: every Spanish accent)."""
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=FONT)
    pdf.set_font("DejaVu", size=12)
    if encryption:
        pdf.set_encryption(**encryption)  # type: ignore[arg-type]
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 7, text)
    pdf.output(str(path))
    return path


def letter_image(lines: list[str], dpi: int = 300) -> Image.Image:
    """A letter page (Letter size) drawn at `dpi` in 12 pt DejaVu, as a scanner would give it."""
    image = Image.new("L", (int(8.5 * dpi), int(11 * dpi)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, size=int(12 * dpi / 72))
    for row, line in enumerate(lines):
        draw.text((dpi, dpi + row * int(0.3 * dpi)), line, fill=0, font=font)
    return image


def scanned_pdf(path: Path, stamp: str | None = None) -> Path:
    """An image-only PDF of a letter, optionally with a scanner app's tiny text stamp."""
    pdf = FPDF(unit="in", format="Letter")
    pdf.add_page()
    pdf.image(letter_image(SCANNED_LETTER), x=0, y=0, w=8.5, h=11)
    if stamp:
        pdf.add_font("DejaVu", fname=FONT)
        pdf.set_font("DejaVu", size=6)
        pdf.text(x=7, y=10.8, text=stamp)
    pdf.output(str(path))
    return path


def test_text_layer_pages_keep_their_offsets(tmp_path: Path) -> None:
    document = read_file(text_pdf(tmp_path / "oficio.pdf", [FIRST_PAGE, SECOND_PAGE]))
    assert document.readers == ("pdfplumber",)
    assert [p.number for p in document.pages] == [1, 2]
    assert document.pages[0].text.splitlines()[:2] == FIRST_PAGE.splitlines()[:2]
    assert "Mtra. Leonor Bañuelos Tapia\nDirectora General de Infraestructura" in document.text
    second = document.pages[1]
    assert document.text[second.start : second.end] == second.text
    assert document.page_at(document.text.index("Bañuelos")) == 2
    assert document.pages[0].confidence is None


@pytest.mark.parametrize("method", [EncryptionMethod.RC4, EncryptionMethod.AES_128])
def test_encrypted_pdf_with_empty_user_password_opens(tmp_path: Path, method: object) -> None:
    path = text_pdf(
        tmp_path / "cifrado.pdf",
        [FIRST_PAGE],
        owner_password="propietario",
        user_password="",
        encryption_method=method,
    )
    assert "Secretaría de Desarrollo Rural" in read_file(path).text


def test_pdf_with_a_user_password_is_unreadable(tmp_path: Path) -> None:
    path = text_pdf(
        tmp_path / "secreto.pdf", [FIRST_PAGE], owner_password="a", user_password="clave"
    )
    with pytest.raises(UnreadableDocument, match=r"secreto\.pdf: .*password"):
        read_file(path)


@pytest.mark.parametrize("share", [0.3, 0.5, 0.9])
def test_truncated_pdf_is_unreadable(tmp_path: Path, share: float) -> None:
    whole = text_pdf(tmp_path / "entero.pdf", [FIRST_PAGE, SECOND_PAGE]).read_bytes()
    cut = tmp_path / "cortado.pdf"
    cut.write_bytes(whole[: int(len(whole) * share)])
    with pytest.raises(UnreadableDocument, match=r"cortado\.pdf: damaged or truncated PDF") as info:
        read_file(cut)
    assert info.value.__cause__ is not None


def test_html_error_page_named_pdf_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "oficio.pdf"
    path.write_bytes(b"<html><body>404 Not Found</body></html>")
    with pytest.raises(UnreadableDocument, match=r"oficio\.pdf"):
        read_file(path)


def test_content_wins_over_extension(tmp_path: Path) -> None:
    pdf_bytes = text_pdf(tmp_path / "a.pdf", [FIRST_PAGE]).read_bytes()
    misnamed = tmp_path / "oficio.txt"
    misnamed.write_bytes(pdf_bytes)
    assert read_file(misnamed).readers == ("pdfplumber",)


GOOD = "En atención a su oficio, le informo que la Secretaría de Salud atenderá la solicitud."


@pytest.mark.parametrize(
    ("text", "image_cover", "usable"),
    [
        (GOOD, 0.0, True),
        (GOOD, 1.0, True),
        ("", 1.0, False),
        ("3", 0.0, False),
        ("Scanned by CamScanner", 1.0, False),
        ("Escaneado con CamScanner\n1/2", 0.96, False),
        ("Tabla 2024: 1,200 3,400 5,600 7,800 9,100 " * 3 + GOOD, 0.0, True),
        ("§¶•◊ ~~~ |||| ==== ++++ ***" * 8 + " Oficio 12", 0.0, False),
        ("\n".join("SECRETARIA DE SALUD DEL ESTADO DE VERACRUZ" * 2), 0.0, False),
        ("Secretar\ufffd\ufffda de Educaci\ufffd\ufffdn P\ufffdblica " * 4, 0.0, False),
        ("€.P. A<SUSTIN �IRECfOR 1ejora RE, ENT E: " * 5 + GOOD, 1.0, False),
        ("€.P. A<SUSTIN �IRECfOR 1ejora RE, ENT E: " * 5 + GOOD * 3, 0.0, True),
        (
            "Enatenciónasuoficio, leinformoquelaSecretaríadeSalud atenderálasolicitud. " * 3,
            0,
            False,
        ),
        ("La constitucionalidad del procedimiento de responsabilidades administrativas.", 1, True),
    ],
)
def test_text_layer_judgement(text: str, image_cover: float, usable: bool) -> None:
    assert (layer_problem(text, image_cover) is None) is usable


def test_word_quality_tells_garble_from_text() -> None:
    assert word_quality(GOOD) == 1.0
    assert word_quality("A<SUSTIN �IRECfOR 1ejora qe") < 0.5
    assert word_quality("") == 0.0
    # what is left of a signature's strokes is no word, clean or garbled
    assert word_quality(GOOD + " | / — |") == 1.0
    assert word_quality("Porlopresentelesolicitoatentamente su apoyo") == pytest.approx(2 / 3)


OCR_READ = "Por medio del presente le inforrno que la exposicion se inaugurara el lunes 3."
GARBLED = "€.P. A<SUSTIN �IRECfOR 1ejora RE, ENT E: Uic. Es�ephania Gissel qe Mexico"


@pytest.mark.parametrize(
    ("layer", "ocr", "winner"),
    [
        ("Scanned by CamScanner", OCR_READ, "tesseract"),
        ("", OCR_READ, "tesseract"),
        (GARBLED, OCR_READ, "tesseract"),
        (GOOD, GARBLED, "pdfplumber"),
        (GOOD, GOOD, "pdfplumber"),
    ],
)
def test_better_reading_of_a_page(layer: str, ocr: str, winner: str) -> None:
    chosen = better_reading(Page(1, layer, "pdfplumber"), Page(1, ocr, "tesseract", confidence=80))
    assert chosen.reader == winner


def test_pages_without_text_are_left_with_a_warning_when_ocr_is_off(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=FONT)
    pdf.set_font("DejaVu", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 7, FIRST_PAGE)
    pdf.add_page()
    pdf.image(letter_image(["Secretaría"], dpi=50), x=0, y=0, w=210)
    path = tmp_path / "mixto.pdf"
    pdf.output(str(path))
    document = read_file(path, ocr=False)
    assert document.readers == ("pdfplumber",)
    assert document.pages[1].text == ""
    assert document.warnings and "2" in document.warnings[0]


def test_image_only_pdf_without_ocr_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocument, match="OCR is turned off"):
        read_file(scanned_pdf(tmp_path / "escaneo.pdf"), ocr=False)


@pytest.mark.parametrize("stamp", [None, "Scanned by CamScanner"])
def test_scanned_pages_are_ocred(tmp_path: Path, stamp: str | None) -> None:
    document = read_file(scanned_pdf(tmp_path / "escaneo.pdf", stamp), NO_CACHE)
    assert document.readers == ("tesseract",)
    page = document.pages[0]
    assert page.confidence is not None and page.confidence > 70
    for word in ("Secretaría", "México", "Michoacán", "inaugurará", "Núñez"):
        assert word in document.text
    assert "CamScanner" not in document.text


def test_every_pdfplumber_test_file_is_read_or_refused(shared: Path) -> None:
    """pdfplumber's own collection of odd and broken PDFs (the small ones; the rest is slow)."""
    folder = shared / "peers" / "pdfplumber-tests"
    files = [p for p in sorted(folder.glob("*.pdf")) if p.stat().st_size < SMALL_PDF_BYTES]
    assert len(files) >= 15
    outcomes = [_read_or_refuse(path) for path in files]
    assert any(isinstance(o, DocumentText) for o in outcomes)
    assert any(isinstance(o, UnreadableDocument) for o in outcomes)


SMALL_PDF_BYTES = 60_000  # the malformed samples are small; big ones only cost time


@pytest.mark.slow
def test_every_large_pdfplumber_test_file_is_read_or_refused(shared: Path) -> None:
    folder = shared / "peers" / "pdfplumber-tests"
    files = [p for p in sorted(folder.glob("*.pdf")) if p.stat().st_size >= SMALL_PDF_BYTES]
    for path in files:
        _read_or_refuse(path)


def _read_or_refuse(path: Path) -> DocumentText | ExpedienteError:
    """Read without OCR; any exception other than expediente's own fails the test."""
    try:
        return read_file(path, ocr=False)
    except ExpedienteError as exc:
        assert path.name in str(exc)
        return exc


IMAGE_ONLY = ("L001", "L003", "L005", "L007", "L011")
GOOD_TEXT_LAYER = ("L015", "L017", "L021")
GARBLED_OCR_LAYER = ("L013",)  # a scan whose embedded OCR layer is worse than tesseract's


@pytest.mark.slow
def test_dev_corpus_pdfs(dev_corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    started = time.perf_counter()
    for path in sorted(dev_corpus.glob("L*.pdf")):
        document = read_file(path, NO_CACHE)
        assert document.text.strip(), path.name
        if path.stem in IMAGE_ONLY + GARBLED_OCR_LAYER:
            assert document.readers == ("tesseract",), path.name
        if path.stem in GOOD_TEXT_LAYER:
            assert document.readers == ("pdfplumber",), path.name
    with capsys.disabled():
        print(f"\ndev corpus PDFs read in {time.perf_counter() - started:.1f} s")


@pytest.mark.parametrize("name", GOOD_TEXT_LAYER)
def test_dev_born_digital_layers_read_without_fragments(dev_corpus: Path, name: str) -> None:
    """Rotated watermarks and margin notes no longer come out one letter per line."""
    with pdfplumber.open(dev_corpus / f"{name}.pdf", password="") as pdf:
        texts = [page_text(page) for page in pdf.pages]
    lines = [line.strip() for text in texts for line in text.splitlines() if line.strip()]
    assert len(lines) >= 10
    assert [line for line in lines if len(line) == 1 and line.isalpha()] == []
