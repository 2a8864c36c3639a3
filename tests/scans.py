"""Rendered scans of a known letter: the page at a given resolution with speckle noise, a slight
skew, a quarter or half turn and JPEG compression, for OCR tests and the OCR benchmark. The text
is written for the project (accents, ñ, ¿?, numbers); nothing is taken from the corpus."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
LETTER_TEXT = (
    "H. AYUNTAMIENTO CONSTITUCIONAL DE SAN JUAN DEL RÍO",
    "Dirección de Obras Públicas y Desarrollo Urbano",
    "Oficio número DOP/0458/2024",
    "San Juan del Río, Querétaro, a 27 de febrero de 2024",
    "ASUNTO: Respuesta a la solicitud de pavimentación",
    "C. Ernestina Villaseñor Quiñones",
    "Presidenta del Comité Vecinal de la colonia Peñuelas",
    "Presente",
    "En atención a su escrito del 12 de enero, le informo que la",
    "pavimentación de la calle Niños Héroes quedó incluida en el",
    "programa anual de obra, con una inversión de $1,750,000.00 y",
    "un plazo de ejecución de 90 días naturales a partir de junio.",
    "¿Tiene usted dudas sobre el calendario? Con gusto la atenderemos",
    "en nuestras oficinas, de lunes a viernes de 9:00 a 15:00 horas.",
    "Sin otro particular, reciba un cordial saludo.",
    "Atentamente",
    "Arq. Leopoldo Ibáñez Cárdenas",
    "Director de Obras Públicas",
)
POINTS = 11  # body text size of a typed letter
LETTER_INCHES = (8.5, 11.0)


@dataclass(frozen=True)
class ScanVariant:
    """How a page was scanned: resolution, skew (degrees, counter-clockwise), quarter turns
    (degrees clockwise: 90 or 180 for a sheet fed sideways or upside down), speckle share."""

    name: str
    dpi: int = 200
    skew: float = 0.0
    turn: int = 0
    speckles: float = 0.004
    jpeg_quality: int = 75


VARIANTS = (
    ScanVariant("clean", speckles=0.0, jpeg_quality=95),
    ScanVariant("noisy"),
    ScanVariant("skewed", skew=2.5),
    ScanVariant("skewed_back", skew=-1.5),
    ScanVariant("sideways", skew=1.0, turn=90),
    ScanVariant("upside_down", turn=180),
)


def expected_text(lines: tuple[str, ...] = LETTER_TEXT) -> str:
    """The text a perfect OCR would read, words separated by single spaces."""
    return " ".join(" ".join(lines).split())


def render_letter(lines: tuple[str, ...] = LETTER_TEXT, dpi: int = 200) -> Image.Image:
    """A clean letter-size page at `dpi` with `lines` in 11-point serif, double-spaced."""
    width, height = (round(side * dpi) for side in LETTER_INCHES)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, round(POINTS * dpi / 72))
    margin, step = dpi, round(POINTS * dpi / 72 * 2.2)
    for number, line in enumerate(lines):
        draw.text((margin, margin + number * step), line, font=font, fill=0)
    page.info["dpi"] = (dpi, dpi)
    return page


def scan(page: Image.Image, variant: ScanVariant, seed: int = 11) -> Image.Image:
    """`page` as scanned in `variant` (see scan_jpeg), decoded."""
    return Image.open(io.BytesIO(scan_jpeg(page, variant, seed)))


def scan_jpeg(page: Image.Image, variant: ScanVariant, seed: int = 11) -> bytes:
    """`page` as scanned in `variant`: skewed, speckled, turned; the JPEG file's bytes, which
    declare the variant's resolution."""
    skewed = page.rotate(variant.skew, resample=Image.Resampling.BICUBIC, fillcolor=255)
    noisy = speckle(skewed, variant.speckles, seed)
    turned = noisy.rotate(-variant.turn, expand=True) if variant.turn else noisy
    buffer = io.BytesIO()
    turned.save(buffer, "JPEG", quality=variant.jpeg_quality, dpi=(variant.dpi, variant.dpi))
    return buffer.getvalue()


def speckle(page: Image.Image, share: float, seed: int) -> Image.Image:
    """`page` with a `share` of its pixels turned black or white at random (dust, toner)."""
    noisy = page.copy()
    pixels = noisy.load()
    assert pixels is not None
    chance = random.Random(seed)
    for _ in range(int(noisy.width * noisy.height * share)):
        x, y = chance.randrange(noisy.width), chance.randrange(noisy.height)
        pixels[x, y] = 0 if chance.random() < 0.5 else 255
    return noisy


def scanned_letter(variant: ScanVariant) -> Image.Image:
    """The project's letter rendered and scanned as `variant`."""
    return scan(render_letter(dpi=variant.dpi), variant)


def scanned_letter_jpeg(variant: ScanVariant) -> bytes:
    """The project's letter rendered and scanned as `variant`, as a JPEG file's bytes."""
    return scan_jpeg(render_letter(dpi=variant.dpi), variant)
