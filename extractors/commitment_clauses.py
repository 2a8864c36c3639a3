"""The clauses of commitments: where a clause holding a pledge starts and ends (a hard wrap is
no break, a blank line or a list item is), and which verbs are futures."""

from __future__ import annotations

import re

from extractors.token_forms import TokenForms

# A single line break is only a hard wrap; a blank line or a new list item ends the clause.
CLAUSE_END = re.compile(r"[.;:!?]|,(?=\s)|\n\s*\n|\n(?=[ \t]*(?:[-•*]|\w{1,3}[.)])\s)")
MIN_SPAN = 35  # a comma this early ends no clause ("buscará un diálogo, ..." is longer)
MAX_SPAN = 320
SUBJECT_WINDOW = 160  # how far back a verb's subject is looked for
REGULAR_FUTURE_1PL = re.compile(r"\w{3,}(?:ar|er|ir)emos")  # not "queremos" (present)


def clause_end(text: str, start: int, floor: int = 0) -> int:
    """End of the clause that starts at `start` (first stop past MIN_SPAN characters and
    past `floor`, the end of the cue)."""
    pos = max(start + MIN_SPAN, floor)
    match = CLAUSE_END.search(text, min(pos, len(text)), min(len(text), start + MAX_SPAN))
    if match is None:
        return min(len(text), start + MAX_SPAN)
    return match.start()


def clause_start(text: str, pos: int) -> int:
    """Start of the sentence, list item or line holding `pos`. Lines stay breaks here, unlike
    in clause_end: a subject searched across hard wraps found rules' subjects (measured on dev)."""
    floor = max(0, pos - SUBJECT_WINDOW)
    cut = max(text.rfind(ch, floor, pos) for ch in ".;:\n")
    return cut + 1 if cut >= 0 else floor


def sentence_start(text: str, pos: int) -> int:
    """Start of the sentence holding `pos` (after the last full stop, at most 400 back)."""
    floor = max(0, pos - 400)
    cut = max(text.rfind(". ", floor, pos), text.rfind(".\n", floor, pos))
    return cut + 2 if cut >= 0 else floor


def is_future_at(tokens: TokenForms, i: int) -> bool:
    """Whether token i is a future indicative ("instalará"); also a regular first-person future
    (infinitive + -emos/-é: "trabajaremos"), which es_core_news_sm often tags as a present."""
    if "Fut" in tokens.feature(i, "Tense") and "Ind" in tokens.feature(i, "Mood"):
        return True
    form = tokens.folded[i]
    if not form.endswith(("e", "s")):  # neither "-é" nor "-emos": most tokens end here
        return False
    lemma = tokens.folded_lemma[i]
    if lemma.endswith(("ar", "er", "ir")) and form in (lemma + "emos", lemma + "e"):
        return True
    return REGULAR_FUTURE_1PL.fullmatch(form) is not None  # tagged PROPN after a quote


def future_positions(tokens: TokenForms) -> tuple[int, ...]:
    """The indices of the tokens `is_future_at` accepts, in order."""
    return tuple(i for i in range(len(tokens)) if is_future_at(tokens, i))
