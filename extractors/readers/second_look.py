"""A second segmentation of a page whose first reading lost what matters: when an OCRed page
shows no dateline or no closing block, tesseract reads it again as sparse text (psm 11), which
finds lines its column layout (psm 4) drops next to logos and under seals and signatures. The
first reading is kept; the second only adds the words it found where the first found none: the
rest of a name cut under a signature, a dateline lost beside a logo."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from extractors import cues
from extractors.dategrammar import find_dates
from extractors.readers.layout import Word
from models.normalise import fold

# Sparse text: every line found on its own, in no column order; the merge puts it in place.
SECOND_SEGMENTATION = "11"
ALL_PARTS = frozenset({"dateline", "closing"})
SECOND_BLOCKS = 10_000  # added to the second reading's block numbers: its lines stay its own


@dataclass(frozen=True)
class SecondLookThresholds:
    """The one place the judgement's numbers live."""

    min_confidence: float = 60.0  # second-reading words below this are mostly seal and logo noise
    max_overlap: float = 0.3  # a word a first-reading word covers this much of is read already
    join_gap: float = 3.0  # a word 3 letter heights (a few lost letters) past a line's end
    line_confidence: float = 80.0  # a dateline of its own must be read this well on average
    clear_gap: float = 8.0  # ... with no first-reading word beside it closer than this (heights)


THRESHOLDS = SecondLookThresholds()
ALNUM = re.compile(r"[^\W_]")


def expected_parts(index: int, count: int) -> frozenset[str]:
    """What page `index` (0-based) of `count` scanned pages should show: a dateline on the first
    page (letters, constancias) or the last (an acta's signing dateline), the closing block on
    the last. A page between shows neither: it never gets a second look."""
    expected: set[str] = set()
    if index in (0, count - 1):
        expected.add("dateline")
    if index == count - 1:
        expected.add("closing")
    return frozenset(expected)


def missing_parts(text: str, expected: frozenset[str] = ALL_PARTS) -> tuple[str, ...]:
    """What of the `expected` parts a page's text lacks: "dateline" (no date with a year or a
    relative year) and "closing" (no closing or signing formula)."""
    missing = []
    if "dateline" in expected and not any(
        d.year is not None or d.relative for d in find_dates(text)
    ):
        missing.append("dateline")
    if "closing" in expected and not _closing_formula().search(fold(text)):
        missing.append("closing")
    return tuple(missing)


@cache
def _closing_formula() -> re.Pattern[str]:
    """Any closing or signing formula of closings.csv, on folded text."""
    kinds = ("closing", "signing", "signing_all")
    formulas = [fold(r["formula"]) for r in cues.rows("closings") if r["kind"] in kinds]
    alternatives = "|".join(r"\s+".join(map(re.escape, f.split())) for f in formulas)
    return re.compile(rf"\b(?:{alternatives})\b")


def merged_words(
    first: list[Word], second: list[Word], limits: SecondLookThresholds = THRESHOLDS
) -> list[Word]:
    """The first reading's words with the second's new words put in. A second-reading word is
    new when it is confident and no first-reading word covers it. New words right beside a
    first-reading line continue it (a name cut under a signature); the rest of a second-reading
    line is added as a line of its own, before the first line that starts below it, only when
    it is a dateline read well and clear of the first reading (lost beside a logo), not a
    fragment of a neighbour that the two readings cut differently."""
    fresh = [w for w in second if w.confidence >= limits.min_confidence and _alnum(w.text)]
    fresh = [w for w in fresh if not any(_covers(old, w, limits) for old in first)]
    by_line: dict[tuple[int, int, int], list[Word]] = {}
    for word in fresh:
        by_line.setdefault(word.line, []).append(word)
    out = list(first)
    for words in sorted(by_line.values(), key=lambda ws: min(w.top for w in ws)):
        joined, rest = _continuations(words, first, limits)
        out.extend(joined)
        if rest and _stands_alone(rest, first, limits):
            own = [_own_line(word) for word in rest]
            top = min(w.top for w in own)
            at = next((i for i, w in enumerate(out) if w.top > top), len(out))
            out[at:at] = own
    return out


def _continuations(
    words: list[Word], first: list[Word], limits: SecondLookThresholds
) -> tuple[list[Word], list[Word]]:
    """The words that continue a first-reading line at either end (moved onto it), and the
    others; a word is never put between two words the first reading has on a line."""
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for old in first:
        lines.setdefault(old.line, []).append(old)
    joined, rest = [], sorted(words, key=lambda w: w.left)
    changed = True
    while changed:
        changed = False
        for word in list(rest):
            line = next((ws for ws in lines.values() if _extends(ws, word, limits)), None)
            if line is not None:
                moved = replace(word, paragraph=line[0].paragraph, line=line[0].line)
                line.append(moved)
                joined.append(moved)
                rest.remove(word)
                changed = True
    return joined, rest


def _extends(line: list[Word], word: Word, limits: SecondLookThresholds) -> bool:
    """Whether `word` sits just before the line's first word or just after its last."""
    leftmost = min(line, key=lambda w: w.left)
    rightmost = max(line, key=lambda w: w.right)
    if word.right <= leftmost.left:
        return _beside(leftmost, word, limits.join_gap)
    return word.left >= rightmost.right and _beside(rightmost, word, limits.join_gap)


def _stands_alone(words: list[Word], first: list[Word], limits: SecondLookThresholds) -> bool:
    """Whether second-reading words make a line worth adding on their own: a dateline, read
    well, with no first-reading word beside it. Name lines are not added on their own: on the
    dev scans those were names cut by the signature over them ("BRENDA VIANEY G")."""
    mean = sum(w.confidence for w in words) / len(words)
    if mean < limits.line_confidence or not _dated(" ".join(w.text for w in words)):
        return False
    return not any(_beside(old, new, limits.clear_gap) for old in first for new in words)


def _dated(text: str) -> bool:
    return any(d.year is not None for d in find_dates(text))


def _beside(old: Word, new: Word, gap: float) -> bool:
    """Whether `new` sits on `old`'s line (its middle within old's height) at most `gap`
    letter heights to either side of it."""
    middle = new.top + new.height / 2
    if not old.top <= middle <= old.top + old.height:
        return False
    distance = max(new.left - old.right, old.left - new.right, 0)
    return distance <= gap * max(old.height, new.height)


def _alnum(text: str) -> int:
    return len(ALNUM.findall(text))


def _covers(old: Word, new: Word, limits: SecondLookThresholds) -> bool:
    """Whether `old` covers more than `max_overlap` of the smaller of the two boxes."""
    width = min(old.right, new.right) - max(old.left, new.left)
    height = min(old.top + old.height, new.top + new.height) - max(old.top, new.top)
    if width <= 0 or height <= 0:
        return False
    smaller = min(old.width * old.height, new.width * new.height) or 1
    return width * height > limits.max_overlap * smaller


def _own_line(word: Word) -> Word:
    """The word on its second-reading line, its block numbered past the first reading's."""
    block, paragraph, line = word.line
    own = block + SECOND_BLOCKS
    return replace(word, paragraph=(own, paragraph), line=(own, paragraph, line))
