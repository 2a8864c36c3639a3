"""Titles in running text: where a role phrase starts ("el director general", "Sexta Regidora")
and where it ends ("director general de Administración, Finanzas y Obras" stops before
"y Rosa Elvira Tapia, coordinadora ...")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from extractors.cues import opening, words
from extractors.names import NAME_RUN, looks_like_name, role_modifiers, role_nouns, split_honorific

ORDINALS = (
    "primer", "primera", "primero", "segundo", "segunda", "tercer", "tercera", "tercero", "cuarto",
    "cuarta", "quinto", "quinta", "sexto", "sexta", "séptimo", "séptima", "octavo", "octava",
    "noveno", "novena", "décimo", "décima",
)  # fmt: skip
ORDINAL = rf"(?:(?:{'|'.join(ORDINALS)})\s+){{1,2}}"
CONNECTOR = re.compile(
    r"[ \t]+(?:de[ \t]+la|de[ \t]+los|de[ \t]+las|del|de|para[ \t]+la|para[ \t]+el|para|"
    r"en[ \t]+el|en[ \t]+la|en|y|e)[ \t\n]+(?=[A-ZÁÉÍÓÚÑ“\"])",
    re.IGNORECASE,
)
CAP_WORD = re.compile(r"(?:[A-ZÁÉÍÓÚÑ][\wÁÉÍÓÚÑáéíóúñü.\-]*|[“\"][^”\"\n]{1,40}[”\"])")
INNER = re.compile(
    r"(?:[ \t]+(?:de|del|la|las|los|y|e|en|para|el|a)(?=[ \t]))*[ \t\n]+(?=[A-ZÁÉÍÓÚÑ“\"])"
)
ACRONYM_PAREN = re.compile(r"[ \t]*\([A-ZÁÉÍÓÚÑa-z&\-. ]{2,15}\)")
COMMA_CAP = re.compile(r",[ \t]+(?=[A-ZÁÉÍÓÚÑ])")
LIST_GOES_ON = re.compile(r"(?:[ \t]+[ye]|,)[ \t]+[A-ZÁÉÍÓÚÑ]")
SURE_NAME_TAIL = re.compile(
    r"^,[ \t]+(?:ex[ \t]*-?[ \t]*)?(?:el[ \t]+|la[ \t]+)?(\w+)", re.IGNORECASE
)


@cache
def role_start_re() -> re.Pattern[str]:
    nouns = "|".join(sorted((re.escape(n) for n in role_nouns()), key=len, reverse=True))
    # A title opens with "ex", "nuevo", an ordinal or a noun: the lookahead tries their letters.
    ahead = opening(["ex", "nuevo", *ORDINALS, *role_nouns()])
    return re.compile(
        rf"\b{ahead}(?:ex[ \t]*-?[ \t]*)?(?:nuev[oa][ \t]+)?(?:{ORDINAL})?"
        rf"(?:{nouns})\b",
        re.IGNORECASE,
    )


@cache
def lower_complement() -> re.Pattern[str]:
    """A lower-case complement that still belongs to the office ("secretario de Salud del
    estado", "la titular de la dependencia"): the nouns of data/role_complements.csv."""
    nouns = "|".join(re.escape(n) for n in words("role_complements"))
    # A prose line may wrap before the complement ("al director\nde la unidad").
    return re.compile(
        rf"(?:[ \t]+|[ \t]*\n[ \t]*)(?:del|de[ \t]+la)[ \t]+(?:{nouns})\b(?![ \t]+de\b)"
    )


def role_starts(text: str) -> Iterator[re.Match[str]]:
    return role_start_re().finditer(text)


def sure_name_starts(text: str) -> frozenset[int]:
    """Offsets where a name followed by ", <title>" begins: a new apposition, never part of the
    title before it."""
    starts: set[int] = set()
    for m in re.finditer(NAME_RUN, text):
        after = SURE_NAME_TAIL.match(text, m.end())
        if after and after.group(1).lower() in role_nouns():
            at = best_name_start(text, m.start(), m.end(), frozenset())
            if at is not None:
                starts.add(at)
    return frozenset(starts)


def best_name_start(text: str, start: int, end: int, persons: frozenset[int]) -> int | None:
    """Where the name ending at `end` begins: a spaCy person start if one reads as a name, else
    the longest name-like suffix without a bare "y" (which rather joins two list items)."""
    suffixes = list(name_suffixes(text, start, end))
    joined = [at for at in suffixes if not re.search(r"\sy\s", text[at:end])]
    for at in joined:
        if at in persons:
            return at
    return joined[0] if joined else None


def name_suffixes(text: str, start: int, end: int) -> Iterator[int]:
    """Start offsets of the suffixes of text[start:end] that read as a name, longest first."""
    pos = start
    while pos < end:
        if looks_like_name(text[pos:end]):
            yield pos
        nxt = text.find(" ", pos, end)
        if nxt < 0:
            return
        pos = nxt + 1


def _cap_run(text: str, pos: int, stops: frozenset[int]) -> int:
    """End of a run of capitalised words with inner connectors, from `pos`."""
    m = CAP_WORD.match(text, pos)
    if not m:
        return pos
    end = m.end()
    while True:
        gap = INNER.match(text, end)
        if not gap or gap.end() in stops or "\n\n" in gap.group(0):
            break
        word = CAP_WORD.match(text, gap.end())
        if not word:
            break
        end = word.end()
    paren = ACRONYM_PAREN.match(text, end)
    return paren.end() if paren else end


def role_end(text: str, pos: int, stops: frozenset[int], persons: frozenset[int]) -> int:
    """End of the title that starts with a role noun ending at `pos`: modifiers, then
    "de <Capitalised run>" chunks, commas inside lists of capitalised words; never past the
    start of a name (`stops`, `persons`)."""
    modifiers = role_modifiers()
    end = pos
    while True:
        m = re.match(r"[ \t]+(\w+)", text[end:])
        if m and m.group(1).lower() in modifiers and end + m.start(1) not in persons:
            end += m.end()
            continue
        lower = lower_complement().match(text, end)
        if lower:
            end = lower.end()
            continue
        conn = CONNECTOR.match(text, end)
        joins = conn is not None and conn.group(0).split()[0].lower() in ("y", "e")
        if conn and conn.end() not in stops and not (joins and conn.end() in persons):
            run = _cap_run(text, conn.end(), stops | persons)
            if run > conn.end():
                end = run
                continue
        comma = COMMA_CAP.match(text, end)
        honorific = comma is not None and split_honorific(text[comma.end() : comma.end() + 40])[0]
        if comma and not honorific and comma.end() not in stops | persons and end > pos:
            run = _cap_run(text, comma.end(), stops | persons)
            if run > comma.end() and (
                not looks_like_name(text[comma.end() : run]) or LIST_GOES_ON.match(text, run)
            ):
                end = run
                continue
        return end
