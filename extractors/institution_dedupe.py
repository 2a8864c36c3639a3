"""One institution per body: whether two found names are one (same catalogue id, name,
acronym, place-suffixed form, OCR misreading), how they merge, and which short forms fold into
the longer names that continue them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from extractors import catalog
from extractors.institution_mentions import heads
from extractors.institution_shape import same_name_misread
from models import Institution


@cache
def heads_by_fold() -> dict[str, dict[str, str]]:
    return {catalog.simplify(r["head"]): r for r in heads()}


def bare_head(cleaned: str) -> str | None:
    """The head noun when `cleaned` is nothing but one ("Ayuntamiento", "H. Ayuntamiento")."""
    key = catalog.simplify(re.sub(r"^(?:H\.|Honorable)\s+", "", cleaned))
    return key if key in heads_by_fold() else None


def from_known(cleaned: str, known: tuple[Institution, ...]) -> Institution | None:
    key = catalog.simplify(cleaned)
    head = bare_head(cleaned)
    for inst in known:
        names = {catalog.simplify(inst.name), catalog.simplify(inst.printed or "")}
        if key in names or (inst.acronym and key == catalog.simplify(inst.acronym)):
            return inst
    if head:
        for inst in known:
            if catalog.simplify(re.sub(r"^(?:H\.\s+)?(?:[IVXLC]+\s+)?", "", inst.name)).startswith(
                head
            ):
                return inst
    return None


def _same(a: Institution, b: Institution) -> bool:
    """Whether two found institutions are one: same catalogue id, name, acronym, or one is
    the other followed by its place ("Sistema Estatal Anticorrupción de Yucatán")."""
    if a.catalog_id and a.catalog_id == b.catalog_id:
        return True
    na, nb = catalog.simplify(a.name), catalog.simplify(b.name)
    if same_name_misread(na, nb) or _content_words(na) == _content_words(nb):
        return True
    acr = {catalog.simplify(x) for x in (a.acronym, b.acronym) if x}
    if a.acronym and b.acronym and len(acr) == 1:
        return True
    if (a.acronym and catalog.simplify(a.acronym) == nb) or (
        b.acronym and catalog.simplify(b.acronym) == na
    ):
        return True
    short, long_ = sorted((na, nb), key=len)
    return long_.startswith(short + " ") and catalog.is_place(long_[len(short) :])


def _content_words(key: str) -> tuple[str, ...]:
    return tuple(w for w in key.split() if w not in catalog.NAME_CONNECTORS)


def _merge(a: Institution, b: Institution) -> Institution:
    """Keep the longer name, or the catalogued one, the acronym either has, and the first
    provenance. Of two printings of one catalogued body, the first, unless the other has every
    word of it and more ("H. AYUNTAMIENTO CONSTITUCIONAL DE X" of "H. Ayuntamiento de X"), or,
    of a municipality, names its Ayuntamiento ("Ayuntamiento de X", not "GOBIERNO DE X")."""
    if a.catalog_id and b.catalog_id:
        return _merged(_printing(a, b), a, b)
    name = a if len(a.name) >= len(b.name) or a.catalog_id else b
    return _merged(name, a, b)


def _printing(a: Institution, b: Institution) -> Institution:
    wa, wb = set(_content_words(key(a))), set(_content_words(key(b)))
    for one, words, other in ((a, wa, wb), (b, wb, wa)):
        if words > other and all(len(w) > 2 for w in words - other):  # not OCR's stray "W"
            return one
    if (a.catalog_id or "").startswith(catalog.MUNICIPALITY_IDS):
        council = [i for i in (a, b) if key(i).removeprefix("h ").startswith("ayuntamiento")]
        if len(council) == 1:
            return council[0]
    return a


def _merged(name: Institution, a: Institution, b: Institution) -> Institution:
    return Institution(
        name.name,
        a.acronym or b.acronym,
        a.printed or b.printed,
        a.catalog_id or b.catalog_id,
        a.prov or b.prov,
    )


def dedupe(found: Iterable[Institution]) -> tuple[Institution, ...]:
    """One institution per body; a bare standalone head ("Ayuntamiento") goes when a named one
    with that head exists, and a short form ("Órgano Interno") folds into the one name that
    continues it ("Órgano Interno de Control")."""
    out: list[Institution] = []
    for inst in found:
        for i, seen in enumerate(out):
            if _same(seen, inst):
                out[i] = _merge(seen, inst)
                break
        else:
            out.append(inst)
    out = _fold_short_forms(out)
    bare = [i for i in out if bare_head(i.name)]
    municipal = any((o.catalog_id or "").startswith(catalog.MUNICIPALITY_IDS) for o in out)
    return tuple(
        i
        for i in out
        if i not in bare
        or not (
            any(from_known(i.name, (o,)) for o in out if o is not i)
            or (municipal and bare_head(i.name) in MUNICIPAL_HEADS)
        )
    )


# a bare "Ayuntamiento" is the municipality the document names, whichever head it prints
MUNICIPAL_HEADS = frozenset({"ayuntamiento", "municipio", "alcaldia"})


def _fold_short_forms(found: list[Institution]) -> list[Institution]:
    """A name that only one longer name continues ("de ..." or not) is one body with it: the
    short form stays when the rest names another found body ("Departamento X" of "Instituto Y"),
    else the long form stays (the short one was cut at a line end); the acronym goes with it."""
    out = list(found)
    for short in found:
        short_key = catalog.simplify(short.name)
        longer = [
            (o, end) for o in out for end in [_continued(short_key, key(o))] if end is not None
        ]
        if short not in out or short.catalog_id:
            continue
        if len(longer) > 1 or (not longer and _misread_start(short_key, out)):
            if not short.acronym:  # a cut-off start of one of several, or a misread of one
                out.remove(short)
            continue
        if not longer:
            continue
        long_, end = longer[0]
        if short.acronym and long_.acronym and short.acronym != long_.acronym:
            continue
        rest = key(long_)[end:]
        keep, drop = (short, long_) if _names_found(rest, out) else (long_, short)
        at = min(out.index(keep), out.index(drop))  # the body keeps its first place in order
        out.remove(drop)
        out.remove(keep)
        out.insert(
            at,
            Institution(
                keep.name, keep.acronym or drop.acronym, keep.printed, keep.catalog_id, keep.prov
            ),
        )
    return out


CONTINUING = ("de", "del")  # the words a longer name may go on with, an article after them
ARTICLES = (" la", " los", " las")


def _continued(short_key: str, long_key: str) -> int | None:
    """Where the rest of `long_key` starts when it continues `short_key`: after a space and an
    optional "de"/"del" (and article) and space, as the pattern
    `short_key (?:(?:de|del)(?: la| los| las)? )?` matches it; None when it does not."""
    at = len(short_key) + 1
    if not long_key.startswith(short_key + " "):
        return None
    for word in CONTINUING:
        if long_key.startswith(word, at):
            after = at + len(word)
            for article in ARTICLES:
                if long_key.startswith(article + " ", after):
                    return after + len(article) + 1
            if long_key.startswith(" ", after):
                return after + 1
    return at


def _misread_start(short_key: str, found: list[Institution]) -> bool:
    """Whether a longer found name starts with `short_key` misread by OCR ("Comisión Coleglada
    y Permanente de Hacienda" of "Comisión Colegiada y Permanente de Hacienda, Patrimonio")."""
    n = len(short_key.split())
    return n >= MIN_MISREAD_START and any(
        len(key(o).split()) > n and same_name_misread(short_key, " ".join(key(o).split()[:n]))
        for o in found
    )


MIN_MISREAD_START = 3  # words: shorter starts are too often another body's whole name


def key(inst: Institution) -> str:
    return catalog.simplify(inst.name)


def _names_found(rest: str, found: list[Institution]) -> bool:
    """Whether `rest` (simplified) is the name or acronym of one of the found bodies."""
    return any(
        rest in (key(o), catalog.simplify(o.acronym or ""))
        or _content_words(rest) == _content_words(key(o))
        for o in found
    )
