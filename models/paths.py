"""File names as people read them and SQLite stores them (UTF-8), whatever their bytes."""

from __future__ import annotations

import os


def printable(text: str) -> str:
    """`text` with the undecodable bytes of a file name (Python's surrogate escapes, as in
    "n\\udcff.txt") shown as backslash escapes ("n\\\\xff.txt"); other text is returned as it is."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # a lone surrogate that is no escaped byte
            return text.encode("utf-8", "backslashreplace").decode("utf-8")
        return raw.decode("utf-8", "backslashreplace")
    return text


def path_text(path: str | os.PathLike[str]) -> str:
    """The path as displayable UTF-8 text (see `printable`)."""
    return printable(os.fspath(path))
