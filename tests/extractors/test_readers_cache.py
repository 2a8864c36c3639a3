"""The OCR cache: a page read once is never OCRed again; its key follows what changes output."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PIL import Image

from extractors.readers import read_file
from extractors.readers.cache import OcrCache, page_key
from extractors.readers.reading import PageReading
from models import Settings, WordBox
from models.config import default_ocr_cache
from tests.scans import VARIANTS, render_letter, scan

UPSIDE_DOWN = next(v for v in VARIANTS if v.turn == 180)


@pytest.fixture(scope="module")
def scanned_tiff(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A two-page scanned TIFF: an upright page and an upside-down one."""
    first = scan(render_letter(("Oficio número 31 de la Tesorería Municipal",) * 3), VARIANTS[1])
    second = scan(render_letter(), UPSIDE_DOWN)
    path = tmp_path_factory.mktemp("scans") / "expediente.tif"
    first.save(path, "TIFF", save_all=True, append_images=[second], dpi=(200, 200))
    return path


def test_second_read_of_a_scan_runs_no_tesseract(
    tmp_path: Path, scanned_tiff: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(ocr_cache=tmp_path / "cache")
    first = read_file(scanned_tiff, settings)
    assert len(list((tmp_path / "cache").rglob("*.json"))) == 2
    assert len(list((tmp_path / "cache").rglob("*.pdf"))) == 2
    real_run = subprocess.run
    ocr_calls: list[list[str]] = []

    def watching(command: list[str], *args: object, **kwargs: object) -> object:
        if "--version" not in command:
            ocr_calls.append(command)
            raise AssertionError(f"tesseract ran on a cached page: {command}")
        return real_run(command, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(subprocess, "run", watching)
    again = read_file(scanned_tiff, settings)
    assert ocr_calls == []
    assert again.text == first.text and "Tesorería" in again.text
    assert [p.rotation for p in again.pages] == [0, 180]
    assert [p.confidence for p in again.pages] == [p.confidence for p in first.pages]
    assert [p.words for p in again.pages] == [p.words for p in first.pages]
    assert any(w.text == "Tesorería" for w in again.pages[0].words)
    assert all(p.layer_pdf and p.layer_pdf.startswith(b"%PDF") for p in again.pages)


def test_without_a_cache_folder_nothing_is_stored(tmp_path: Path) -> None:
    cache = OcrCache(None)
    cache.put("ab" * 32, PageReading("Oficio", 90.0))
    assert cache.get("ab" * 32) is None


def test_cache_round_trip_and_damaged_entries(tmp_path: Path) -> None:
    cache = OcrCache(tmp_path)
    key = "cd" * 32
    words = (WordBox("Señora", 72.0, 101.5, 80.2, 88.0, 93.0), WordBox("~", 110, 112, 80, 88, 12))
    reading = PageReading("Señora Quiñones, ¿asistirá?", 88.5, 90, b"%PDF-1.5 page", words)
    cache.put(key, reading)
    back = cache.get(key)
    assert back == reading and back is not None and back.pdf == b"%PDF-1.5 page"
    assert back.words == words
    assert not list(tmp_path.rglob(".tmp-*"))  # atomic writes leave no temporary files
    (tmp_path / key[:2] / f"{key}.json").write_text('{"text": "Ofic', encoding="utf-8")
    assert cache.get(key) is None  # a half-written entry is a miss, not an error
    cache.put(key, PageReading("", None))
    assert cache.get(key) == PageReading("", None)


def _page(shade: int = 255, dpi: int = 200) -> Image.Image:
    image = Image.new("L", (50, 40), shade)
    image.info["dpi"] = (dpi, dpi)
    return image


OPTIONS = {"tesseract": "tesseract 5.3.0", "language": "spa", "psm": "4"}


@pytest.mark.parametrize(
    ("image", "options", "same"),
    [
        (_page(), OPTIONS, True),
        (_page(shade=254), OPTIONS, False),  # one gray level of difference: another page
        (_page(dpi=300), OPTIONS, False),  # the resolution changes the clean-up
        (_page(), {**OPTIONS, "language": "spa+eng"}, False),
        (_page(), {**OPTIONS, "tesseract": "tesseract 5.4.1"}, False),
    ],
)
def test_page_key_follows_pixels_and_options(
    image: Image.Image, options: dict[str, object], same: bool
) -> None:
    assert (page_key(image, options) == page_key(_page(), OPTIONS)) is same


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"EXPEDIENTE_OCR_CACHE": "/srv/cache/ocr"}, Path("/srv/cache/ocr")),
        ({"EXPEDIENTE_OCR_CACHE": "off"}, None),
        ({"EXPEDIENTE_OCR_CACHE": ""}, None),
        ({"XDG_CACHE_HOME": "/var/cache/archivo"}, Path("/var/cache/archivo/expediente/ocr")),
        ({}, Path.home() / ".cache" / "expediente" / "ocr"),
    ],
)
def test_ocr_cache_folder_from_environment(env: dict[str, str], expected: Path | None) -> None:
    assert default_ocr_cache(env) == expected


def test_settings_read_budget_and_cache_from_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("EXPEDIENTE_OCR_BUDGET", "120")
    monkeypatch.setenv("EXPEDIENTE_OCR_CACHE", str(tmp_path))
    settings = Settings.from_env()
    assert settings.ocr_seconds_per_document == 120.0
    assert settings.ocr_cache == tmp_path
    assert Settings().ocr_seconds_per_document == 900.0
