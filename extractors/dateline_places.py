"""The place of a dateline that names none, from the catalogued municipalities the pipeline's
PhraseMatcher found (doc.spans["expediente_places"]): an acta's opening names it before the
date ("En Zapopan, Jalisco, en el Centro ..., siendo las 9:00 horas del día ..."), a minuta
under its "Lugar" row. Only a municipality followed by its state counts: many municipalities
are named like streets, people or saints."""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc, Span

from extractors.catalogue_matcher import PLACES
from extractors.cues import words
from models.normalise import fold

OPENING_CHARS = 300  # an acta's opening names its place this close before the date
LABEL_LINES = 6  # a "Lugar" row's address runs this many lines
STATE_GAP = re.compile(r"^[ \t]*,?[ \t\n]*$")


@cache
def _labels() -> tuple[str, ...]:
    return tuple(fold(w) for w in words("dateline_place_labels"))


def _with_state(doc: Doc, text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of every municipality printed with its state after it."""
    spans: list[Span] = list(doc.spans[PLACES]) if PLACES in doc.spans else []
    states = [s for s in spans if s.label_ == "state"]
    found: list[tuple[int, int]] = []
    for m in (s for s in spans if s.label_ == "municipality"):
        after = next((s for s in states if s.start_char >= m.end_char), None)
        gap = text[m.end_char : after.start_char] if after is not None else ""
        if after is not None and STATE_GAP.match(gap) and gap.count("\n") <= 1:
            found.append((m.start_char, after.end_char))
    return found


def place_near(doc: Doc, date_start: int) -> str | None:
    """The place an acta's opening prints before the date at `date_start`, in the same
    paragraph, or the one under a "Lugar" row; None when neither is printed."""
    text = doc.text  # rebuilt from the tokens on every read: read once
    places = _with_state(doc, text)
    paragraph = text.rfind("\n\n", 0, date_start) + 1
    before = [p for p in places if max(paragraph, date_start - OPENING_CHARS) <= p[0] < date_start]
    if before:
        start, end = before[-1]
        return " ".join(text[start:end].split())
    for label in _label_lines(text):
        stop = label
        for _ in range(LABEL_LINES):
            stop = text.find("\n", stop + 1)
            if stop < 0:
                stop = len(text)
                break
        under = [p for p in places if label <= p[0] < stop]
        if under:
            start, end = under[0]
            return " ".join(text[start:end].split())
    return None


def _label_lines(text: str) -> list[int]:
    """Offsets of the lines that open with a place label ("Lugar", "LUGAR:")."""
    out: list[int] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        head = fold(line.strip()).split(":")[0].strip()
        first = head.split()[0] if head.split() else ""
        if first in _labels() or head in _labels():
            out.append(offset)
        offset += len(line)
    return out
