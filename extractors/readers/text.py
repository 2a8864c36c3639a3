"""Plain-text reader (.txt, .md, .html, .htm): any encoding in, clean text with its lines out."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from extractors.readers.decode import NotText, decode_text
from extractors.readers.htmldoc import html_to_text, looks_like_html_document
from extractors.readers.markup import strip_front_matter, strip_html_remnants, strip_markdown
from models import DocumentText, UnreadableDocument

READER = "text"
HTML_SUFFIXES = (".html", ".htm")
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
SURROGATES = re.compile("[\ud800-\udfff]")  # half a UTF-16 pair (broken PDF font maps)
TRAILING = re.compile(r"[ \t]+$", re.M)
BLANK_LINES = re.compile(r"\n{3,}")
LIGATURES = {code: unicodedata.normalize("NFKC", chr(code)) for code in range(0xFB00, 0xFB07)}


def read_text(path: Path, data: bytes) -> DocumentText:
    """Decode and clean a text file; form feeds split pages. Raises UnreadableDocument."""
    try:
        raw = decode_text(data)
    except NotText as exc:
        raise UnreadableDocument(f"{path.name}: {exc}") from exc
    text = clean_text(raw, html_page=path.suffix.lower() in HTML_SUFFIXES)
    pages = [page.strip("\n") for page in text.split("\f")]
    if not any(page.strip() for page in pages):
        raise UnreadableDocument(f"{path.name}: the file is empty (no text in it)")
    return DocumentText.from_pages([(page, READER) for page in pages])


def clean_text(raw: str, html_page: bool = False) -> str:
    """Text as an archivist reads it: markup removed, spaces normalised, line breaks kept."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text).translate(INVISIBLE)
    if html_page or looks_like_html_document(text):
        text = html_to_text(text)
    else:
        text = strip_front_matter(text.lstrip("\n"))
        text = strip_markdown(strip_html_remnants(text))
    return normalise_spaces(text)


def normalise_spaces(text: str) -> str:
    """Composed accents and unfolded ligatures, plain spaces, no control characters, no trailing
    spaces, at most one blank line in a row; a lone surrogate (not text) becomes U+FFFD."""
    text = unicodedata.normalize("NFC", text).translate(LIGATURES)
    text = SPACES.sub(" ", text.translate(INVISIBLE))
    text = SURROGATES.sub("\ufffd", CONTROLS.sub("", text))
    text = TRAILING.sub("", text)
    return BLANK_LINES.sub("\n\n", text).strip("\n")
