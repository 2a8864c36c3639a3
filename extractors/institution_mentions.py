"""Finds where institutions are named in a text: head-noun names ("Secretaría de Desarrollo
Urbano y Obras Públicas", commas inside), acronyms linked to them ("... (Infoem)"), stand-alone
acronyms and catalogue names without a head noun ("Morena", "Petróleos Mexicanos")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from extractors import catalog
from extractors.cues import rows, words

UPPER = "A-ZÁÉÍÓÚÑÜ"
CAP = rf"(?:[{UPPER}](?:[\w\-’']|\.(?=[{UPPER}a-z]))*)"
SEP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
ROMAN = r"(?:[IVXLC]+)"
MIN_WRAPPED_LINE = 50  # shorter lines are letterhead lines: a name does not run onto the next


@dataclass(frozen=True)
class Mention:
    """A printed institution name with its offsets; `acronym` when the text links one."""

    printed: str
    start: int
    end: int
    acronym: str | None = None
    source: str = "head"  # head, acronym, catalogue


def _variants(word: str, lowercase: bool) -> list[str]:
    forms = [word, word.upper()]
    return forms + [word.lower()] if lowercase else forms


def _alternation(forms: list[str]) -> str:
    forms = sorted(set(forms), key=len, reverse=True)
    return "|".join(re.escape(f).replace(r"\ ", SEP) for f in forms)


@cache
def heads() -> tuple[dict[str, str], ...]:
    return rows("institution_heads")


@cache
def head_words() -> frozenset[str]:
    """Folded first words of the head nouns."""
    return frozenset(catalog.simplify(r["head"]).split()[0] for r in heads())


@cache
def name_pattern() -> re.Pattern[str]:
    """Head noun followed by capitalised words, lowercase connectors and comma lists."""
    head = _alternation([f for r in heads() for f in _variants(r["head"], r["lowercase"] == "yes")])
    any_head = _alternation([f for r in heads() for f in _variants(r["head"], False)])
    strong = _alternation(
        [f for r in heads() if r["after_de"] == "yes" for f in _variants(r["head"], False)]
    )
    conn = list(words("institution_connectors"))
    of = _alternation([c for c in conn if c in ("de", "del")] + ["DE", "DEL"])
    art = _alternation(["la", "las", "los", "el", "LA", "LAS", "LOS", "EL"])
    other = _alternation(
        [c for c in conn if c not in ("y", "e", "de", "del", "la", "las", "los", "el")]
    )
    other = f"{other}|{other.upper()}"
    plain = rf"(?!(?:{any_head})\b){CAP}"
    weak = rf"(?!(?:{strong})\b){CAP}"  # after "y", "en": "y Servicios Sociales"
    light = (
        rf"{SEP}(?:(?:y|e|Y|E){SEP}(?:(?:{of}){SEP})*{weak}"  # "y Obras Públicas"
        rf"|(?:{other}){SEP}(?:(?:{art}){SEP})?{weak}"  # "en Administración"
        rf"|{plain})"
    )
    step = rf"(?:{SEP}(?:{of}){SEP}(?:(?:{art}){SEP})?{CAP}|{light})"  # "de la Universidad"
    item = rf"{plain}(?:{light}){{0,5}}"  # one item of a comma list, no body inside
    commas = rf"(?:(?:,[ \t]+{item})+,?[ \t]+(?:y|e)[ \t]+{item}(?:{step})*)?"
    prefix = rf"(?:(?:H\.|{ROMAN}){SEP})?"
    return re.compile(rf"(?<![\w.])(?:{prefix})(?:{head})\b(?:{step})*{commas}")


ACRONYM = rf"[{UPPER}][\w&]*(?:[ \-][{UPPER}]?[\w&]+){{0,2}}"
LINKED = re.compile(rf"\s*\(\s*({ACRONYM})\s*\)|[ \t]+[-–—][ \t]+([{UPPER}]{{2,}})\b")
BARE_ACRONYM = re.compile(rf"(?<![\w-])([{UPPER}][{UPPER}a-z]*[{UPPER}][{UPPER}a-z]*)(?![\w-])")
TRAILING_CONNECTOR = re.compile(
    rf"(?:\s+(?:de|del|la|las|los|el|y|e|en|DE|DEL|LA|LAS|LOS|EL|Y|E|EN|[{UPPER}]))+$"
)
TRAILING_CAPS = re.compile(rf"[ \t]+([{UPPER}]{{2,}}[a-z]?)$")


def _is_acronym(text: str) -> bool:
    caps = sum(ch.isupper() for ch in text)
    return caps >= 2 and caps * 2 >= len(text.replace(" ", "")) - 1 and len(text) <= 14


def _is_word_acronym(text: str, name: str) -> bool:
    """A one-word short form in brackets sharing the name's initial ("... Mujer (Immujer)")."""
    return (
        re.fullmatch(rf"[{UPPER}][\w]{{2,10}}", text) is not None
        and text[0] == name.lstrip("H. ")[0].upper()
    )


