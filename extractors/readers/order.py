"""Reading order for PDF text layers: judge whether a page's line-by-line reading is scrambled
(side-by-side columns read across, rotated watermarks cut into one-letter lines) and, when it
is, rebuild the text from word boxes: columns one after the other, top-down inside each."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median


@dataclass(frozen=True)
class OrderThresholds:
    """The one place the judgement's numbers live."""

    gutter: float = 1.2  # a gap this many letter heights wide, clear down a run of lines: columns
    min_split_lines: int = 3  # lines with text on each side of the gutter before it counts
    max_run_gap: float = 3.0  # a blank band this many letter heights tall ends a run of columns
    min_column_share: float = 0.2  # each side as wide as this share of the block: not "Fecha:  x"
    line_overlap: float = 0.5  # boxes sharing this share of the smaller height sit on one line
    max_slant: float = 0.05  # a glyph matrix turned further than this is rotated text
    min_rotated_chars: int = 5  # fewer turned glyphs than this: a stray mark, not a watermark
    min_space_share: float = 0.08  # a layer with this share of space glyphs delimits its words
    paragraph_gap: float = 0.8  # a blank wider than this many letter heights ends a paragraph
    mend_ratio: float = 0.5  # then glyphs closer than half a letter size belong to one word


THRESHOLDS = OrderThresholds()


@dataclass(frozen=True)
class Box:
    """One word of the text layer and where it sits (PDF points, top-down)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top


Line = tuple[Box, ...]
Block = list[Line]


def boxes_from_words(words: Sequence[dict]) -> list[Box]:
    """Boxes from pdfplumber's `extract_words()` dictionaries."""
    return [
        Box(str(w["text"]), float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]))
        for w in words
    ]


def is_horizontal(char: dict, limits: OrderThresholds = THRESHOLDS) -> bool:
    """Whether a pdfplumber char runs left to right on the line (not a turned or slanted glyph,
    as vertical margin notes and diagonal "COPIA SIN VALOR" watermarks are)."""
    a, b, c, d = (float(v) for v in char.get("matrix", (1, 0, 0, 1, 0, 0))[:4])
    scale = max(abs(a), abs(d), 1e-9)
    return (
        a > 0
        and d > 0
        and abs(b) <= limits.max_slant * scale
        and abs(c) <= limits.max_slant * scale
    )


def word_tolerance(chars: Sequence[dict], limits: OrderThresholds = THRESHOLDS) -> dict:
    """pdfplumber word options that mend words split by kerning or letter spacing ("T anhuato",
    "S e c r e t a r í a"): a tolerance that grows with the letter size, but only when the layer
    writes its spaces as glyphs (else a wide tolerance would run the words together)."""
    spaces = sum(1 for char in chars if str(char["text"]).isspace())
    if chars and spaces >= limits.min_space_share * len(chars):
        return {"x_tolerance_ratio": limits.mend_ratio}
    return {}


def group_lines(boxes: Sequence[Box], limits: OrderThresholds = THRESHOLDS) -> list[Line]:
    """The boxes grouped into physical lines, top-down, each line left to right."""
    lines: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: (b.top, b.x0)):
        line = next((ln for ln in reversed(lines[-3:]) if _same_line(ln, box, limits)), None)
        if line is None:
            lines.append([box])
        else:
            line.append(box)
    return [tuple(sorted(line, key=lambda b: b.x0)) for line in lines]


def _same_line(line: list[Box], box: Box, limits: OrderThresholds) -> bool:
    top, bottom = min(b.top for b in line), max(b.bottom for b in line)
    overlap = min(bottom, box.bottom) - max(top, box.top)
    smaller = min(bottom - top, box.height) or 1.0
    return overlap >= limits.line_overlap * smaller


@dataclass(frozen=True)
class Gutter:
    """A strip clear of text through lines [first, last] of a block, centred at x."""

    x: float
    first: int
    last: int
    split_lines: int


def find_gutter(lines: Sequence[Line], limits: OrderThresholds = THRESHOLDS) -> Gutter | None:
    """The gutter with the most lines split by it between side-by-side columns in `lines`, or
    None when the lines read straight across."""
    if len(lines) < limits.min_split_lines:
        return None
    strip = limits.gutter * median(b.height for line in lines for b in line)
    left = min(line[0].x0 for line in lines)
    right = max(line[-1].x1 for line in lines)
    best: Gutter | None = None
    breaks = _breaks(lines, limits.max_run_gap * strip / limits.gutter)
    for x in _candidates(lines, strip):
        for gutter in _runs(lines, x, strip / 2, breaks):
            if not _wide_sides(lines, gutter, left, right, limits):
                continue
            if best is None or gutter.split_lines > best.split_lines:
                best = gutter
    if best is None or best.split_lines < limits.min_split_lines:
        return None
    return best


