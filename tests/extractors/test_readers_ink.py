"""Stamp and signature ink made pale, highlighted text turned dark on light (before OCR)."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from extractors.readers.ink import drop_stamp_ink, invert_highlights

BLACK, BLUE, RED, VIOLET = (20, 20, 20), (30, 60, 200), (200, 30, 40), (110, 40, 160)


def _page_with_text() -> Image.Image:
    page = Image.new("RGB", (800, 400), "white")
    draw = ImageDraw.Draw(page)
    for row in range(6):  # lines of "print": black bars the size of words
        for col in range(8):
            draw.rectangle((40 + col * 90, 40 + row * 50, 110 + col * 90, 60 + row * 50), BLACK)
    return page


def test_overlay_ink_becomes_pale_and_print_stays_black() -> None:
    for ink in (BLUE, RED, VIOLET):
        page = _page_with_text()
        ImageDraw.Draw(page).ellipse((300, 100, 420, 220), outline=ink, width=6)  # a seal
        gray = np.asarray(drop_stamp_ink(page))
        assert (
            gray[100:220, 300:420][np.asarray(page)[100:220, 300:420].std(axis=2) > 40].min() > 150
        )
        assert gray[45, 50] < 60  # the print under and around it is still ink


def test_a_coloured_print_is_not_taken_for_a_stamp() -> None:
    page = Image.new("RGB", (800, 400), "white")
    draw = ImageDraw.Draw(page)
    for row in range(6):  # a diploma printed in red: the colour is the text
        draw.rectangle((40, 40 + row * 50, 760, 60 + row * 50), RED)
    gray = np.asarray(drop_stamp_ink(page))
    assert gray[45, 50] < 120


def test_highlighted_text_is_inverted_and_the_rest_left_alone() -> None:
    page = Image.new("L", (1200, 1700), 255)  # a page at ~150 dpi
    draw = ImageDraw.Draw(page)
    draw.rectangle((600, 100, 900, 150), fill=0)  # the highlight box
    for x in range(610, 890, 30):  # white "letters" in it
        draw.rectangle((x, 110, x + 12, 140), fill=255)
    draw.rectangle((100, 100, 500, 150), outline=0, width=2)  # a frame, not a box
    draw.rectangle((100, 300, 400, 580), fill=0)  # a photo: far taller than a line
    out = np.asarray(invert_highlights(page))
    assert out[105, 605] > 200  # the box is paper now
    assert out[120, 615] < 50  # its letters are ink
    assert out[101, 300] < 50 and out[125, 300] > 200  # the frame is as it was
    assert out[400, 200] < 50  # the photo too


def test_a_page_without_highlights_is_returned_unchanged() -> None:
    page = _page_with_text().convert("L")
    assert invert_highlights(page) is page
