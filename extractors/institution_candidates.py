"""Institution candidates: every institution the rules of institutions.py found, with the weak
signals the trained scorer (scorer.py) weighs to tell a body from noise: which rules found it,
whether the catalogues know it, how it is printed (capitals, OCR-misread words, digits), where
(letterhead, a line of its own, a scanned page) and how often. What the catalogues know stands;
the scorer decides on the others, which is where OCR fragments, table headers, companies and
generic descriptors are."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from extractors import catalog
from extractors.context import Context
from extractors.institution_dedupe import heads_by_fold
from extractors.institution_noise import garbage_share
from extractors.nlp import vocabulary
from models import Institution
from models.normalise import fold

HEAD_LINES = 12  # letterhead and addressee
SAME_NAME = 85  # a name this similar to another candidate's is one body printed twice
SOURCES = ("head", "acronym", "catalogue", "entity")
ARTICLE_BEFORE = re.compile(r"\b(?:el|la|los|las|del|al)$", re.IGNORECASE)


@dataclass
class Candidate:
    """A found institution, the rules that found it, and its features."""

    institution: Institution
    sources: frozenset[str] = frozenset()
    features: dict[str, float] = field(default_factory=dict)

    @property
    def stands(self) -> bool:
        """Whether the catalogues know it (those stand; the scorer weighs the others)."""
        return bool(self.institution.catalog_id)


def candidates(
    ctx: Context, found: tuple[Institution, ...], sources: Mapping[str, set[str]]
) -> list[Candidate]:
    """One candidate per found institution, in order; `sources` maps a folded printed form or
    name to the rules (SOURCES) that found it."""
    text = ctx.text
    folded = fold(text)
    kind = ctx.kind.kind if ctx.kind is not None else "other_official"
    acronyms = frozenset(catalog.simplify(i.acronym) for i in found if i.acronym)
    out = []
    for inst in found:
        found_by = sources.get(fold(inst.printed), set()) | sources.get(fold(inst.name), set())
        c = Candidate(inst, frozenset(found_by))
        c.features = features(c, ctx, found, folded, kind=kind, acronyms=acronyms)
        out.append(c)
    return out


def features(
    c: Candidate,
    ctx: Context,
    found: tuple[Institution, ...],
    folded: str,
    *,
    kind: str,
    acronyms: frozenset[str],
) -> dict[str, float]:
    """The weak signals about one candidate, as named features (1.0 when present)."""
    inst = c.institution
    name = inst.name
    f: dict[str, float] = {"bias": 1.0, f"kind:{kind}": 1.0}
    for source in c.sources or {"unknown"}:
        f[f"found_by:{source}"] = 1.0
    if len(c.sources) > 1:
        f["found_by:several"] = 1.0
    words = name.split()
    f[f"words:{min(len(words), 7)}"] = 1.0
    if name.isupper():
        f["capitals"] = 1.0
    if any(ch.isdigit() for ch in name):
        f["digits"] = 1.0
    if inst.acronym:
        f["acronym"] = 1.0
        if inst.acronym == name:
            f["acronym:bare"] = 1.0
    garbage = garbage_share(name, acronyms)
    f["garbage_share"] = garbage
    if garbage > 0:
        f["garbage:some"] = 1.0
    f["out_of_vocabulary"] = _out_of_vocabulary(name)
    _head_features(f, name)
    if _ends_in_place(name):
        f["ends_in_place"] = 1.0
    _mention_features(f, inst, folded)
    _neighbour_features(f, inst, found)
    if inst.prov is not None:
        _position_features(f, ctx, inst.prov.start, inst.prov.end)
    return f


def _head_features(f: dict[str, float], name: str) -> None:
    """The head noun opening the name (a class of body, from data/institution_heads.csv)."""
    key = catalog.simplify(re.sub(r"^(?:H\.|Honorable|[IVXLC]+)\s+", "", name))
    rows = heads_by_fold()
    head = next((h for h in sorted(rows, key=len, reverse=True) if _opens(key, h)), None)
    if head is None:
        f["head:none"] = 1.0
        return
    f[f"head_noun:{head}"] = 1.0
    if rows[head]["after_de"] == "no":
        f["head:weak"] = 1.0  # "Administración", "Registro": a topic as often as a body
    if key == head:
        f["head:bare"] = 1.0
    elif len(key.split()) - len(head.split()) == 1:
        f["head:one_word_after"] = 1.0  # "Dirección General", "Consejo Directivo"


def _opens(key: str, head: str) -> bool:
    return key == head or key.startswith(head + " ")


def _out_of_vocabulary(name: str) -> float:
    """The share of the name's words of three letters or more the tagger's vocabulary lacks."""
    keys = [fold(w) for w in name.split()]
    keys = [k for k in keys if len(k) >= 3 and k.isalpha()]
    if not keys:
        return 0.0
    return sum(k not in vocabulary() for k in keys) / len(keys)


def _ends_in_place(name: str) -> bool:
    """Whether the name closes on a municipality's or a state's name ("... de Tanhuato")."""
    words = name.split()
    return any(catalog.is_place(" ".join(words[-n:])) for n in range(1, min(4, len(words) - 1) + 1))


def _mention_features(f: dict[str, float], inst: Institution, folded: str) -> None:
    name = fold(inst.name)
    count = folded.count(name) if name else 0
    if inst.acronym:
        count += len(re.findall(rf"\b{re.escape(fold(inst.acronym))}\b", folded))
    f[f"mentions:{min(count, 3)}"] = 1.0


def _neighbour_features(
    f: dict[str, float], inst: Institution, found: tuple[Institution, ...]
) -> None:
    """How the name stands to the document's other candidates: a near copy of one (an OCR
    reading of it), part of a longer one, or one with another body's name or acronym inside."""
    name = fold(inst.name)
    for other in found:
        if other is inst:
            continue
        other_name = fold(other.name)
        if fuzz.ratio(name, other_name) >= SAME_NAME:
            f["near_copy"] = 1.0
            if len(other_name) > len(name) or other.catalog_id:
                f["near_copy:of_fuller"] = 1.0
        elif _whole_words(name).search(other_name):
            f["inside_other"] = 1.0
        elif _whole_words(other_name).search(name):
            f["contains_other"] = 1.0
        acronym = fold(other.acronym) if other.acronym else ""
        if acronym and _ending_word(acronym).search(name) and acronym != name:
            f["ends_in_other_acronym"] = 1.0