def _candidates(lines: Sequence[Line], strip: float) -> list[float]:
    """Centres of the gaps at least `strip` wide inside lines, and between consecutive lines
    that sit on either side of one (columns not level with each other), rounded to merge
    repeats."""
    centres = {
        round((a.x1 + b.x0) / 2)
        for line in lines
        for a, b in zip(line, line[1:], strict=False)
        if b.x0 - a.x1 >= strip
    }
    for above, below in zip(lines, lines[1:], strict=False):
        for first, second in ((above, below), (below, above)):
            if second[0].x0 - first[-1].x1 >= strip:
                centres.add(round((first[-1].x1 + second[0].x0) / 2))
    return sorted(centres)


def _breaks(lines: Sequence[Line], gap: float) -> set[int]:
    """Indexes of the lines that sit more than `gap` below the line before them."""
    return {
        index
        for index, (above, line) in enumerate(zip(lines, lines[1:], strict=False), start=1)
        if min(b.top for b in line) - max(b.bottom for b in above) > gap
    }


def _runs(lines: Sequence[Line], x: float, half: float, breaks: set[int]) -> list[Gutter]:
    """The runs of consecutive lines, not parted by a blank band, no box of which comes within
    `half` of x; each counts the lines it splits as the fewer of its lines with text left of x
    and its lines with text right of x (columns whose lines are not level with each other
    still read as lines of one side each)."""
    runs: list[Gutter] = []
    start, lefts, rights = -1, 0, 0
    for index, line in enumerate([*lines, ()]):
        if index in breaks and start >= 0:
            runs.append(Gutter(x, start, index - 1, min(lefts, rights)))
            start = -1
        clear = bool(line) and not any(b.x0 < x + half and b.x1 > x - half for b in line)
        if clear:
            if start < 0:
                start, lefts, rights = index, 0, 0
            lefts += line[0].x1 < x
            rights += line[-1].x0 > x
        elif start >= 0:
            runs.append(Gutter(x, start, index - 1, min(lefts, rights)))
            start = -1
    return runs


def _wide_sides(
    lines: Sequence[Line], gutter: Gutter, left: float, right: float, limits: OrderThresholds
) -> bool:
    """Whether text on each side of the gutter spans a real column, not a label or a number."""
    run = lines[gutter.first : gutter.last + 1]
    lefts = [b for line in run for b in line if b.x1 < gutter.x]
    rights = [b for line in run for b in line if b.x0 > gutter.x]
    if not lefts or not rights:
        return False
    share = limits.min_column_share * (right - left)
    left_width = max(b.x1 for b in lefts) - min(b.x0 for b in lefts)
    right_width = max(b.x1 for b in rights) - min(b.x0 for b in rights)
    return left_width >= share and right_width >= share


def reading_order(lines: Sequence[Line], limits: OrderThresholds = THRESHOLDS) -> list[Block]:
    """The lines as blocks in reading order: above a column run, then its left column, then its
    right column, then below; each part ordered the same way in turn."""
    if not lines:
        return []
    gutter = find_gutter(lines, limits)
    if gutter is None:
        return [list(lines)]
    run = lines[gutter.first : gutter.last + 1]
    left = [kept for line in run if (kept := tuple(b for b in line if b.x1 < gutter.x))]
    right = [kept for line in run if (kept := tuple(b for b in line if b.x0 > gutter.x))]
    return [
        *reading_order(lines[: gutter.first], limits),
        *reading_order(left, limits),
        *reading_order(right, limits),
        *reading_order(lines[gutter.last + 1 :], limits),
    ]


def is_scrambled(
    lines: Sequence[Line], rotated_chars: int, limits: OrderThresholds = THRESHOLDS
) -> bool:
    """Whether reading the page straight across, line by line, mixes things up: side-by-side
    columns, or rotated text that a line-by-line reading cuts into one-letter lines."""
    if rotated_chars >= limits.min_rotated_chars:
        return True
    return find_gutter(lines, limits) is not None


def blocks_text(blocks: Sequence[Block], limits: OrderThresholds = THRESHOLDS) -> str:
    """One text line per line, words separated by one space; a blank line between blocks and
    where a block leaves a paragraph's gap between two lines."""
    return "\n\n".join(_block_text(block, limits) for block in blocks if block)


def _block_text(block: Block, limits: OrderThresholds) -> str:
    height = median(b.height for line in block for b in line)
    parts = [" ".join(b.text for b in block[0])]
    for above, line in zip(block, block[1:], strict=False):
        gap = min(b.top for b in line) - max(b.bottom for b in above)
        parts.append("\n\n" if gap > limits.paragraph_gap * height else "\n")
        parts.append(" ".join(b.text for b in line))
    return "".join(parts)
