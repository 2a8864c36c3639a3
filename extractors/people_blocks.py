"""People named in a letter's printed blocks rather than its prose: the addressee over
"PRESENTE" and the recipients of the c.c.p. list. `Found` is what every people rule yields."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from extractors.cues import pattern
from extractors.names import is_role_word, looks_like_name, split_honorific
from extractors.signature_block import (
    MAX_SHORT_LINE_WORDS,
    Line,
    ends_block,
    lines_of,
    name_at,
    parse_block,
)

PRESENTE = pattern("addressee_presente")
ADDRESS_LINE = pattern("address_line")
CCP = pattern("copy_list")
DOT_TITLE = re.compile(r"\.[ \t]+(?=[A-ZÁÉÍÓÚÑ])")
CCP_ITEM = re.compile(
    r"^(?P<name>[^,;\n]+?)\s*(?:\.-|,|\s-\s|–)\s*(?P<title>.+?)(?:\s*\.-.*)?\W*$"
)  # a second ".-" gives the purpose ("Para su conocimiento"), not the title


@dataclass(frozen=True)
class Found:
    name: str
    start: int
    title: str | None
    role: str
    honorific: str | None = None
    prose: bool = True  # in running text the institution is cut from the title
    institution: str | None = None  # printed beside the name: "Name (CANACO)"


def addressees(text: str) -> Iterator[Found]:
    """The person named in the lines above "PRESENTE", with the title printed under the name
    (never the street, colonia, phone or RFC lines under it: the block ends at the first)."""
    lines = lines_of(text)
    for i, line in enumerate(lines):
        if not PRESENTE.match(line.stripped):
            continue
        block = _addressee_lines(lines, i)
        # The street, phone or RFC lines come under the addressee's name; above it a receipt
        # stamp's date or the oficio number are the letter's header, not an address.
        first = next((n for n, ln in enumerate(block) if name_at(ln, ln.text, 0)), 0)
        address = next(
            (n for n, ln in enumerate(block) if n > first and ADDRESS_LINE.search(ln.stripped)),
            None,
        )
        block = block[:address]
        # Letterhead lines above may spoil the block: then the name right over "PRESENTE".
        entries = list(parse_block(block)) or list(parse_block(block[-1:]))
        for entry in entries:
            # A bare name only when alone over "PRESENTE": beside another it is the wrapped
            # end of that one's title ("... DERECHOS HUMANOS DEL ESTADO").
            if entry.title or entry.honorific or len(entries) == 1:
                yield Found(
                    entry.name, entry.start, entry.title, "addressee", entry.honorific, False
                )


def _addressee_lines(lines: list[Line], presente: int) -> list[Line]:
    """The short lines above "PRESENTE", across single blank lines (OCR spaces them out), up to
    a double blank line, a long line or eight printed lines."""
    kept: list[Line] = []
    blanks = 0
    for line in reversed(lines[max(0, presente - 16) : presente]):
        if not line.stripped:
            blanks += 1
            if blanks > 1 and kept:
                break
            continue
        if len(line.stripped.split()) > MAX_SHORT_LINE_WORDS or len(kept) == 8:
            break
        blanks = 0
        kept.append(line)
    return kept[::-1]


def copied(text: str) -> Iterator[Found]:
    """Recipients of the c.c.p. list: "c.c.p. Name.- Title" or "Name, Title" on each line."""
    lines = lines_of(text)
    for i, line in enumerate(lines):
        m = CCP.match(line.text)
        if not m or not line.stripped:
            continue
        yield from _copied_line(Line(line.text[m.end() :], line.start + m.end()))
        for nxt in lines[i + 1 : i + 6]:
            if not nxt.stripped or ends_block(nxt.stripped) or CCP.match(nxt.text):
                break
            yield from _copied_line(nxt)


def _copied_line(line: Line) -> Iterator[Found]:
    honorific, rest, offset = split_honorific(line.text)
    m = CCP_ITEM.match(rest)
    if m and looks_like_name(m.group("name").strip()):
        name = m.group("name").strip()
        title = m.group("title").strip()
        yield Found(name, line.start + offset, title, "mentioned", honorific, False)
        return
    for dot in DOT_TITLE.finditer(rest):  # "Name. Presidente de ...": a full stop sets it apart
        name, title = rest[: dot.start()].strip(), rest[dot.end() :].strip(" .")
        if looks_like_name(name) and is_role_word(title.split()[0]):
            yield Found(name, line.start + offset, title, "mentioned", honorific, False)
            return
