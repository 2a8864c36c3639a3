"""Acronyms standing alone in a text ("la SEMAR", "el DIF municipal"): catalogued ones, those
the document defines for a body, and unknown capitals in running text that name no programme,
index, firm or person."""

from __future__ import annotations

import re
from collections.abc import Iterator

from extractors import catalog
from extractors.cues import words
from extractors.institution_mentions import ROMAN, UPPER, Mention

# Capitals glued to a "+" are a product's code ("SFP+ 10G"), not a body's acronym.
BARE_ACRONYM = re.compile(rf"(?<![\w-])([{UPPER}][{UPPER}a-z]*[{UPPER}][{UPPER}a-z]*)(?![\w+-])")


def _is_heading_line(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    letters = list(filter(str.isalpha, line))
    return sum(map(str.isupper, letters)) > 0.6 * len(letters)


def _in_capitals_run(text: str, start: int, end: int) -> bool:
    """Whether the word is next to another word in capitals (a name or heading in capitals)."""
    before = re.search(rf"([{UPPER}]{{2,}})[ \t]*$", text[max(0, start - 30) : start])
    after = re.match(rf"[ \t]*[{UPPER}]{{2,}}\b", text[end : end + 30])
    return bool(before or after)


QUALIFIER = re.compile(r"[ \t]+([a-z]+)\b")
DEFINED_TERM = re.compile(rf"\(\s*([{UPPER}]{{2,}})\s*\)")
QUOTES = "\"“”«»'‘’"


def _defined_terms(text: str) -> set[str]:
    """Acronyms the text defines in brackets after words whose initials they spell ("Índice
    de Ciudades Sostenibles (ICS)"), not those after a person's name ("Lic. X (CANACO)")."""
    out: set[str] = set()
    for match in DEFINED_TERM.finditer(text):
        before = text[max(0, match.start() - 240) : match.start()].split()[-20:]
        for k in range(len(before)):
            if catalog.acronym_skips(match.group(1), " ".join(before[k:])) is not None:
                out.add(catalog.simplify(match.group(1)))
                break
    return out


def _names_something_else(text: str, start: int, end: int) -> bool:
    """An unknown acronym in quotes (a programme), before a capitalised word (a firm's or a
    person's name: "INT Centro", "MTI Juan") or before "de/del X" (an organ of X)."""
    quoted = text[start - 1 : start] in QUOTES and text[end : end + 1] in QUOTES
    after = text[end : end + 40]
    named = re.match(rf"[ \t]+[{UPPER}][a-záéíóúñü]", after)
    organ = re.match(rf"[ \t]+(?:de|del)[ \t]+(?:la[ \t]+)?[{UPPER}]", after)
    return bool(quoted or named or organ)


def acronym_mentions(
    text: str, defined: frozenset[str], unknown_too: bool = True
) -> Iterator[Mention]:
    """Acronyms standing alone: catalogued, defined in the document, or (`unknown_too`) unknown
    capitals alone in running text (not headings, names in capitals or Roman numerals)."""
    stop = frozenset(words("institution_not_acronyms"))
    terms = _defined_terms(text) - defined
    for match in BARE_ACRONYM.finditer(text):
        token = match.group(1)
        key = catalog.simplify(token)
        if token in stop or re.fullmatch(ROMAN, token) or len(token) > 12:
            continue
        known = key in defined or (key in catalog.by_acronym() and len(token) >= 3)
        unknown = (
            unknown_too
            and token.isupper()
            and len(token) >= 3
            and key not in terms
            and not _is_heading_line(text, match.start())
            and not _in_capitals_run(text, match.start(), match.end())
            and not _names_something_else(text, match.start(), match.end())
        )
        if known or unknown:
            level = QUALIFIER.match(text, match.end())
            if level and level.group(1) in words("institution_qualifiers"):  # "DIF municipal"
                end = level.end()
                yield Mention(f"{token} {level.group(1)}", match.start(), end, source="acronym")
            else:
                yield Mention(token, match.start(), match.end(), token, source="acronym")
