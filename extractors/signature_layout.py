"""Signature tables read from the page layout: on pages whose reader kept word positions
(text-layer PDFs and OCR), rows of two or three cells far apart are read column by column, so
that names side by side, a surname wrapped under its name and the title under each name stay
together ("Ana Ruiz Gil      Juan Soto" / "Peña" -> "Ana Ruiz Gil Peña", "Juan Soto").
All distances are in letter heights, so points and pixels read alike. On scans, words
tesseract doubts and letterless marks (signature strokes, stamp rims) are left out first."""

from __future__ import annotations

import re
from collections.abc import Iterator
from statistics import median

from extractors import catalog
from extractors.names import CONJUNCTION, MAX_NAME_WORDS, looks_like_name, split_honorific
from extractors.readers.order import Box, group_lines
from extractors.signature_block import Entry
from extractors.signature_runs import opens_title
from models import DocumentText, Page, WordBox
from models.normalise import fold

CELL_GAP = 2.5  # a gap this many letter heights wide inside a row parts two signers' cells
ROW_GAP = 3.0  # a blank band taller than this many letter heights ends a table
# On a scan the strokes between rows are gone (pale ink, doubted words): the signing space
# between a title and the next name is a blank band of 4-6 letter heights.
SCANNED_ROW_GAP = 8.0
MIN_CONFIDENCE = 30.0  # tesseract's word confidence under which a word is a stroke or a stain
LETTERS = re.compile(r"[^\W\d_]{2}|^[^\W\d_]\.?$")  # two letters in a row, or "y" / "C."
HEAD_SHARE = 0.25  # the top quarter of the first page
FOOT_SHARE = 0.08  # the bottom of a page, where only names over titles are signers
ROMAN = re.compile(r"^[IVXLCDM]{3,}$")  # "TOMO DXLVIII"
MAX_CELL_WORDS = 10  # longer cells are prose, not a name or a title
WIDE_CELL = 0.6  # of the page's printed width: a cell this wide is prose
# Marks a signature leaves before a name on its line: a lone letter with no period, a digit.
LEADING_DEBRIS = re.compile(r"^(?:(?:[^\W\d_]|[\W\d_]+)(?:\s+|$))+(?=\S{2})")
MIN_SIGNATURE_SHARE = 0.6  # of a column's cells that are names, surnames or titles
MIN_TITLED = 2  # names over their titles that make a page's layout a signature table
LINE_GAP = 2.0  # letter heights between a name's line and its title's, at most
# A degree's abbreviation the honorific list lacks ("MCTC.", "L.A.E.", "LPE."): 1-5 capitals.
DEGREE = re.compile(r"^(?:[A-ZÁÉÍÓÚÑ]{1,5}\.|(?:[A-ZÁÉÍÓÚÑ]\.){2,4})\s+(?=\S)")
# OCR glued two words with a slash or a period ("TREJO/ESPINOSA", "TOMÁS.ROMERO").
GLUED = re.compile(r"(?<=[^\W\d_]{2})[/.](?=[^\W\d_]{2})")
Cell = tuple[Box, ...]


def table_signers(document: DocumentText) -> Iterator[Entry]:
    """The signers of every signature table on the pages that carry word boxes."""
    for page in document.pages:
        boxes = [Box(w.text, w.x0, w.x1, w.top, w.bottom) for w in page.words if _printed(w)]
        if not boxes:
            continue
        height = median(b.height for b in boxes) or 1.0
        rows = [_cells(line, CELL_GAP * height) for line in group_lines(boxes)]
        widest = WIDE_CELL * (max(b.x1 for b in boxes) - min(b.x0 for b in boxes))
        top, bottom = min(b.top for b in boxes), max(b.bottom for b in boxes)
        gap = SCANNED_ROW_GAP if any(w.confidence is not None for w in page.words) else ROW_GAP
        read: list[tuple[list[Entry], bool]] = []
        for table in _tables(rows, height, gap, widest):
            if page.number == 1 and table[0][0][0].top < top + HEAD_SHARE * (bottom - top):
                continue  # a gazette's masthead or a letterhead, never a signature table
            columns = [_column_entries(column, page, document.text) for column in _columns(table)]
            if table[0][0][0].top > bottom - FOOT_SHARE * (bottom - top):
                columns = [(found, False) for found, _ in columns]  # a footer's address lines
            read += columns
        titled = sum(1 for found, _ in read for entry in found if entry.title_lines)
        for found, signature_column in read:
            if signature_column:
                yield from found
            elif titled >= MIN_TITLED:  # stamps and seals read as words around them do not count
                yield from (entry for entry in found if entry.title_lines)


def _printed(word: WordBox) -> bool:
    """Whether a word is print: text-layer words always; OCR words read with some confidence
    and holding letters (not "|", "—", "*" or "~" from a signature's strokes)."""
    if word.confidence is None:
        return True
    return word.confidence >= MIN_CONFIDENCE and bool(LETTERS.search(word.text.strip(".,;:")))


def _cells(line: tuple[Box, ...], gap: float) -> list[Cell]:
    cells: list[list[Box]] = [[line[0]]]
    for before, box in zip(line, line[1:], strict=False):
        if box.x0 - before.x1 > gap:
            cells.append([])
        cells[-1].append(box)
    return [tuple(cell) for cell in cells]


def _text(cell: Cell) -> str:
    return " ".join(box.text for box in cell)


