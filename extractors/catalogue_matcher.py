"""Catalogue names found in a Doc with spaCy's PhraseMatcher: INEGI's municipalities and the 32
states (`doc.spans["expediente_places"]`) and the catalogued institutions
(`doc.spans["expediente_institutions"]`). Names match without regard to case or accents through
`token.norm_`, which `expediente_fold_v1` sets to the folded form after the model's own
components ran (so their output is the model's); acronyms match as printed ("PAN", not "pan").
The catalogue files come through the component's config."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.attrs import IS_SPACE, NORM, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from extractors.cues import DATA
from models.normalise import fold

FOLD = "expediente_fold_v1"
CATALOGUES = "expediente_catalogues_v1"
PLACES = "expediente_places"  # span labels: "municipality" (kb_id: INEGI key), "state"
INSTITUTIONS = "expediente_institutions"  # span labels: the entry's kind; kb_id: its id
DEFAULT_FILES = {
    "institutions": "institutions.jsonl",
    "municipalities": "municipalities.csv",
    "state_aliases": "state_aliases.csv",
}


@Language.component(FOLD)
def fold_norms(doc: Doc) -> Doc:
    """Every token's norm_ is its folded text ("MÉXICO" -> "mexico"). Written through token
    arrays, each distinct word folded once: a Token object per token costs more than folding."""
    if not len(doc):
        return doc
    strings = doc.vocab.strings
    norms: Any = doc.to_array(ORTH)  # one uint64 per token (to_array's type stubs say floats)
    orths = norms.tolist()
    norm_of = {orth: strings.add(fold(strings[orth])) for orth in set(orths)}
    norms[:] = [norm_of[orth] for orth in orths]
    doc.from_array([NORM], norms)  # what token.norm_ = ... sets: the token's own norm
    return doc


@dataclass(frozen=True)
class Name:
    """One catalogued way of writing a place or body, and what a match of it stands for."""

    form: str
    group: str  # PLACES or INSTITUTIONS
    label: str
    kb_id: str


def data_file(name: str) -> Path:
    """A catalogue file: a path, or a file name in extractors/data/."""
    path = Path(name)
    return path if path.is_absolute() else DATA / path


def _csv(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(line for line in fh if not line.startswith("#"))


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                yield json.loads(line)


def is_acronym(form: str) -> bool:
    """One word with two capitals or more ("PAN", "Infoem" is not): matched as printed."""
    return " " not in form.strip() and sum(ch.isupper() for ch in form) >= 2


def catalogue_names(institutions: Path, municipalities: Path, state_aliases: Path) -> list[Name]:
    """Every name the catalogue files give, in file order."""
    names: list[Name] = []
    states: dict[str, str] = {}
    for row in _csv(municipalities):
        names.append(Name(row["municipality"], PLACES, "municipality", row["cve"]))
        states.setdefault(row["entity"], row["cve"][:2])
    names += [Name(state, PLACES, "state", cve) for state, cve in states.items()]
    entity = {fold(state): cve for state, cve in states.items()}
    for row in _csv(state_aliases):
        cve = entity.get(fold(row["entity"]), "")
        names.append(Name(row["alias"], PLACES, "state", cve))
    for record in _jsonl(institutions):
        for form in (record["name"], record.get("acronym"), *record.get("aliases", ())):
            if form:
                names.append(Name(form, INSTITUTIONS, record["kind"], record["id"]))
    return names


class CatalogueMatcher:
    """Writes the catalogue matches of a Doc to its span groups (overlapping matches kept:
    a municipality of the same name in several states gives one span per state)."""

    def __init__(self, nlp: Language, names: Iterable[Name]) -> None:
        self.folded = PhraseMatcher(nlp.vocab, attr="NORM")
        self.printed = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.meaning: dict[int, list[Name]] = {}
        for name in names:
            key = f"{name.group}|{name.label}|{name.kb_id}"
            key_id = nlp.vocab.strings.add(key)
            if name in self.meaning.get(key_id, ()):
                continue
            self.meaning.setdefault(key_id, []).append(name)
            pattern = fold_norms(nlp.make_doc(name.form))
            matcher = self.printed if is_acronym(name.form) else self.folded
            matcher.add(key, [pattern])

    def __call__(self, doc: Doc) -> Doc:
        groups: dict[str, list[Span]] = {PLACES: [], INSTITUTIONS: []}
        seen: set[tuple[int, int, int]] = set()
        view, where = _without_line_breaks(doc)
        matches = sorted([*self.folded(view), *self.printed(view)], key=lambda m: (m[1], -m[2]))
        for key_id, start, end in matches:
            start, end = where[start], where[end - 1] + 1
            if (key_id, start, end) in seen:
                continue
            seen.add((key_id, start, end))
            first = self.meaning[key_id][0]
            span = Span(doc, start, end, label=first.label, kb_id=first.kb_id)
            groups[first.group].append(span)
        for group, spans in groups.items():
            doc.spans[group] = spans
        return doc


def _without_line_breaks(doc: Doc) -> tuple[Doc, list[int]]:
    """A copy of `doc` without the tokens of spaces holding at most one line break (a name may
    wrap onto the next line, not across a blank line), and where each of its tokens is in `doc`.
    Read through token arrays: a Token object per token costs more than the matching."""
    strings = doc.vocab.strings
    rows: Any = doc.to_array([ORTH, IS_SPACE, NORM])  # uint64 rows (the stubs say floats)
    spaces = rows[:, 1].nonzero()[0].tolist()  # only the space tokens' texts need reading
    dropped = {i for i in spaces if strings[rows[i, 0]].count("\n") <= 1}
    where = [i for i in range(len(doc)) if i not in dropped]
    if len(where) == len(doc):
        return doc, where
    kept = rows[where]
    view = Doc(doc.vocab, words=[strings[orth] for orth in kept[:, 0].tolist()])
    view.from_array([NORM], kept[:, 2:3])
    return view, where


@Language.factory(
    CATALOGUES,
    default_config=DEFAULT_FILES,
    requires=["token.norm"],
    assigns=["doc.spans"],
)
def make_catalogue_matcher(
    nlp: Language, name: str, institutions: str, municipalities: str, state_aliases: str
) -> CatalogueMatcher:
    """The component, from the catalogue files named in its config (extractors/data/ ones by
    default)."""
    files = (data_file(institutions), data_file(municipalities), data_file(state_aliases))
    return CatalogueMatcher(nlp, catalogue_names(*files))
