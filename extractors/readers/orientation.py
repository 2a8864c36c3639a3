"""Which way up a page is, by tesseract's orientation and script detection (OSD)."""

from __future__ import annotations

import os
import re
import subprocess

from PIL import Image

MIN_OSD_CONFIDENCE = 1.5  # tesseract's OSD orientation confidence worth acting on
OSD_TIMEOUT_S = 60
ROTATE = re.compile(r"^Rotate:\s*(\d+)", re.MULTILINE)
OSD_CONFIDENCE = re.compile(r"^Orientation confidence:\s*([\d.]+)", re.MULTILINE)


def detect_rotation(image_path: str, binary: str, env: dict[str, str]) -> int:
    """Degrees clockwise that make the page at `image_path` upright, by tesseract's OSD;
    0 when OSD fails or is unsure (too little text, no osd data installed)."""
    command = [binary, image_path, "stdout", "--psm", "0", "-l", "osd"]
    try:
        done = subprocess.run(
            command,
            env={**os.environ, **env},
            capture_output=True,
            timeout=OSD_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return 0  # no orientation is an answer: the page is then read as it is
    report = done.stdout.decode("utf-8", errors="replace")
    rotate, sure = ROTATE.search(report), OSD_CONFIDENCE.search(report)
    if done.returncode != 0 or rotate is None or sure is None:
        return 0
    if float(sure.group(1)) < MIN_OSD_CONFIDENCE:
        return 0
    return int(rotate.group(1)) % 360


def turn(image: Image.Image, clockwise: int) -> Image.Image:
    """The image turned `clockwise` degrees (a multiple of 90), without cropping."""
    return image.rotate(-clockwise, expand=True, fillcolor=255 if image.mode == "L" else None)