# Every pair of a document's candidates is compared: each name's pattern is compiled once,
# not once per pair (re's own cache of 512 patterns overflows on a long document).
@lru_cache(maxsize=4096)
def _whole_words(text: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(text)}\b")


@lru_cache(maxsize=4096)
def _ending_word(text: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(text)}$")


def _position_features(f: dict[str, float], ctx: Context, start: int, end: int) -> None:
    """Where its first mention is printed: letterhead, a line of its own, the text's fifth."""
    text = ctx.text
    line = text.count("\n", 0, start)
    lines = text.count("\n") + 1
    f[f"position:{min(4, 5 * line // lines)}"] = 1.0
    if line < HEAD_LINES:
        f["letterhead"] = 1.0
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before, after = text[line_start:start].strip(), text[end:line_end].strip()
    if not before and not after.strip(" .,:;"):
        f["own_line"] = 1.0
    elif re.search(r"\S {3,}\S", text[line_start:line_end]):
        f["columns"] = 1.0  # a table row or header
    if ARTICLE_BEFORE.search(before):
        f["article_before"] = 1.0  # "la Secretaría de ...": prose naming a body
    page = ctx.document.page_at(start)
    if any(p.number == page and p.reader == "tesseract" for p in ctx.document.pages):
        f["scanned"] = 1.0
