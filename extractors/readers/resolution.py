"""How finely a page image was scanned, and enlarging coarse ones: tesseract misreads letters
whose strokes are a pixel or two wide (measured: a 75 dpi page read at 50% confidence with
garbled words, the same page enlarged 2x at 97%)."""

from __future__ import annotations

from PIL import Image

TARGET_DPI = 300  # what tesseract is trained for
MIN_DPI = 200  # coarser pages are enlarged to TARGET_DPI
TARGET_SIDE = 3300  # the longest side of a letter-size page at 300 dpi
SMALL_SIDE = 2000  # an image of unknown resolution smaller than this is a coarse page
MAX_FACTOR = 4.0
MIN_PAGE_INCHES, MAX_PAGE_INCHES = 2.0, 20.0  # longest side of anything from a receipt to a plan


def declared_dpi(image: Image.Image) -> int | None:
    """The resolution the image declares (the finer axis: see square_pixels), if plausible for a
    sheet of paper (phone photos often declare 72 dpi for 4000 pixels: a 55-inch page); None lets
    tesseract estimate it."""
    declared = image.info.get("dpi")
    try:
        value = round(max(float(v) for v in declared[:2])) if declared else 0
    except (TypeError, ValueError):
        return None
    if not 70 <= value <= 1200:
        return None
    inches = max(image.size) / value
    return value if MIN_PAGE_INCHES <= inches <= MAX_PAGE_INCHES else None


def square_pixels(gray: Image.Image, declared: object) -> Image.Image:
    """The page with square pixels: fax "standard" mode scans 204 x 98 dpi, which squashes
    letters to half height unless the rows are doubled."""
    try:
        across, down = (float(v) for v in declared)  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        return gray
    if min(across, down) <= 0 or abs(across - down) <= 0.1 * max(across, down):
        return gray
    size = (gray.width, round(gray.height * across / down))
    if across < down:
        size = (round(gray.width * down / across), gray.height)
    return gray.resize(size, Image.Resampling.LANCZOS)


def enlargement(size: tuple[int, int], dpi: int | None) -> float:
    """How much to enlarge a page of `size` pixels scanned at `dpi` (1.0: leave it)."""
    if dpi is not None:
        return min(MAX_FACTOR, TARGET_DPI / dpi) if dpi < MIN_DPI else 1.0
    longest = max(size)
    return min(MAX_FACTOR, TARGET_SIDE / max(longest, 1)) if longest < SMALL_SIDE else 1.0


def enlarge(gray: Image.Image, dpi: int | None) -> tuple[Image.Image, int | None]:
    """The grayscale page enlarged when coarse, with its resolution after enlarging."""
    factor = enlargement(gray.size, dpi)
    if factor <= 1.0:
        return gray, dpi
    size = (round(gray.width * factor), round(gray.height * factor))
    bigger = gray.resize(size, Image.Resampling.LANCZOS)
    return bigger, round(dpi * factor) if dpi else None
