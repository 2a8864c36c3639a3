"""Render the sample oficio as two PDFs, deterministically:

- oficio_metepec_transparencia_texto.pdf: a born-digital PDF with a text layer (fpdf2);
- oficio_metepec_transparencia_escaneo.pdf: an image-only "scan" (Pillow, 200 dpi, a small skew and
  a little noise, no text layer).

Usage: python scripts/make_sample_pdfs.py [--out DIR]   (default: samples/)
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import numpy as np
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent.parent / "samples"  # outputs go beside their source
SOURCE = HERE / "oficio_metepec_transparencia.txt"
TEXT_PDF = "oficio_metepec_transparencia_texto.pdf"
SCAN_PDF = "oficio_metepec_transparencia_escaneo.pdf"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
REGULAR = FONT_DIR / "DejaVuSans.ttf"
BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
# Fixed metadata and seed: the outputs must not change from one run to the next.
CREATED = dt.datetime(2024, 3, 14, 12, 0, tzinfo=dt.UTC)
SEED = 2024
PAGE_IN = (8.5, 11.0)  # US letter, as Mexican offices print
MARGIN_IN = 1.0
FONT_PT = 10.0
LEADING = 1.35  # line height / font size
DPI = 200
SKEW_DEGREES = 0.4
JPEG_QUALITY = 40
PROSE_WIDTH = 70  # lines this long, but for the last, mean a hard-wrapped paragraph


def paragraphs(text: str) -> list[tuple[str, bool]]:
    """The lines to typeset, each with whether it is bold: the letterhead (the lines before the
    first blank one) is bold; prose hard-wrapped in the .txt is re-joined so the renderer can
    wrap it at its own margin; short lines (addressee, signature, c.c.p.) are kept as they are."""
    out: list[tuple[str, bool]] = []
    blocks = text.split("\n\n")
    for number, block in enumerate(blocks):
        lines = block.strip("\n").splitlines()
        if len(lines) > 1 and all(len(line) > PROSE_WIDTH for line in lines[:-1]):
            lines = [" ".join(lines)]
        out.extend((line, number == 0) for line in lines)
        if number < len(blocks) - 1:
            out.append(("", False))
    return out


def wrap(line: str, fits: Callable[[str], bool]) -> list[str]:
    """Break `line` at spaces into pieces that each fit; a blank line stays one blank piece."""
    pieces: list[str] = []
    current = ""
    for word in line.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and not fits(candidate):
            pieces.append(current)
            current = word
        else:
            current = candidate
    pieces.append(current)
    return pieces


def render_text_pdf(text: str, out: Path) -> None:
    """Write `text` line by line to a text-layer PDF; long lines wrap at the margin."""
    pdf = FPDF(unit="pt", format="letter")
    pdf.set_creation_date(CREATED)
    pdf.set_producer("expediente scripts/make_sample_pdfs.py")
    pdf.set_title(SOURCE.stem)
    pdf.add_font("DejaVu", "", str(REGULAR))
    pdf.add_font("DejaVu", "B", str(BOLD))
    margin = MARGIN_IN * 72
    pdf.set_margins(margin, margin, margin)
    pdf.set_auto_page_break(True, margin)
    pdf.add_page()
    width = pdf.w - 2 * margin
    for line, bold in paragraphs(text):
        pdf.set_font("DejaVu", "B" if bold else "", FONT_PT)
        for piece in wrap(line, lambda s: pdf.get_string_width(s) <= width):
            pdf.cell(w=width, h=FONT_PT * LEADING, text=piece, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(out))


def fits_within(font: ImageFont.FreeTypeFont, width: int) -> Callable[[str], bool]:
    """A test that a string set in `font` is at most `width` pixels wide."""
    return lambda text: font.getlength(text) <= width


def render_pages(text: str) -> list[Image.Image]:
    """Typeset `text` onto clean grayscale letter pages at DPI, as a printer would."""
    px = round(FONT_PT * DPI / 72)
    fonts = (ImageFont.truetype(str(REGULAR), px), ImageFont.truetype(str(BOLD), px))
    size = (round(PAGE_IN[0] * DPI), round(PAGE_IN[1] * DPI))
    margin = round(MARGIN_IN * DPI)
    step = round(px * LEADING)
    pages: list[Image.Image] = []
    page, draw, y = None, None, margin
    for line, bold in paragraphs(text):
        font = fonts[1] if bold else fonts[0]
        for piece in wrap(line, fits_within(font, size[0] - 2 * margin)):
            if page is None or y + step > size[1] - margin:
                page = Image.new("L", size, 255)
                draw = ImageDraw.Draw(page)
                pages.append(page)
                y = margin
            assert draw is not None
            draw.text((margin, y), piece, font=font, fill=25)
            y += step
    return pages


def age(page: Image.Image, rng: np.random.Generator) -> Image.Image:
    """Make a clean page look scanned: slight skew, paper grain and a few specks of dust."""
    skewed = page.rotate(SKEW_DEGREES, resample=Image.Resampling.BICUBIC, fillcolor=255)
    pixels = np.asarray(skewed, dtype=np.float64)
    pixels = pixels - 12 + rng.normal(0.0, 3.0, pixels.shape)  # off-white paper with grain
    specks = rng.random(pixels.shape) < 0.0007
    pixels[specks] = rng.uniform(40, 140, int(specks.sum()))
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), mode="L")


def render_scan_pdf(text: str, out: Path) -> None:
    """Write `text` as an image-only PDF: one JPEG image per page, no text layer at all."""
    rng = np.random.default_rng(SEED)
    pages = [age(page, rng) for page in render_pages(text)]
    stamp = CREATED.replace(tzinfo=None).timetuple()
    pages[0].save(
        out,
        "PDF",
        save_all=True,
        append_images=pages[1:],
        resolution=float(DPI),
        quality=JPEG_QUALITY,
        title=SOURCE.stem,
        producer="expediente scripts/make_sample_pdfs.py",
        creationDate=stamp,
        modDate=stamp,
    )


def main(argv: list[str] | None = None) -> int:
    """Build both PDFs from SOURCE into --out (default: beside this script)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="folder to write the PDFs to")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    text = SOURCE.read_text(encoding="utf-8")
    render_text_pdf(text, args.out / TEXT_PDF)
    render_scan_pdf(text, args.out / SCAN_PDF)
    for name in (TEXT_PDF, SCAN_PDF):
        print(f"{args.out / name}: {(args.out / name).stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
