"""People candidates: the persons spaCy's Spanish NER recognises that no people rule read, each
with the weak signals around it that the trained scorer (scorer.py, data/scorers/people.json)
weighs. The rules read a person through a stated title, honorific, list or block; a prize
winner, a member named in a prose roll, a diploma's recipient or a name in an attendance list
with no office beside it is only a name. The scorer decides which of those are people and
which are a place, a body, a document's title or OCR noise that the NER took for a name."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span

from extractors.catalog import is_place
from extractors.context import Context
from extractors.cues import words as cue_words
from extractors.names import (
    PARTICLES,
    ends_in_verb,
    given_names,
    looks_like_name,
    reads_as_words,
    split_honorific,
)
from models.normalise import OCR_NAME_RATIO, OCR_WORD_RATIO, fold, same_name

PROSE_WORDS = 12  # a line this long is a sentence, not a name line
NEAR = 120  # another person this close makes a roll of names
EDGE = ' ,.;:“”"«»()'
# Parts of speech spaCy tags a person's name words with; the others (NOUN, ADJ, VERB) name
# things ("Recinto Portuario", "Industrias Metálicas Básicas").
NAME_POS = frozenset({"PROPN", "ADP", "DET", "CCONJ"})
ODD_CASE = re.compile(r"[a-záéíóúñ][A-ZÁÉÍÓÚÑ]")  # "VirgintaYasso": OCR joined two words


@cache
def place_words() -> frozenset[str]:
    """Folded words that make the name after them a place's (data/people_named_places.csv)."""
    return frozenset(fold(w) for w in cue_words("people_named_places"))


@dataclass
class Candidate:
    """A name spaCy recognised that no rule read, where it is printed, and its features."""

    name: str
    start: int
    honorific: str | None
    features: dict[str, float]


def same_person(a: str, b: str) -> bool:
    """One name's words all in the other's ("Inés Carvajal" in "Inés Carvajal Ponce"), or the
    same words but for a few OCR slips ("Willlam Gómez Huesa")."""
    return same_name(
        a, b, min_ratio=OCR_NAME_RATIO, word_ratio=OCR_WORD_RATIO, contained=True, cut_words=True
    )


def candidates(ctx: Context, known: Sequence[str]) -> list[Candidate]:
    """Every PER entity that reads as a name and is none of the `known` people and signers,
    once each, in text order."""
    text = ctx.text
    persons = [e for e in ctx.doc.ents if e.label_ == "PER"]
    starts = [e.start_char for e in persons]
    taken = list(known)
    out: list[Candidate] = []
    for ent in persons:
        honorific, rest, offset = split_honorific(" ".join(ent.text.split()))
        name = _without_verb(rest.strip(EDGE))
        if not looks_like_name(name) or any(same_person(name, k) for k in taken):
            continue
        if is_place(name) or _after_place_word(text, ent.start_char):
            continue  # "Francisco I. Madero", "calle Benito Juárez": a town, a street
        if not honorific and reads_as_words(name):
            continue  # "Código Penal Único"
        taken.append(name)
        start = text.find(name[:4], ent.start_char, ent.end_char)
        start = start if start >= 0 else ent.start_char + offset
        features = _features(ctx, ent, name, starts)
        if honorific:
            features["honorific"] = 1.0
        out.append(Candidate(name, start, honorific, features))
    return out


def _without_verb(name: str) -> str:
    """A name without the verb a capitals headline runs into it ("… MEADE PRESENTÓ")."""
    words = name.split()
    if len(words) > 2 and ends_in_verb(words[-1]):
        return " ".join(words[:-1])
    return name


def _after_place_word(text: str, start: int) -> bool:
    previous = text[max(0, start - 20) : start].split()
    return bool(previous) and fold(previous[-1].strip(".,")) in place_words()


def _features(ctx: Context, ent: Span, name: str, starts: list[int]) -> dict[str, float]:
    text = ctx.text
    words = name.split()
    core = [w for w in words if w.lower() not in PARTICLES]
    f: dict[str, float] = {"bias": 1.0}
    f[f"words:{min(len(core), 5)}"] = 1.0
    given = [fold(w) in given_names() for w in core]
    f["given:first" if given[0] else "given:later" if any(given) else "given:none"] = 1.0
    if name.isupper():
        f["capitals"] = 1.0
    if any(ODD_CASE.search(w) for w in words):
        f["odd_case"] = 1.0
    if any(len(w.strip(".")) <= 2 for w in core):
        f["initial"] = 1.0
    tags = [t.pos_ for t in ent if not t.is_punct]
    if tags:
        f["pos:not_name"] = sum(t not in NAME_POS for t in tags) / len(tags)
    line_start = text.rfind("\n", 0, ent.start_char) + 1
    line_end = text.find("\n", ent.end_char)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    before = text[line_start : ent.start_char].strip()
    after = text[ent.end_char : line_end if line_end >= 0 else len(text)].strip()
    if not before.strip(EDGE + "-•*·") and not after.strip(EDGE):
        f["line:alone"] = 1.0
    elif len(line.split()) >= PROSE_WORDS and sum(c.islower() for c in line) > len(line) / 3:
        f["line:prose"] = 1.0
    else:
        f["line:short"] = 1.0
    previous = text[max(0, ent.start_char - 30) : ent.start_char].split()
    if previous:
        last = previous[-1]
        if last[-1:] in ",;:":
            f["before:punct"] = 1.0
        elif last.isalpha() and last.islower():
            f["before:lower"] = 1.0
    following = text[ent.end_char : ent.end_char + 3]
    if following[:1] in (",", ";") or following.startswith(" y ") or following.startswith(" e "):
        f["after:list"] = 1.0
    elif following[:1] == "(":
        f["after:bracket"] = 1.0
    if any(0 < abs(s - ent.start_char) <= NEAR for s in starts):
        f["near_person"] = 1.0
    where = ent.start_char / max(1, len(text))
    f["position:head" if where < 0.15 else "position:tail" if where > 0.85 else "position:body"] = 1
    kind = ctx.kind.kind if ctx.kind else "other_official"
    f[f"kind:{kind}"] = 1.0
    if any(p.reader == "tesseract" for p in ctx.document.pages):
        f["doc:ocr"] = 1.0
    return f
