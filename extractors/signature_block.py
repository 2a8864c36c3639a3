"""Finds signature blocks in a document's text: the lines after a closing formula ("ATENTAMENTE",
"A T E N T A M E N T E"), past mottos, as name / title / institution entries (one after another
or in columns). Never the addressee block, the c.c.p. list or typist initials, which come before
the closing or end the block. Gazette signatures and signing lists: gazette.py."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache

from extractors.cues import rows
from extractors.names import looks_like_name, split_honorific
from extractors.roles import role_start_re
from models.normalise import fold_words

MAX_BLOCK_LINES = 45
MAX_SHORT_LINE_WORDS = 16  # longer lines are prose: a block never holds them
LETTER_SPACED = re.compile(r"^(?:\w[ \t]+){3,}\w\W*$")
COLUMN_GAP = re.compile(r"[ \t]{3,}|\t")
YEAR_MOTTO = re.compile(r"^\W*(?:\d{4}|[«“\"]\s*\d{4})\b")
END_OF_BLOCK = re.compile(
    r"^(?:c\.?\s*c\.?\s*p\b|con\s+copia|copia\s+para|archivo\b|minutario|expediente\b|anexo)",
    re.IGNORECASE,
)
TYPIST_INITIALS = re.compile(r"^[A-ZÑ]{2,6}\*?(?:\s*/\s*[A-Za-zñÑ*.]{2,8})+\s*$")
NAME_COMMA_TITLE = re.compile(r"^[ \t]*(?P<name>[^,\n]{5,80}),[ \t]+(?P<title>\S[^\n]*)$")
# A signature's stroke read as a mark of its own, or glued to the front of a capitalised word.
# Only after a word: a bar opening a line is a table's rule ("| MICHOACÁN"), not a stroke.
STROKES = re.compile(r"(?<=[\w.,][ \t])(?:[/|\\_—–=~]+(?!\S)|[/|\\](?=[A-ZÁÉÍÓÚÑ]))")
CONTINUES = re.compile(r"^(?:de|del|y|e|para|en)\s", re.IGNORECASE)  # a title's next line


@dataclass
class Entry:
    """One signer found in a block: name as printed with its offsets, and what surrounds it."""

    name: str
    start: int
    end: int
    honorific: str | None = None
    title_lines: list[str] = field(default_factory=list)
    institution_line: str | None = None
    group: str | None = None  # a heading above the signers ("POR EL ÓRGANO INTERNO DE CONTROL")
    capacity: str | None = None

    @property
    def title(self) -> str | None:
        return " ".join(" ".join(self.title_lines).split()) or None


@dataclass(frozen=True)
class Line:
    text: str
    start: int

    @property
    def stripped(self) -> str:
        return self.text.strip()


@cache
def _formulas(kind: str) -> tuple[str, ...]:
    return tuple(_key(r["formula"]) for r in rows("closings") if r["kind"] == kind)


def _key(text: str) -> str:
    """Folded line with letter spacing collapsed and punctuation dropped."""
    text = text.strip()
    if LETTER_SPACED.match(text):
        text = re.sub(r"(?<=\w)[ \t]+(?=\w)", "", text)
    return fold_words(text)


def lines_of(text: str) -> list[Line]:
    """The lines of `text` with their offsets (a new list; the Lines are frozen)."""
    return list(_lines(text))


@lru_cache(maxsize=16)  # the block, run, candidate and people readers each split the same text
def _lines(text: str) -> tuple[Line, ...]:
    out: list[Line] = []
    offset = 0
    for raw in text.splitlines(keepends=True):
        out.append(Line(raw.rstrip("\r\n"), offset))
        offset += len(raw)
    return tuple(out)


@lru_cache(maxsize=1 << 14)  # every line is tried by the block, run and candidate readers
def is_closing(line: str) -> bool:
    if len(line.split()) > MAX_SHORT_LINE_WORDS:
        return False  # prose: not folded at all
    key = _key(line)
    if not key:
        return False
    # A closing formula is the key or the words it opens with: look up each such start.
    closings = _formula_set("closing")
    return key in closings or any(key[:i] in closings for i, ch in enumerate(key) if ch == " ")


@cache
def _formula_set(kind: str) -> frozenset[str]:
    return frozenset(_formulas(kind))


def _is_motto(line: str) -> bool:
    key = _key(line)
    return bool(YEAR_MOTTO.match(line.strip())) or any(
        key.startswith(f) for f in _formulas("motto")
    )


def _capacity(line: str) -> bool:
    key = _key(line)
    return any(key.startswith(f) for f in _formulas("capacity"))


def ends_block(line: str) -> bool:
    text = line.strip()
    return bool(END_OF_BLOCK.match(text) or TYPIST_INITIALS.match(text))


def name_at(line: Line, part: str, part_offset: int) -> Entry | None:
    """An entry when `part` (a line or one column of it) is an honorific plus a name. On scans a
    signature's strokes leave marks between the words ("Lic. / Ana Ruiz", "GALEANA /CHUPÍN"):
    they are blanked first, keeping every offset."""
    honorific, rest, rest_offset = split_honorific(STROKES.sub(lambda m: " " * len(m[0]), part))
    printed = rest.strip().rstrip(".,;:")
    name = " ".join(printed.split())
    if not looks_like_name(name) and honorific:
        name = _without_noise(name)
    if not looks_like_name(name):
        return None
    start = line.start + part_offset + rest_offset + (len(rest) - len(rest.lstrip()))
    last = name.split()[-1]
    return Entry(name, start, start + printed.rfind(last) + len(last), honorific)


def name_with_title(line: Line) -> Entry | None:
    """An entry when a line holds a name and, after a comma, its title ("Mtra. Ana Ruiz Gil,
    Directora General"), the way a signer is printed on one line."""
    m = NAME_COMMA_TITLE.match(line.text)
    if m is None or m.group("title").rstrip().endswith((",", ";")):
        return None  # a list of people with their offices in prose runs on
    if not role_start_re().match(m.group("title")):
        return None
    entry = name_at(line, m.group("name"), m.start("name"))
    if entry is not None and (entry.honorific or len(entry.name.split()) >= 3):
        entry.title_lines.append(m.group("title").strip().rstrip("."))
        return entry
    return None


def _without_noise(name: str) -> str:
    """A name after an honorific without the OCR debris at its end ("Ana Ruiz r", "Ana Ruiz-Va: )"):
    short or non-letter trailing tokens, and a hyphenated tail glued to the last word."""
    tokens = name.split()
    while tokens and (len(tokens[-1].strip(".,;:")) <= 2 or not tokens[-1][:1].isalpha()):
        tokens.pop()
    if len(tokens) == 2 and "-" in tokens[-1] and not tokens[-1].split("-")[1].istitle():
        tokens[-1] = tokens[-1].split("-")[0]
    return " ".join(tokens).rstrip(".,;:")


def columns(line: Line) -> list[tuple[str, int]]:
    """The parts of a line split at wide gaps, with their offsets in the line."""
    parts: list[tuple[str, int]] = []
    pos = 0
    for piece in COLUMN_GAP.split(line.text):
        at = line.text.index(piece, pos) if piece else pos
        if piece.strip():
            parts.append((piece, at))
        pos = at + len(piece)
    return parts


def _attach(entry: Entry, text: str) -> None:
    """A line under a name: the title first, continued while it reads unfinished, then the
    institution."""
    if (
        not entry.title_lines
        or entry.institution_line is None
        and (
            entry.title_lines[-1].rstrip().endswith((",", " de", " del", " y", " la"))
            or text[:1].islower()
            or CONTINUES.match(text) is not None
        )
    ):
        entry.title_lines.append(text)
    elif entry.institution_line is None:
        entry.institution_line = text


def parse_block(lines: list[Line]) -> list[Entry]:
    """Entries from the lines after a closing formula, until the block ends."""
    entries: list[Entry] = []
    current: list[Entry] = []  # the entries of the latest name line (one per column)
    group: str | None = None
    capacity: str | None = None
    for line in lines[:MAX_BLOCK_LINES]:
        text = line.stripped
        if not text or _is_motto(text):
            continue
        if ends_block(text) or (len(text.split()) > MAX_SHORT_LINE_WORDS and not current):
            break
        if _capacity(text):
            capacity = text
            continue
        parts = columns(line)
        found = [name_at(line, part, at) for part, at in parts]
        if len(parts) == 1 and not found[0]:
            found = [name_with_title(line)]
        if all(found) and not (current and current[-1].title_lines and CONTINUES.match(text)):
            current = [e for e in found if e is not None]
            for e in current:
                e.group, e.capacity, capacity = group, capacity, None
            entries.extend(current)
            continue
        if len(text.split()) > MAX_SHORT_LINE_WORDS:
            break
        if not current:
            group = text
            continue
        if len(parts) == len(current) > 1:
            for e, (part, _) in zip(current, parts, strict=True):
                _attach(e, part.strip())
        else:
            _attach(current[-1], text)
    return entries


@cache
def formula_re(*kinds: str) -> re.Pattern[str]:
    """A pattern for the formulas of `kinds`, words separated by any spacing or line break."""
    forms = [r["formula"] for r in rows("closings") if r["kind"] in kinds]
    alternatives = "|".join(r"\s+".join(map(re.escape, f.split())) for f in forms)
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


def _signing_lines(text: str, lines: list[Line]) -> set[int]:
    """Indexes of the lines on which an acta's signing formula ends."""
    starts = [line.start for line in lines]
    found: set[int] = set()
    for m in formula_re("signing", "signing_all").finditer(text):
        found.add(bisect_right(starts, m.end() - 1) - 1)
    return found


def closing_blocks(text: str) -> Iterator[Entry]:
    """The entries of every block that follows a closing formula or an acta's signing formula."""
    lines = lines_of(text)
    closings = sorted(
        {i for i, line in enumerate(lines) if is_closing(line.text)} | _signing_lines(text, lines)
    )
    for n, i in enumerate(closings):
        stop = closings[n + 1] if n + 1 < len(closings) else len(lines)
        yield from parse_block(lines[i + 1 : stop])
