"""Bytes of a text file to str: BOMs, strict UTF-8, then a detector over Western encodings;
binary data refused; mojibake ("MÃ©xico") repaired."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from extractors import cues

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters that never occur in text (tab, newlines, form feed and escape excluded).
BINARY_BYTES = frozenset(range(0x00, 0x09)) | {0x0B, 0x0E, 0x0F} | frozenset(range(0x10, 0x1B))
MAX_CONTROL_SHARE = 0.01  # above 1 % control characters a file is binary data, not text


class NotText(ValueError):
    """The bytes are not text in any encoding the reader accepts; the message says why."""


def decode_text(data: bytes) -> str:
    """Decode `data` to text. Raises NotText for binary data or undecodable bytes."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return repair_mojibake(data.decode(encoding))
            except UnicodeDecodeError as exc:
                raise NotText(f"starts with a {encoding} mark but is not {encoding}") from exc
    if b"\x00" in data:
        return _utf16_without_bom(data)
    _refuse_binary(data)
    try:
        return repair_mojibake(data.decode("utf-8"))
    except UnicodeDecodeError:
        return _legacy(data)


def _refuse_binary(data: bytes) -> None:
    controls = sum(1 for byte in data[:65536] if byte in BINARY_BYTES)
    if controls > MAX_CONTROL_SHARE * min(len(data), 65536):
        raise NotText("binary data (control characters), not text")


def _utf16_without_bom(data: bytes) -> str:
    """UTF-16 without a mark has NUL in every other byte of ASCII text; anything else is binary."""
    even, odd = data[0::2], data[1::2]
    for zeros, encoding in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if len(data) % 2 == 0 and zeros.count(0) > 0.6 * len(zeros):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                break
            if not any(ch in text for ch in "\x00\x01\x02\x03"):
                return repair_mojibake(text)
    raise NotText("binary data (NUL bytes), not text")


def _legacy(data: bytes) -> str:
    encodings = list(cues.words("reader_encodings"))
    best = charset_normalizer.from_bytes(data, cp_isolation=encodings).best()
    if best is not None:
        return str(best)
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise NotText("not UTF-8 and no Western encoding fits")


def _continuation_chars() -> str:
    """The characters bytes 0x80-0xBF become when UTF-8 is wrongly read as Windows-1252/Latin-1."""
    chars = []
    for byte in range(0x80, 0xC0):
        chars.append(bytes([byte]).decode("latin-1"))
        try:
            chars.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            continue  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: undefined in cp1252
    return "".join(sorted(set(chars)))


_CONT = f"[{re.escape(_continuation_chars())}]"
# A UTF-8 lead byte read as Latin-1 (Â..ô) followed by the continuation bytes it needs.
MOJIBAKE = re.compile(
    f"[\u00c2-\u00df]{_CONT}|[\u00e0-\u00ef]{_CONT}{{2}}|[\u00f0-\u00f4]{_CONT}{{3}}"
)

# What mojibake of Spanish text decodes to: Latin-1 letters, punctuation, the euro sign.
PLAUSIBLE = re.compile("[\u00a0-\u017f\u2000-\u206f\u20ac]+")


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text that was once decoded as Windows-1252 or Latin-1 ("MÃ©xico" -> "México")."""
    return MOJIBAKE.sub(_redecode, text)


def _redecode(match: re.Match[str]) -> str:
    raw = bytearray()
    for ch in match.group(0):
        try:
            raw += ch.encode("cp1252")
        except UnicodeEncodeError:
            raw += ch.encode("latin-1")
    try:
        fixed = raw.decode("utf-8")
    except UnicodeDecodeError:
        return match.group(0)
    return fixed if PLAUSIBLE.fullmatch(fixed) else match.group(0)
