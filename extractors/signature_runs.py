"""Signers printed as a name line over a title line with no closing formula above them: the
signature pages of actas and minutes, the foot of certificates and constancias, two or three
signers side by side on one line ("LIC. A B C   ING. D E F" over "DIRECTORA   JEFE"). Never the
addressee block above "PRESENTE" or the c.c.p. list."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache

from extractors.cues import pattern, rows
from extractors.names import ARTICLE, CONJUNCTION, cargo, honorific_starts
from extractors.roles import role_start_re
from extractors.signature_block import (
    COLUMN_GAP,
    Entry,
    Line,
    ends_block,
    is_closing,
    lines_of,
    name_at,
)
from models.normalise import fold

HEAD_LINES = 25  # mastheads and letterheads, not signatures, print names over titles up there
LATE_SHARE = 0.6  # a lone bare name (no honorific) signs only in the last 40% of the text,
AFTER_FORMULA = 3000  # or this many characters after a closing or signing formula
MAX_RUN_GAP = 6  # lines between two signers of one table
MAX_NAME_LINE_WORDS = 14  # two or three names side by side with their honorifics
MAX_TITLE_LINE_WORDS = 24
ADDRESSEE_LINES = 16  # lines above "PRESENTE" that may hold the addressee
COPY_LIST_LINES = 10
MAX_CARGO_WORDS = 2  # "Regidor", "Síndico Municipal" printed before a signer's honorific
MAX_GAP = 2  # blank lines between a name and its title (OCR spaces lines out)
DEBRIS = " —–-_|=/\\.,;:*>«»"  # OCR leaves rules and signature strokes at line ends
LABELLED = re.compile(r"^([^:\n]{3,40}):[ \t]*(?=\S)")  # "REGIDOR: NAME"
TITLE_CONTINUES = re.compile(r"^(?i:de|del|y|e|para|en|a)\b|^[a-záéíóúñ]")  # lower case: goes on


@cache
def _title_words() -> dict[str, bool]:
    """Folded extra title words -> whether a second title starts at them on a shared line."""
    return {fold(r["word"]): r["split"] == "yes" for r in rows("signature_titles")}


def _clean(text: str) -> str:
    return text.strip().strip(DEBRIS).strip()


def opens_title(text: str) -> bool:
    """Whether `text` starts with a title: a cargo ("Directora", "Primer Regidor") or a word of
    signature tables ("Miembro", "Suplente")."""
    text = ARTICLE.sub("", _clean(text))
    first = fold(text.split()[0]) if text.split() else ""
    return bool(role_start_re().match(text)) or first in _title_words()


def _title_starts(text: str) -> list[int]:
    """Offsets where a title starts in a line of side-by-side titles; a qualifier right after a
    title word ("PRESIDENTE SUPLENTE") starts none."""
    starts: list[int] = []
    previous: str | None = None  # the title word right before this one
    for m in re.finditer(r"\S+", text):
        word = m.group(0).strip(DEBRIS)
        splits = _title_words().get(fold(word))
        is_cargo = bool(role_start_re().fullmatch(word))
        if not (is_cargo or splits is not None):
            previous = None
            continue
        if previous is None:
            opens = splits is not False or not starts
        elif is_cargo:  # "PRESIDENTE PRESIDENTE" splits, "CONSEJERO PRESIDENTE" is one cargo
            opens = cargo(f"{previous} {word}") == cargo(previous)
        else:
            opens = splits is True
        if opens:
            starts.append(m.start())
        previous = word
    return starts


def title_parts(line: Line, count: int) -> list[str] | None:
    """The titles of `count` signers side by side in `line`, or None when it opens no title."""
    text = _clean(line.text)
    if not text or len(text.split()) > MAX_TITLE_LINE_WORDS or not opens_title(text):
        return None
    if ":" in text or ". " in text or not text[0].isupper():
        return None  # a speaker's turn in a transcribed session, or prose
    if name_parts(line):
        return None
    if count == 1:
        return [text]
    columns = [_clean(part) for part in COLUMN_GAP.split(text) if _clean(part)]
    if len(columns) == count:
        return columns
    starts = _title_starts(text)
    if len(starts) == count and starts[0] == 0:
        bounds = [*starts, len(text)]
        return [_clean(text[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]
    return [text] + [""] * (count - 1)


def _parts(line: Line) -> list[tuple[str, int]]:
    """A line cut where a new signer may start: wide gaps, then honorifics inside the line."""
    out: list[tuple[str, int]] = []
    pos = 0
    for piece in COLUMN_GAP.split(line.text):
        at = line.text.index(piece, pos) if piece else pos
        pos = at + len(piece)
        if not piece.strip():
            continue
        cuts = [0, *(h for h in honorific_starts(piece) if h > 0 and piece[h - 1] == " ")]
        for a, b in zip(cuts, [*cuts[1:], len(piece)], strict=False):
            if piece[a:b].strip():
                out.append((piece[a:b], at + a))
    return out


def name_parts(line: Line) -> list[Entry]:
    """The signers named side by side in `line` (each part an honorific and a name, or a bare
    name); [] unless every part is one."""
    text = line.stripped
    if not text or len(text.split()) > MAX_NAME_LINE_WORDS or is_closing(text):
        return []
    label = LABELLED.match(line.text.strip())
    if label and opens_title(label.group(1)):
        lead = len(line.text) - len(line.text.lstrip()) + label.end()
        entry = name_at(line, _clean(line.text[lead:]), lead)
        if entry is None:
            return []
        entry.title_lines.append(label.group(1).strip())
        return [entry]
    entries: list[Entry] = []
    parts = _parts(line)
    if len(parts) > 1 and _leading_cargo(parts[0][0]):
        parts = parts[1:]  # "Regidor Mtro. Name": a council member's cargo before the honorific
    for part, at in parts:
        cleaned = part.rstrip(DEBRIS)
        entry = name_at(line, cleaned, at)
        if entry is None:
            return []
        entries.append(entry)
    return entries


def _leading_cargo(part: str) -> bool:
    """Whether a part cut before an honorific is a cargo of one or two words ("Regidora")."""
    words = _clean(part).split()
    return 0 < len(words) <= MAX_CARGO_WORDS and opens_title(part) and not honorific_starts(part)


def _barred(lines: list[Line]) -> set[int]:
    """Lines that never hold a signer: the addressee block and the copy list."""
    barred: set[int] = set()
    for i, line in enumerate(lines):
        text = line.stripped
        if pattern("addressee_presente_loose").match(text):
            barred.update(range(max(0, i - ADDRESSEE_LINES), i + 1))
        elif text and ends_block(text):
            for j in range(i, min(len(lines), i + COPY_LIST_LINES)):
                if j > i and not lines[j].stripped:
                    break
                barred.add(j)
    return barred


def _next_printed(lines: list[Line], i: int) -> int | None:
    for j in range(i + 1, min(len(lines), i + MAX_GAP + 2)):
        if lines[j].stripped:
            return j
    return None


def name_title_runs(
    text: str, formulas: Sequence[int] = (), last_only: bool = False
) -> Iterator[Entry]:
    """Every name line directly over a title line (across at most two blank lines), with the
    title's continuation lines, outside the addressee block, the copy list and the first lines.
    A name without honorific counts late in the text, after a closing or signing formula (at
    offsets `formulas`) or beside another signer; `last_only` keeps only the final run (a
    press release that ends in a signature block)."""
    lines = lines_of(text)
    barred = _barred(lines) | set(range(min(HEAD_LINES, len(lines) // 4)))
    runs: list[list[tuple[Entry, int]]] = []  # (entry, line index) per run of adjacent pairs
    i, run_end = 0, -1
    while i < len(lines):
        names = name_parts(lines[i]) if i not in barred else []
        j = _next_printed(lines, i) if names else None
        titles = title_parts(lines[j], len(names)) if j is not None and j not in barred else None
        if j is None or titles is None:
            i += 1
            continue
        for entry, title in zip(names, titles, strict=True):
            if title and not entry.title_lines:
                entry.title_lines.append(title)
        if not runs or i - run_end > MAX_RUN_GAP:
            runs.append([])
        runs[-1].extend((entry, i) for entry in names)
        i = run_end = _continue_title(lines, j + 1, names, barred)
    for run in runs[-1:] if last_only else runs:
        for entry, index in run:
            if entry.honorific or (
                not CONJUNCTION.search(entry.name)
                and (len(run) > 1 or _late(lines[index].start, text, formulas))
            ):
                yield entry


def _late(offset: int, text: str, formulas: Sequence[int]) -> bool:
    after_formula = any(0 <= offset - at <= AFTER_FORMULA for at in formulas)
    return after_formula or offset >= LATE_SHARE * len(text)


def _continue_title(lines: list[Line], k: int, names: list[Entry], barred: set[int]) -> int:
    """Lines that go on a lone signer's title ("de Obra Pública", "ACCIÓN NACIONAL" under a
    title in capitals); returns the index of the first line after the run."""
    if len(names) != 1 or not names[0].title_lines:
        return k
    entry = names[0]
    while k < len(lines) and k not in barred and len(entry.title_lines) < 4:
        text = _clean(lines[k].text)
        last = entry.title_lines[-1]
        capitals = last.isupper() and text.isupper()
        unfinished = last.endswith((",", " de", " del", " y", " la", " DE", " DEL", " Y", " LA"))
        if not text or ends_block(text) or name_parts(lines[k]) or opens_title(text):
            break
        if not (unfinished or TITLE_CONTINUES.match(text) or capitals):
            break
        if len(text.split()) > MAX_TITLE_LINE_WORDS:
            break
        entry.title_lines.append(text)
        k += 1
    return k
