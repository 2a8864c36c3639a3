"""A second segmentation of a page whose first reading lost what matters: when an OCRed page
shows no dateline or no closing block, tesseract reads it again as sparse text (psm 11), which
finds lines its column layout (psm 4) drops next to logos and under seals and signatures. The
first reading is kept; the second only adds the words it found where the first found none."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from extractors import cues
from extractors.dategrammar import find_dates
from extractors.readers.layout import Word

# Sparse text: every line found on its own, in no column order; the merge puts it in place.
SECOND_SEGMENTATION = "11"
SECOND_BLOCKS = 10_000  # added to the second reading's block numbers: its lines stay its own


@dataclass(frozen=True)
class SecondLookThresholds:
    """The one place the judgement's numbers live."""

    min_confidence: float = 60.0  # second-reading words below this are mostly seal and logo noise
    min_chars: int = 3  # a line is added only with a word of 3+ letters or digits
    max_overlap: float = 0.3  # a word a first-reading word covers this much of is read already


THRESHOLDS = SecondLookThresholds()
ALNUM = re.compile(r"[^\W_]")


def missing_parts(text: str) -> tuple[str, ...]:
    """What a page's text lacks of what a letter's page should show: "dateline" (no date with
    a year or a relative year) and "closing" (no closing or signing formula)."""
    missing = []
    if not any(d.year is not None or d.relative for d in find_dates(text)):
        missing.append("dateline")
    if not _closing_formula().search(cues.fold(text)):
        missing.append("closing")
    return tuple(missing)


@cache
def _closing_formula() -> re.Pattern[str]:
    """Any closing or signing formula of closings.csv, on folded text."""
    kinds = ("closing", "signing", "signing_all")
    formulas = [cues.fold(r["formula"]) for r in cues.rows("closings") if r["kind"] in kinds]
    alternatives = "|".join(r"\s+".join(map(re.escape, f.split())) for f in formulas)
    return re.compile(rf"\b(?:{alternatives})\b")


def merged_words(
    first: list[Word], second: list[Word], limits: SecondLookThresholds = THRESHOLDS
) -> list[Word]:
    """The first reading's words with the second's new words put in: a second-reading word
    counts when it is confident and no first-reading word covers it; it joins the first
    reading's line at its height, or else comes as a line of its own before the first line
    that starts below it."""
    fresh = [w for w in second if w.confidence >= limits.min_confidence and _alnum(w.text)]
    fresh = [w for w in fresh if not any(_covers(old, w, limits) for old in first)]
    kept: dict[tuple[int, int, int], list[Word]] = {}
    for word in fresh:
        kept.setdefault(word.line, []).append(word)
    lines = [ws for ws in kept.values() if any(_alnum(w.text) >= limits.min_chars for w in ws)]
    out = list(first)
    for words in sorted(lines, key=lambda ws: min(w.top for w in ws)):
        joined = [_joined(word, first) for word in words]
        own = [w for w in joined if w.line[0] >= SECOND_BLOCKS]
        out.extend(w for w in joined if w.line[0] < SECOND_BLOCKS)
        if own:
            top = min(w.top for w in own)
            at = next((i for i, w in enumerate(out) if w.top > top), len(out))
            out[at:at] = own
    return out


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


def _joined(word: Word, first: list[Word]) -> Word:
    """The word on the first reading's line whose height band holds its middle, else on a line
    of its own (its block numbered past the first reading's)."""
    middle = word.top + word.height / 2
    for old in first:
        if old.top <= middle <= old.top + old.height:
            return replace(word, paragraph=old.paragraph, line=old.line)
    block, paragraph, line = word.line
    own = block + SECOND_BLOCKS
    return replace(word, paragraph=(own, paragraph), line=(own, paragraph, line))
