"""Hostile files written for the tests into a folder: every way an inbox can be broken. The
texts are written for the project; nothing is taken from the corpus."""

from __future__ import annotations

import io
import os
import struct
import zlib
from pathlib import Path

from fpdf import FPDF

from tests.scans import VARIANTS, render_letter, scan_jpeg

LETTER = """H. AYUNTAMIENTO DE TENANCINGO
Tenancingo, Estado de México, a 8 de julio de 2024.

ASUNTO: Entrega de informes.

Por medio del presente, este Ayuntamiento se compromete a entregar los informes trimestrales
antes del 30 de septiembre de 2024.

ATENTAMENTE

LIC. ROSARIO PEÑALOZA ARCE
Secretaria del Ayuntamiento
"""
EMPTY_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".png", ".jpg", ".jpeg", ".tif")
EMPTY_SUFFIXES += (".tiff", ".docx", "")
BOMB_BYTES = 1 << 30  # what each bomb inflates to: 1 GiB


def letter_pdf(text: str = LETTER, page: tuple[float, float] = (612, 792)) -> FPDF:
    pdf = FPDF(unit="pt", format=page)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for number, line in enumerate(text.splitlines()):
        pdf.text(72, 72 + 16 * number, line.encode("latin-1", "replace").decode("latin-1"))
    return pdf


def inflating_zeros(size: int = BOMB_BYTES) -> bytes:
    """A zlib stream that inflates to `size` zero bytes (about 1/230 of it)."""
    deflate = zlib.compressobj(1)
    block = bytes(1 << 24)
    parts = [deflate.compress(block) for _ in range(size // len(block))]
    return b"".join([*parts, deflate.flush()])


def bomb_pdf(zeros: bytes, *, as_image: bool) -> bytes:
    """A one-page PDF whose content stream (or only image, declared 40,000 x 40,000 pixels)
    inflates to gigabytes."""
    if as_image:
        content = b"q 612 0 0 792 0 0 cm /Im0 Do Q"
        image = b"<< /Type /XObject /Subtype /Image /Width 40000 /Height 40000 "
        image += b"/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode "
        objects = [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /XObject << /Im0 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            image + b"/Length %d >>\nstream\n" % len(zeros) + zeros + b"\nendstream",
        ]
    else:
        objects = [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(zeros)
            + zeros
            + b"\nendstream",
        ]
    return _pdf_file(objects)


def _pdf_file(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def bomb_png(width: int = 60_000, height: int = 60_000) -> bytes:
    """A 1-bit PNG of `width` x `height` white pixels (3.6 gigapixels), its rows compressed."""
    row = b"\x00" + b"\xff" * ((width + 7) // 8)
    deflate = zlib.compressobj(1)
    rows = row * 1000
    idat = b"".join([deflate.compress(rows) for _ in range(height // 1000)]) + deflate.flush()

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def scanned_pdf(path: Path, pages: int, dpi: int = 200) -> None:
    """A scan of `pages` pages: the project's letter, each page speckled differently (so no
    two page images are the same and the OCR cache cannot read them for free)."""
    pdf = FPDF(unit="pt", format="letter")
    page = render_letter(dpi=dpi)
    for number in range(pages):
        jpeg = scan_jpeg(page, VARIANTS[1], seed=number)
        pdf.add_page()
        pdf.image(io.BytesIO(jpeg), x=0, y=0, w=612, h=792)
    pdf.output(str(path))


def write_hostile_inbox(inbox: Path) -> dict[str, Path]:
    """Every hostile case under `inbox`, by name."""
    inbox.mkdir(parents=True, exist_ok=True)
    made: dict[str, Path] = {}

    def put(name: str | bytes, data: bytes) -> Path:
        path = inbox / (os.fsdecode(name) if isinstance(name, bytes) else name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        made[path.name] = path
        return path

    for suffix in EMPTY_SUFFIXES:
        put(f"vacio{suffix}", b"")
    good_pdf = bytes(letter_pdf().output())
    put("oficio.pdf", good_pdf)
    put("truncado.pdf", good_pdf[: len(good_pdf) // 2])
    put("solo-cabecera.pdf", b"%PDF-1.7\n")
    jpeg = scan_jpeg(render_letter(dpi=100), VARIANTS[0])
    put("truncada.jpg", jpeg[: len(jpeg) // 3])
    for name, user in (("con-clave.pdf", "secreto"), ("clave-de-propietario.pdf", "")):
        pdf = letter_pdf()
        pdf.set_encryption(owner_password="propietario", user_password=user)
        put(name, bytes(pdf.output()))
    put("gaceta-enorme.txt", ("Oficio de prueba. " * 61_112).encode())
    put(b"oficio-\xff\xfe.txt", LETTER.encode())
    put(b"binario-\xe9.txt", bytes(range(256)) * 4)
    put("a" * 251 + ".txt", LETTER.replace("julio", "agosto").encode())
    put("ñ" * 125 + ".md", LETTER.replace("julio", "junio").encode())
    zeros = inflating_zeros()
    put("bomba-contenido.pdf", bomb_pdf(zeros, as_image=False))
    put("bomba-imagen.pdf", bomb_pdf(zeros, as_image=True))
    put("bomba.png", bomb_png())
    put("hoja-gigante.pdf", bytes(letter_pdf(page=(20_000, 20_000)).output()))
    blank = FPDF(unit="pt", format=(20_000, 20_000))
    blank.add_page()
    put("hoja-gigante-en-blanco.pdf", bytes(blank.output()))
    put("carpeta.pdf/dentro.txt", LETTER.replace("julio", "mayo").encode())
    scanned_pdf(inbox / "escaneo-50-paginas.pdf", 50)
    made["escaneo-50-paginas.pdf"] = inbox / "escaneo-50-paginas.pdf"
    (inbox / "bucle-a").symlink_to("bucle-b")
    (inbox / "bucle-b").symlink_to("bucle-a")
    (inbox / "sub").mkdir()
    (inbox / "sub" / "arriba").symlink_to("..", target_is_directory=True)
    (inbox / "roto.txt").symlink_to("no-existe.txt")
    os.mkfifo(inbox / "tuberia.txt")
    return made