def _tables(
    rows: list[list[Cell]], height: float, gap: float, widest: float
) -> Iterator[list[list[Cell]]]:
    """Runs of short rows holding at least two rows of side-by-side cells. A cell across most
    of the page is a line of prose (a closing legend under the signers), never a table's."""
    table: list[list[Cell]] = []
    for row in [*rows, []]:
        short = bool(row) and all(
            len(cell) <= MAX_CELL_WORDS and cell[-1].x1 - cell[0].x0 <= widest for cell in row
        )
        close = bool(table) and row and row[0][0].top - table[-1][0][-1].bottom <= gap * height
        if short and (close or not table):
            table.append(row)
            continue
        if sum(len(r) > 1 for r in table) >= 2:
            yield table
        table = [row] if short else []


def _columns(table: list[list[Cell]]) -> list[list[Cell]]:
    """The table's cells column by column (columns from the x-ranges of the split rows),
    top-down inside each."""
    spans: list[list[float]] = []
    for cell in sorted((c for row in table if len(row) > 1 for c in row), key=lambda c: c[0].x0):
        x0, x1 = cell[0].x0, max(b.x1 for b in cell)
        if spans and x0 <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], x1)
        else:
            spans.append([x0, x1])
    columns: list[list[Cell]] = [[] for _ in spans]
    for row in table:
        parts: dict[int, Cell] = {}  # a name cut in two by a signature's blank stays one cell
        for cell in row:
            x0, x1 = cell[0].x0, max(b.x1 for b in cell)
            overlaps = [min(x1, s[1]) - max(x0, s[0]) for s in spans]
            column = overlaps.index(max(overlaps))
            parts[column] = parts.get(column, ()) + cell
        for column, cell in parts.items():
            columns[column].append(cell)
    return [column for column in columns if column]


def _is_name(printed: str) -> tuple[str | None, str] | None:
    """(honorific, name) when a cell holds a person's name and nothing else."""
    honorific, rest, _ = split_honorific(GLUED.sub(" ", LEADING_DEBRIS.sub("", printed)))
    degree = DEGREE.match(rest) if honorific is None else None
    if degree is not None and looks_like_name(rest[degree.end() :]):
        honorific, rest = degree.group().strip(), rest[degree.end() :]
    tokens = rest.split()
    if any(t.endswith(".") and len(t) > 2 or ROMAN.match(t) for t in tokens) or CONJUNCTION.search(
        rest
    ):
        return None  # "II. INFORMES", "Materiales y Servicios": headings
    if looks_like_name(rest) and not opens_title(rest):
        return honorific, rest
    return None


def _column_entries(column: list[Cell], page: Page, text: str) -> tuple[list[Entry], bool]:
    """Name, wrapped surname and title cells of one column as entries, and whether the column
    is a signature column: most of its cells names or titles (not a form's labels and values);
    else only its names over titles are the page's signers, when it has two. A title line is
    the signer's only right under the line before it; one that ends in "de" goes on in the
    next cell, whatever it reads as ("PRESIDENTE DE LA COMUNIDAD DE" / "GUADALUPE VICTORIA")."""
    found: list[Entry] = []
    current: tuple[Entry, Cell] | None = None
    kept = 0
    for cell in column:
        printed = _text(cell).strip(" .,;:")
        name = _is_name(printed)
        under = current is not None and _right_under(current[1], cell)
        if (
            current is not None
            and under
            and current[0].title_lines
            and _open_ended(current[0].title_lines[-1])
        ):
            current[0].title_lines.append(printed)
            current = (current[0], cell)
        elif name is not None:
            current = (_entry(name[1], name[0], page, text), cell)
            found.append(current[0])
        elif current is not None and _wraps(current, cell, printed):
            current[0].name = f"{current[0].name} {printed}"
            current = (current[0], cell)
        elif current is not None and under and opens_title(printed):
            current[0].title_lines.append(printed)
            current = (current[0], cell)
        else:
            current = None  # an unread name's title is not the signer's above
            continue
        kept += 1
    return found, kept >= MIN_SIGNATURE_SHARE * len(column)


def _right_under(above: Cell, cell: Cell) -> bool:
    """Whether a cell starts within a line's height under the cell above it."""
    height = median(b.height for b in above)
    return cell[0].top - max(b.bottom for b in above) <= LINE_GAP * height


def _open_ended(line: str) -> bool:
    """Whether a title line stops at a linking word ("... DE LA COMUNIDAD DE")."""
    words = line.split()
    return bool(words) and fold(words[-1]) in catalog.NAME_CONNECTORS


def _wraps(current: tuple[Entry, Cell], cell: Cell, word: str) -> bool:
    """Whether a lone word right under a name, inside its width, is the rest of it."""
    entry, above = current
    longer = f"{entry.name} {word}"
    height = median(b.height for b in above)
    inside = cell[0].x0 >= above[0].x0 - height and cell[-1].x1 <= above[-1].x1 + height
    close = cell[0].top - max(b.bottom for b in above) <= height
    return (
        not entry.title_lines
        and inside
        and close
        and len(word.split()) == 1
        and len(longer.split()) <= MAX_NAME_WORDS
        and looks_like_name(longer)
    )


def _entry(name: str, honorific: str | None, page: Page, text: str) -> Entry:
    """An entry at the name's offsets in the document text (its first two words, which the
    reading keeps together), else at the page's start."""
    words = name.split()[:2]
    found = re.compile(r"\s+".join(map(re.escape, words))).search(text, page.start, page.end)
    start = found.start() if found else page.start
    return Entry(name, start, start + len(name), honorific)
