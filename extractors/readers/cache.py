"""OCR results cached on disk by page-image hash: reading the same page again (re-ingesting,
re-extracting) never runs tesseract again.

One JSON file per page (text, confidence, rotation, word boxes as compact rows) and, beside it,
the page's searchable PDF.
The key covers everything that changes the output: the image's pixels, size, mode and declared
resolution, the tesseract version, the language and the reader's own options.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PIL import Image

from extractors.readers.reading import PageReading
from models import WordBox

EXIF_ORIENTATION = 0x0112  # the clean-up turns the page by it: part of what tesseract sees


def page_key(image: Image.Image, options: Mapping[str, object]) -> str:
    """The sha256 (hex) of a page image's pixels and of the OCR `options` that change output."""
    digest = hashlib.sha256()
    described = {
        "mode": image.mode,
        "size": list(image.size),
        "dpi": [float(v) for v in image.info.get("dpi", ())[:2]],
        "orientation": image.getexif().get(EXIF_ORIENTATION, 1),
        "options": {name: str(value) for name, value in sorted(options.items())},
    }
    digest.update(json.dumps(described, sort_keys=True).encode("utf-8"))
    digest.update(image.tobytes())
    return digest.hexdigest()


class OcrCache:
    """A folder of cached page readings; `None` as folder caches nothing."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def get(self, key: str) -> PageReading | None:
        """The cached reading for `key`, or None (absent, unreadable or half-written)."""
        if self.folder is None:
            return None
        entry = self._path(key, ".json")
        try:
            stored = json.loads(entry.read_text(encoding="utf-8"))
            pdf = self._path(key, ".pdf").read_bytes() if stored["pdf"] else None
            words = tuple(_word(row) for row in stored["words"])
            return PageReading(
                str(stored["text"]), stored["confidence"], int(stored["rotation"]), pdf, words
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None  # a missing or damaged entry is a miss: the page is read again

    def put(self, key: str, reading: PageReading) -> None:
        """Store a reading; the PDF first, so an entry never points at a missing PDF."""
        if self.folder is None:
            return
        if reading.pdf is not None:
            _write_atomic(self._path(key, ".pdf"), reading.pdf)
        stored = {
            "text": reading.text,
            "confidence": reading.confidence,
            "rotation": reading.rotation,
            "pdf": reading.pdf is not None,
            "words": [[w.text, w.x0, w.x1, w.top, w.bottom, w.confidence] for w in reading.words],
        }
        _write_atomic(self._path(key, ".json"), json.dumps(stored, ensure_ascii=False).encode())

    def _path(self, key: str, suffix: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}{suffix}"


def _word(row: list[Any]) -> WordBox:
    """A WordBox from its cached row [text, x0, x1, top, bottom, confidence]."""
    text, x0, x1, top, bottom, confidence = row
    score = None if confidence is None else float(confidence)
    return WordBox(str(text), float(x0), float(x1), float(top), float(bottom), score)


def _write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
