"""The kind of a document (letter, press release, other official document) from its structure:
addressee and closing formulas, headings, gazette forms, journalism. Cues: data/kind_cues.csv."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extractors.context import Context
from extractors.cues import lowered, rows
from models import KindGuess, versions

NAME = versions.KIND

_TOP_LINES = 12  # headings, subject lines and oficio numbers sit in the first lines
_PROSE_LINE = 160  # a line this long is a paragraph of prose: the heading block is over
_CAPITALS_SHARE = 0.8  # ... unless nearly all its letters are capitals: a long title


@dataclass(frozen=True)
class Cue:
    kind: str
    weight: float
    scope: str  # top (the heading block), any
    label: str
    pattern: re.Pattern[str]
    needs: tuple[str, ...] = ()  # one of these is in every match (lower case); () when unknown

    def may_match(self, lowered: str, end: int) -> bool:
        """Whether the pattern can match before `end` in the text `lowered` (cues.lowered)
        holds: a substring test costs far less than the regex's search."""
        return not self.needs or any(lowered.find(n, 0, end) >= 0 for n in self.needs)


@dataclass(frozen=True)
class Hit:
    cue: Cue
    start: int
    end: int
    text: str


@cache
def cues() -> tuple[Cue, ...]:
    """The cues of data/kind_cues.csv, compiled."""
    return tuple(
        Cue(
            r["kind"],
            float(r["weight"]),
            r["scope"],
            r["label"],
            _compile(r["pattern"]),
            tuple(n for n in r["needs"].split("|") if n),
        )
        for r in rows("kind_cues")
    )


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE | re.MULTILINE)


def top_end(text: str) -> int:
    """Offset where the heading block ends: after its first lines, or at the first paragraph
    of prose (so a heading quoted further down a press release does not count). A long first
    line or a long line in capitals is a title, not prose ("CONVENIO DE COLABORACIÓN QUE
    CELEBRAN POR UNA PARTE ...", "ACUERDO por el que se emiten ...")."""
    for count, line in enumerate(re.finditer(r"[^\n]*\S[^\n]*", text), start=1):
        if len(line.group(0)) > _PROSE_LINE and count > 1 and not _capitals(line.group(0)):
            return line.start()
        if count >= _TOP_LINES:
            return line.end()
    return len(text)


def _capitals(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= _CAPITALS_SHARE * len(letters)


def hits(text: str) -> list[Hit]:
    """The first match of every cue in its scope."""
    limits = {"top": top_end(text), "any": len(text)}
    low = lowered(text)
    found = []
    for cue in cues():
        end = limits[cue.scope]
        m = cue.pattern.search(text, 0, end) if cue.may_match(low, end) else None
        if m:
            found.append(Hit(cue, m.start(), m.end(), " ".join(m.group(0).split())))
    return found


def _reason(kind: str, chosen: list[Hit]) -> str:
    if not chosen:
        return f"{kind}: no structural cue; prose without letter or gazette forms"
    parts = [f"{h.cue.label} '{h.text.strip(' *#<>')[:40]}'" for h in chosen[:4]]
    return f"{kind}: " + "; ".join(parts)


def guess(text: str) -> tuple[str, list[Hit]]:
    """(kind, the hits that decided it), strongest first."""
    found = hits(text)
    scores = {"letter": 0.0, "press_release": 0.5, "other_official": 0.0}
    for h in found:
        scores[h.cue.kind] += h.cue.weight
    kind = max(scores, key=lambda k: scores[k])
    chosen = sorted((h for h in found if h.cue.kind == kind), key=lambda h: -h.cue.weight)
    return kind, chosen


def extract(ctx: Context) -> KindGuess:
    """The kind of the document in `ctx`, with the cues that decided it as the reason."""
    kind, chosen = guess(ctx.text)
    prov = ctx.prov(NAME, chosen[0].start, chosen[0].end) if chosen else None
    return KindGuess(kind, _reason(kind, chosen), prov)  # type: ignore[arg-type]
