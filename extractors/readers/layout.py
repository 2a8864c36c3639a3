"""The text of an OCRed page rebuilt from tesseract's word boxes, with side-by-side blocks (two
signature blocks under one acta, name above title in each) put one after the other instead of
interleaved line by line ("Lic. A   Ing. B" / "Director   Jefa")."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median


@dataclass(frozen=True)
class Word:
    text: str
    left: int
    top: int
    width: int
    height: int
    paragraph: tuple[int, int]  # tesseract's (block, paragraph)
    line: tuple[int, int, int]  # tesseract's (block, paragraph, line)
    confidence: float = -1.0  # tesseract's word confidence, 0-100

    @property
    def right(self) -> int:
        return self.left + self.width


@dataclass(frozen=True)
class Line:
    cells: tuple[tuple[Word, ...], ...]  # runs of words separated by a column-wide gap
    top: int
    bottom: int
    paragraph: tuple[int, int]

    def cell_text(self, index: int) -> str:
        return " ".join(word.text for word in self.cells[index])

    @property
    def text(self) -> str:
        return " ".join(self.cell_text(i) for i in range(len(self.cells)))


@dataclass(frozen=True)
class LayoutThresholds:
    """The one place the judgement's numbers live."""

    column_gap: float = 8.0  # a gap wider than 8 letter heights (~2.5 cm at 11 pt) splits columns
    align_tolerance: float = 3.0  # column starts within 3 letter heights count as aligned
    max_line_spacing: float = 2.5  # a band of columns ends at a vertical gap wider than this


THRESHOLDS = LayoutThresholds()


def words_from_tsv(tsv: str) -> list[Word]:
    """The recognised words of tesseract's TSV output, in reading order."""
    words: list[Word] = []
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        block, par, line, left, top, width, height = (int(c) for c in cells[2:5] + cells[6:10])
        lines = (block, par), (block, par, line)
        words.append(Word(cells[11].strip(), left, top, width, height, *lines, _score(cells[10])))
    return words


def _score(cell: str) -> float:
    try:
        return float(cell)
    except ValueError:
        return -1.0


def page_text(words: list[Word], limits: LayoutThresholds = THRESHOLDS) -> str:
    """The page's text: one line per tesseract line, a blank line between paragraphs, and bands
    of aligned side-by-side columns written column after column."""
    if not words:
        return ""
    height = median(word.height for word in words)
    lines = _lines(words, limits.column_gap * height)
    chunks: list[list[str]] = []  # paragraphs, each a list of lines
    index, band_ends = 0, -1
    while index < len(lines):
        band = _band(lines, index, height, limits)
        if len(band) >= 2:
            chunks.extend(_columns(band, limits.align_tolerance * height))
            index += len(band)
            band_ends = index
            continue
        line = lines[index]
        after_band = band_ends == index
        if not chunks or after_band or lines[index - 1].paragraph != line.paragraph:
            chunks.append([])
        chunks[-1].append(line.text)
        index += 1
    return "\n\n".join("\n".join(chunk) for chunk in chunks if chunk)


def _lines(words: list[Word], gap: float) -> list[Line]:
    grouped: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        grouped.setdefault(word.line, []).append(word)
    lines = []
    for members in grouped.values():
        members.sort(key=lambda w: w.left)
        cells: list[list[Word]] = [[members[0]]]
        for previous, word in zip(members, members[1:], strict=False):
            if word.left - previous.right > gap:
                cells.append([])
            cells[-1].append(word)
        top = min(w.top for w in members)
        bottom = max(w.top + w.height for w in members)
        lines.append(Line(tuple(tuple(c) for c in cells), top, bottom, members[0].paragraph))
    return lines


def _band(lines: list[Line], start: int, height: float, limits: LayoutThresholds) -> list[Line]:
    """The lines from `start` that form side-by-side columns: at least two split lines whose
    first cells start where the band's columns start, with single-cell lines between or under."""
    if len(lines[start].cells) < 2:
        return []
    starts = [cell[0].left for cell in lines[start].cells]
    tolerance = height * limits.align_tolerance
    band, split = [lines[start]], 1
    for line in lines[start + 1 :]:
        if line.top - band[-1].bottom > limits.max_line_spacing * height:
            break
        if min(abs(line.cells[0][0].left - s) for s in starts) > tolerance:
            break
        if len(line.cells) == 1 and _spans_columns(line, starts):
            break
        band.append(line)
        split += len(line.cells) > 1
    while len(band[-1].cells) == 1 and _column_of(band[-1].cells[0], starts, tolerance) == 0:
        band.pop()  # a trailing single line at the left margin is the text after the band
    return band if split >= 2 else []


def _spans_columns(line: Line, starts: list[int]) -> bool:
    """Whether a single-cell line runs across a column boundary (full-width text)."""
    cell = line.cells[0]
    return any(cell[0].left < boundary < cell[-1].right for boundary in starts[1:])


def _column_of(cell: tuple[Word, ...], starts: list[int], tolerance: float) -> int:
    """The column a cell belongs to: the last one starting left of it (give or take)."""
    inside = [i for i, start in enumerate(starts) if start - tolerance <= cell[0].left]
    return inside[-1] if inside else 0


def _columns(band: list[Line], tolerance: float) -> list[list[str]]:
    """The band's lines regrouped column by column; each column is one paragraph."""
    starts = [cell[0].left for cell in band[0].cells]
    columns: list[list[str]] = [[] for _ in starts]
    for line in band:
        parts: dict[int, list[str]] = {}
        for cell in line.cells:
            text = " ".join(word.text for word in cell)
            parts.setdefault(_column_of(cell, starts, tolerance), []).append(text)
        for column, texts in parts.items():
            columns[column].append(" ".join(texts))
    return [column for column in columns if column]
