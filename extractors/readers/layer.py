"""Whether a PDF page's text layer can be trusted or the page must be OCRed instead."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors import cues
from models.normalise import fold, fold_words


@dataclass(frozen=True)
class LayerThresholds:
    """The one place the judgement's numbers live."""

    min_letters: int = 40  # fewer letters than a dateline: a scan with a stamp or page number
    min_word_char_share: float = 0.5  # letters and digits among visible characters: else garbage
    max_replacement_share: float = 0.02  # U+FFFD: glyphs without a Unicode mapping
    max_single_char_line_share: float = 0.6  # letters one per line: rotated or scrambled layer
    long_word_letters: int = 20  # Spanish words stay under this; longer runs are glued words
    max_long_word_share: float = 0.15  # more glued tokens than this: the layer dropped spaces
    scan_cover: float = 0.9  # an image over 90 % of the page: a scan, its text layer someone's OCR
    min_scan_word_quality: float = 0.95  # below this share of clean words a scan's OCR is redone


THRESHOLDS = LayerThresholds()
LETTER = re.compile(r"[^\W\d_]")
WORD_CHAR = re.compile(r"[^\W_]")
LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")  # scripts written without spaces do not count
ADDRESS = re.compile(r"://|@|www\.", re.I)  # web and mail addresses are long by nature
# A clean token: a word in lower, Capitalised or UPPER case, or a number, with its punctuation.
CLEAN_WORD = re.compile(
    r"[¿¡(\"“«'‘]*(?:[^\W\d_]?[^\W\d_A-ZÁÉÍÓÚÑÜ]+|[A-ZÁÉÍÓÚÑÜ]+|\d+(?:[.,:/-]\d+)*)"
    r"[.,;:)\"”»'’!?-]*"
)


def layer_problem(
    text: str, image_cover: float = 0.0, limits: LayerThresholds = THRESHOLDS
) -> str | None:
    """Why the text layer of a page is useless (a short reason), or None when it is usable.
    `image_cover` is the share of the page under its largest image (1.0 for a full-page scan)."""
    letters = len(LETTER.findall(_without_scanner_marks(text)))
    visible = len(re.sub(r"\s", "", text))
    if letters < limits.min_letters:
        return f"only {letters} letters in the text layer"
    if len(WORD_CHAR.findall(text)) < limits.min_word_char_share * visible:
        return "the text layer is mostly not letters or digits"
    if text.count("\ufffd") > limits.max_replacement_share * visible:
        return "the text layer has unmapped glyphs"
    lines = [line for line in text.splitlines() if line.strip()]
    single = sum(1 for line in lines if len(line.strip()) == 1)
    if lines and single > limits.max_single_char_line_share * len(lines):
        return "the text layer has one character per line"
    if _long_word_share(text, limits.long_word_letters) > limits.max_long_word_share:
        return "the text layer runs words together"
    if image_cover >= limits.scan_cover and word_quality(text) < limits.min_scan_word_quality:
        return "the scanned page's text layer looks like bad OCR"
    return None


def has_enough_letters(text: str, limits: LayerThresholds = THRESHOLDS) -> bool:
    """True when the text holds at least as many letters as a real page has."""
    return len(LETTER.findall(text)) >= limits.min_letters


def word_quality(text: str, long_word_letters: int = THRESHOLDS.long_word_letters) -> float:
    """The share of tokens that are clean words or numbers (0 for no tokens): garbled OCR scores
    low ("A<SUSTIN", "�IRECfOR", "1ejora"), and so do words run together. Marks with no letter
    or digit ("|", "/", "—": what is left of a signature's strokes) are not words either way."""
    tokens = [token for token in text.split() if WORD_CHAR.search(token)]
    if not tokens:
        return 0.0
    clean = sum(
        1
        for token in tokens
        if CLEAN_WORD.fullmatch(token) and not _is_long(token, long_word_letters)
    )
    return clean / len(tokens)


def _long_word_share(text: str, long_word_letters: int) -> float:
    tokens = text.split()
    long = sum(1 for token in tokens if _is_long(token, long_word_letters))
    return long / len(tokens) if tokens else 0.0


def _is_long(token: str, long_word_letters: int) -> bool:
    """A token with more Latin letters than any Spanish word: words whose spaces were lost."""
    return len(LATIN_LETTER.findall(token)) >= long_word_letters and not ADDRESS.search(token)


def _without_scanner_marks(text: str) -> str:
    """The text without the stamps scanning apps put in (compared without case and accents)."""
    folded = fold(text)
    for phrase in cues.words("reader_scanner_marks"):
        folded = folded.replace(phrase, " ")
    return folded


def drop_scanner_marks(text: str) -> str:
    """The text without lines that are only a scanning app's stamp ("Scanned by CamScanner")."""
    marks = set(cues.words("reader_scanner_marks"))
    kept = [line for line in text.split("\n") if _bare(line) not in marks]
    return "\n".join(kept).strip("\n")


def _bare(line: str) -> str:
    return fold_words(line)
