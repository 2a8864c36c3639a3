"""Image reader (.png, .jpg/.jpeg, .tif/.tiff): every frame of the image is a page, read by OCR."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from PIL import Image, ImageSequence, UnidentifiedImageError

from extractors.readers.budget import Budget
from extractors.readers.ocr import ocr_images
from models import DocumentText, Page, Settings, UnreadableDocument

LETTER = re.compile(r"[^\W\d_]")
MIN_LETTERS = 10  # fewer letters on every page: a photo or a blank sheet, not a document
MAX_PAGES = 200  # a TIFF with more frames than this is not one document


def read_image(path: Path, settings: Settings | None = None) -> DocumentText:
    """OCR an image file, one page per frame (multi-page TIFF), within the document's time
    budget (pages past it are empty, reader "unread", and the document says why it is partial).
    Raises UnreadableDocument when the image is damaged or no text is recognised on any page."""
    settings = settings or Settings()
    frames = load_frames(path)
    budget = Budget(settings.ocr_seconds_per_document)
    pages = ocr_images(frames, settings, source=path.name, budget=budget)
    if not any(len(LETTER.findall(page.text)) >= MIN_LETTERS for page in pages):
        raise UnreadableDocument(f"{path.name}: no recognisable text in the image")
    return DocumentText.from_pages(
        pages, warnings=_low_confidence(pages), partial_reason=budget.partial_reason(len(pages))
    )


def load_frames(path: Path) -> list[Image.Image]:
    """Every frame of the image, decoded into memory (the file is closed on return)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                frames = []
                for frame in ImageSequence.Iterator(image):
                    frames.append(_loaded(frame))
                    if len(frames) > MAX_PAGES:
                        raise UnreadableDocument(
                            f"{path.name}: more than {MAX_PAGES} pages in one image"
                        )
    except (UnidentifiedImageError, Image.DecompressionBombError) as exc:
        raise UnreadableDocument(f"{path.name}: not a readable image ({exc})") from exc
    except Image.DecompressionBombWarning as exc:
        raise UnreadableDocument(f"{path.name}: the image is too large to OCR") from exc
    except (OSError, SyntaxError, ValueError) as exc:  # Pillow's errors for damaged files
        raise UnreadableDocument(f"{path.name}: damaged or truncated image ({exc})") from exc
    if not frames:
        raise UnreadableDocument(f"{path.name}: the image has no pages")
    return frames


def _loaded(frame: Image.Image) -> Image.Image:
    """A frame copied out of its file, keeping its resolution and EXIF orientation."""
    copy = frame.copy()
    copy.info = dict(frame.info)
    copy.load()
    return copy


def _low_confidence(pages: list[Page]) -> tuple[str, ...]:
    """Warnings for pages whose OCR is doubtful, so an archivist knows what to check."""
    return tuple(
        f"page {page.number}: OCR confidence {page.confidence:.0f}/100"
        for page in pages
        if page.confidence is not None and page.confidence < 60
    )
