"""OCR pages per second of expediente's reader (cache off) against the raw `tesseract` command on
the same page images, both using both cores.

Pages: the project's rendered scans (tests/scans.py: 200 dpi, noise, skew, quarter and half
turns) and, when ../shared is there, the image-only dev scans rendered at the configured dpi.
Raw: `tesseract page.png out -l spa` with OMP_THREAD_LIMIT=1, two processes at a time. Ours:
`extractors.readers.ocr.ocr_images` (clean-up, deskew, orientation retries, text + searchable
PDF from one run), two pages at a time. Each page image is written once as PNG for the raw run.

Usage: python bench/bench_ocr.py [--no-dev] [--no-generated] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors.readers.ocr import OCR_WORKERS, ocr_images, render_pdf_pages  # noqa: E402
from extractors.readers.tesseract import tesseract_binary  # noqa: E402
from models import Settings  # noqa: E402
from tests.scans import VARIANTS, scanned_letter  # noqa: E402

SHARED = Path(os.environ.get("EXPEDIENTE_SHARED", ROOT.parent / "shared"))
DEV_SCANS = ("L001", "L003", "L005", "L007", "L011")


@dataclass(frozen=True)
class Result:
    pages: int
    raw_seconds: float
    ours_seconds: float

    @property
    def raw_pps(self) -> float:
        return self.pages / self.raw_seconds

    @property
    def ours_pps(self) -> float:
        return self.pages / self.ours_seconds

    @property
    def ratio(self) -> float:
        """Our pages per second over raw tesseract's: 1.0 means the reader adds nothing."""
        return self.ours_pps / self.raw_pps


def page_images(settings: Settings, generated: bool, dev: bool) -> list[Image.Image]:
    """The benchmark's pages: rendered scans and the dev corpus's image-only scans."""
    images = [scanned_letter(variant) for variant in VARIANTS] if generated else []
    if dev and (SHARED / "corpus" / "dev").is_dir():
        for name in DEV_SCANS:
            path = SHARED / "corpus" / "dev" / f"{name}.pdf"
            images += render_pdf_pages(path, [0], settings.ocr_dpi)
    return images


def raw_tesseract(files: list[Path], language: str, out: Path) -> float:
    """Seconds for the plain command on every file, OCR_WORKERS processes at a time."""
    binary, env = tesseract_binary(), {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def one(file: Path) -> None:
        base = out / file.stem
        subprocess.run(
            [binary, str(file), str(base), "-l", language], env=env, check=True, capture_output=True
        )

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=OCR_WORKERS) as pool:
        list(pool.map(one, files))
    return time.perf_counter() - started


def ours(images: list[Image.Image], settings: Settings) -> float:
    """Seconds for expediente's reader on the same pages, cache off."""
    started = time.perf_counter()
    pages = ocr_images(images, settings, source="bench")
    elapsed = time.perf_counter() - started
    assert len(pages) == len(images) and all(page.text for page in pages)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-dev", action="store_true", help="skip the dev corpus scans")
    parser.add_argument("--no-generated", action="store_true", help="skip the rendered scans")
    parser.add_argument("--json", action="store_true", help="print machine-readable figures")
    args = parser.parse_args()
    settings = Settings(ocr_cache=None)
    images = page_images(settings, generated=not args.no_generated, dev=not args.no_dev)
    if not images:
        parser.error("no pages to read")
    with tempfile.TemporaryDirectory(prefix="bench-ocr-") as tmp:
        folder = Path(tmp)
        files = []
        for number, image in enumerate(images):
            files.append(folder / f"page{number:03d}.png")
            image.save(files[-1], dpi=image.info.get("dpi", (300, 300)))
        loaded = [_loaded(file) for file in files]
        raw_seconds = raw_tesseract(files, settings.ocr_language, folder)
        ours_seconds = ours(loaded, settings)
    result = Result(len(images), raw_seconds, ours_seconds)
    if args.json:
        print(json.dumps({**asdict(result), "ratio": result.ratio}))
        return
    print(f"pages: {result.pages} ({OCR_WORKERS} at a time)")
    print(f"raw tesseract:  {result.raw_pps:.3f} pages/s ({raw_seconds:.1f} s)")
    print(f"expediente:     {result.ours_pps:.3f} pages/s ({ours_seconds:.1f} s)")
    print(f"ratio ours/raw: {result.ratio:.2f}")


def _loaded(file: Path) -> Image.Image:
    """The page decoded into memory (with its resolution), the file closed."""
    with Image.open(file) as image:
        return image.copy()


if __name__ == "__main__":
    main()