def _cut_at_letterhead_line(text: str, start: int, end: int) -> int:
    """End of the name when it would run from a short letterhead line onto the next line."""
    pos = start
    while True:
        nl = text.find("\n", pos, end)
        if nl < 0:
            return end
        line_start = text.rfind("\n", 0, nl) + 1
        before = text[line_start:nl].rstrip()
        after = text[nl + 1 : end].lstrip()
        continues = re.match(r"(?:de|del|y|e|para|en)\b", after) or re.search(
            r"\b(?:de|del|y|e|para|en|la|los|las)$", before
        )
        if len(before) < MIN_WRAPPED_LINE and not continues:
            return len(text[:nl].rstrip())
        pos = nl + 1


def head_mentions(text: str) -> Iterator[Mention]:
    """Names opened by a head noun, with the acronym printed after them when there is one."""
    for match in name_pattern().finditer(text):
        if _topic_after_de(text, match.start()):
            continue
        start, end = match.start(), _cut_at_letterhead_line(text, match.start(), match.end())
        printed = TRAILING_CONNECTOR.sub("", text[start:end])
        end = start + len(printed)
        acronym = None
        trailing = TRAILING_CAPS.search(printed)
        stop = frozenset(words("institution_not_acronyms"))
        if (
            trailing
            and not printed.isupper()
            and not re.fullmatch(ROMAN, trailing.group(1))
            and trailing.group(1) not in stop
        ):
            acronym, printed = trailing.group(1), printed[: trailing.start()]
            end = start + len(printed)
        linked = LINKED.match(text, end)
        if linked and acronym is None:
            candidate = linked.group(1) or linked.group(2)
            if _is_acronym(candidate) or _is_word_acronym(candidate, printed):
                acronym = candidate
        party = _nested_party(printed, start)
        yield party or Mention(" ".join(printed.split()), start, end, acronym)


@cache
def _topic_heads() -> frozenset[str]:
    return frozenset(catalog.simplify(r["head"]) for r in heads() if r["after_de"] == "no")


def _topic_after_de(text: str, start: int) -> bool:
    """A weak head right after lowercase "de" names a topic, not a body ("de Administración")."""
    if not re.search(r"\bde\s+$", text[max(0, start - 4) : start]):
        return False
    return catalog.simplify(text[start : start + 20]).split()[0] in _topic_heads()


def _nested_party(printed: str, offset: int) -> Mention | None:
    """A party's organ ("Comité Directivo Estatal del Partido X") counts as the party itself."""
    for inner in catalogue_pattern().finditer(printed):
        entry = catalog.lookup(inner.group())
        if entry is not None and entry.kind == "party" and inner.start() > 0:
            s = offset + inner.start()
            return Mention(" ".join(inner.group().split()), s, s + len(inner.group()), None)
    for inner in re.finditer(rf"\b(?:del|DEL){SEP}", printed):
        sub = printed[inner.end() :]
        entry = catalog.lookup(sub)
        if entry is not None and entry.kind == "party":
            s = offset + inner.end()
            return Mention(" ".join(sub.split()), s, s + len(sub), None)
    return None


def _is_heading_line(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    letters = [ch for ch in line if ch.isalpha()]
    return sum(ch.isupper() for ch in letters) > 0.6 * len(letters)


def _in_capitals_run(text: str, start: int, end: int) -> bool:
    """Whether the word is next to another word in capitals (a name or heading in capitals)."""
    before = re.search(rf"([{UPPER}]{{2,}})[ \t]*$", text[max(0, start - 30) : start])
    after = re.match(rf"[ \t]*[{UPPER}]{{2,}}\b", text[end : end + 30])
    return bool(before or after)


def acronym_mentions(
    text: str, defined: frozenset[str], unknown_too: bool = True
) -> Iterator[Mention]:
    """Acronyms standing alone: catalogued, defined in the document, or (`unknown_too`) unknown
    capitals alone in running text (not headings, names in capitals or Roman numerals)."""
    stop = frozenset(words("institution_not_acronyms"))
    for match in BARE_ACRONYM.finditer(text):
        token = match.group(1)
        key = catalog.simplify(token)
        if token in stop or re.fullmatch(ROMAN, token) or len(token) > 12:
            continue
        known = key in defined or (key in catalog.by_acronym() and len(token) >= 3)
        unknown = (
            unknown_too
            and token.isupper()
            and len(token) >= 3
            and not _is_heading_line(text, match.start())
            and not _in_capitals_run(text, match.start(), match.end())
        )
        if known or unknown:
            yield Mention(token, match.start(), match.end(), token, source="acronym")


@cache
def catalogue_pattern() -> re.Pattern[str]:
    """Catalogued names and aliases that have no head noun ("Morena", "Petróleos Mexicanos")."""
    forms: list[str] = []
    for entry in catalog.entries():
        for form in (entry.name, *entry.aliases):
            first = catalog.simplify(form).split()[0]
            if first in head_words() or (" " not in form and entry.kind != "party"):
                continue
            if not (" " not in form.strip() and sum(c.isupper() for c in form) >= 2):
                forms.append(form)
    return re.compile(rf"(?<![\w])(?:{_alternation(forms)})(?![\w])")


def catalogue_mentions(text: str) -> Iterator[Mention]:
    for match in catalogue_pattern().finditer(text):
        yield Mention(
            " ".join(match.group().split()), match.start(), match.end(), source="catalogue"
        )
