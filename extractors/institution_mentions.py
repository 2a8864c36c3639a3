"""Finds where institutions are named in a text: head-noun names ("Secretaría de Desarrollo
Urbano y Obras Públicas", commas inside), acronyms linked to them ("... (Infoem)"), stand-alone
acronyms and catalogue names without a head noun ("Morena", "Petróleos Mexicanos")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span

from extractors import catalog
from extractors.cues import rows, words
from extractors.institution_shape import trim
from models.normalise import fold

UPPER = "A-ZÁÉÍÓÚÑÜ"
CAP = rf"(?:[{UPPER}](?:[\w\-’']|\.(?=[{UPPER}a-z]))*)"
# A line break may follow an OCR table rule ("DEL PARTIDO |"); where a connector says the name
# goes on, a scan's blank line between the two lines does not end it ("Prevención de" / "" /
# "Conflictos de Interés").
SEP = r"(?:[ \t]+|[ \t]*(?:\|[ \t]*)?\n[ \t]*)"
WRAP = r"(?:[ \t]+|[ \t]*(?:\|[ \t]*)?\n(?:[ \t]*\n)?[ \t]*)"
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
        rf"(?:{WRAP}(?:y|e|Y|E){SEP}{weak}"  # "y Obras Públicas"
        rf"|{WRAP}(?:y|e|Y|E){SEP}(?:(?:{of}){SEP})+{plain}"  # "y de Vivienda", not "y del Sistema"
        rf"|{SEP}(?:{other}){WRAP}(?:(?:{art}){SEP})?{weak}"  # "en Administración"
        rf"|{SEP}{plain})"
    )
    # Every state's official name: "Estado [Independiente,] Libre y Soberano de ...".
    sovereign = rf",{SEP}(?:Libre|LIBRE)(?={SEP}[yY]{SEP}(?:Soberano|SOBERANO)\b)"
    of_the = rf"{WRAP}(?:{of}){WRAP}(?:(?:{art}){SEP})?{CAP}"  # "de la Universidad"
    step = rf"(?:{of_the}|{light}|{sovereign})"
    item = rf"{plain}(?:{light}){{0,5}}"  # one item of a comma list, no body inside
    commas = rf"(?:(?:,[ \t]+{item})+,?[ \t]+(?:y|e)[ \t]+{item}(?:{step})*)?"
    prefix = rf"(?:(?:H\.|{ROMAN}){SEP})?"
    return re.compile(rf"(?<![\w.])(?:{prefix})(?:{head})\b(?:{step})*{commas}")


ACRONYM = rf"[{UPPER}][\w&]*(?:[ \-][{UPPER}]?[\w&]+){{0,2}}"
LINKED = re.compile(
    rf"\s*\(\s*({ACRONYM})\s*\)"
    rf"|(?:[ \t]+\([^()\n]{{1,40}}\))?[ \t]+[-–—][ \t]+([{UPPER}]{{2,}})\b"  # "(Izamal) – UTC"
)
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
        before = text[line_start:nl].rstrip(" \t|")
        after = text[nl + 1 : end].lstrip()
        continues = re.match(r"(?:de|del|y|e|para|en)\b", after, re.IGNORECASE) or re.search(
            r"\b(?:de|del|y|e|para|en|la|los|las)$", before, re.IGNORECASE
        )
        # "... DEL PARTIDO" / "ACCIÓN NACIONAL": a head noun alone is not yet a name.
        head_only = _only_head(text[max(start, line_start) : nl])
        if len(before) < MIN_WRAPPED_LINE and not continues and not head_only:
            return len(text[:nl].rstrip(" \t|"))
        pos = end - len(text[nl + 1 : end].lstrip(" \t\n"))  # past a scan's blank line


def _only_head(line_part: str) -> bool:
    """The name's words on its first line are its head noun and nothing more."""
    words = [w for w in catalog.simplify(line_part).split() if w != "h"]  # "H. AYUNTAMIENTO"
    return len(words) == 1 and words[0] in head_words()


def head_mentions(text: str) -> Iterator[Mention]:
    """Names opened by a head noun, with the acronym printed after them when there is one."""
    for match in name_pattern().finditer(text):
        if _topic_after_de(text, match.start()):
            continue
        start, end = match.start(), _cut_at_letterhead_line(text, match.start(), match.end())
        printed = TRAILING_CONNECTOR.sub("", _cut_at_case_change(text[start:end]))
        printed = TRAILING_CONNECTOR.sub("", trim(printed))
        end = start + len(printed)
        agency = agency_pattern().search(printed) if printed.isupper() else None
        if agency is not None:  # "LA SECRETARÍA X A TRAVÉS DE LA ACADEMIA Y": two bodies
            yield Mention(_words(printed[agency.end() :]), start + agency.end(), end)
            printed = printed[: agency.start()]
            end = start + len(printed)
        acronym = _trailing_acronym(printed)
        state = _state_after(text, end) if acronym is None else None
        if state is not None:  # "Municipio de Zapopan, Jalisco": the state is part of the name
            printed, end = printed + text[end:state], state
        if acronym is not None:
            printed = printed[: printed.rindex(acronym)].rstrip()
            end = start + len(printed)
        linked = LINKED.match(text, end)
        if linked and acronym is None:
            candidate = linked.group(1) or linked.group(2)
            if _is_acronym(candidate) or _is_word_acronym(candidate, printed):
                acronym = candidate
        party = _nested_party(printed, start)
        if party is not None:
            yield party
            continue
        inner = _inner_owner(printed, start, acronym) if acronym else None
        if inner is not None:  # "Consejo Directivo del Instituto X (IX)": IX is the Instituto's
            yield Mention(_words(printed), start, end)
            yield inner
            continue
        yield Mention(_words(printed), start, end, acronym)


@cache
def run_on_cues(role: str) -> frozenset[str]:
    """The words of data/institution_run_on.csv with that role (link, article, reflexive,
    future, preterite, agency): where a headline in capitals runs on past a name."""
    return frozenset(r["word"] for r in rows("institution_run_on") if r["role"] == role)


@cache
def finite_ending(*tenses: str) -> re.Pattern[str]:
    """A finite verb's ending in `tenses` (data/institution_run_on.csv roles future, preterite:
    "IMPULSARÁ", "DARÁN", "TRAICIONÓ"), after at least one letter: the verb a capitals
    headline runs a name into."""
    endings = sorted((e for t in tenses for e in run_on_cues(t)), key=len, reverse=True)
    return re.compile(rf"\w(?:{'|'.join(map(re.escape, endings))})$")


@cache
def agency_pattern() -> re.Pattern[str]:
    """In capitals, " A TRAVÉS DE LA " (data/institution_run_on.csv, role agency) before a
    second body's name: the one acts through the other."""
    phrases = "|".join(
        r"\s+".join(map(re.escape, p.upper().split())) for p in sorted(run_on_cues("agency"))
    )
    articles = "|".join(sorted(a.upper() for a in run_on_cues("article")))
    return re.compile(rf"\s+(?:{phrases})\s+DEL?\s+(?:(?:{articles})\s+)?(?=[{UPPER}])")


def _words(printed: str) -> str:
    """The name on one line, single-spaced, without OCR table rules."""
    return " ".join(w for w in printed.split() if w != "|")


STATE_AFTER = re.compile(rf",[ \t]+({CAP}(?:[ \t]+(?:de[ \t]+)?{CAP}){{0,3}})")


def _state_after(text: str, end: int) -> int | None:
    """Where a state's name printed right after a name and a comma ends, if one is there."""
    after = STATE_AFTER.match(text, end)
    if after is None:
        return None
    words = after.group(1).split()
    for n in range(len(words), 0, -1):
        if catalog.simplify(" ".join(words[:n])) in catalog.state_names():
            return after.start(1) + len(" ".join(words[:n]))  # single spaces: see words
    return None


def _inner_owner(printed: str, offset: int, acronym: str) -> Mention | None:
    """The body named after "de"/"del" inside `printed` whose initials the acronym spells when
    the whole name's do not."""
    if not _is_acronym(acronym) or catalog.acronym_skips(acronym, printed) is not None:
        return None
    for of in re.finditer(rf"\b(?:de|del|DE|DEL)(?:{SEP}(?:la|los|las|LA|LOS|LAS))?{SEP}", printed):
        rest = printed[of.end() :]
        first = catalog.simplify(rest).split()[0] if catalog.simplify(rest) else ""
        if first in head_words() and catalog.acronym_skips(acronym, rest) is not None:
            s = offset + of.end()
            return Mention(" ".join(rest.split()), s, s + len(rest), acronym)
    return None


def _trailing_acronym(printed: str) -> str | None:
    """The capitals closing a mixed-case name when they read as its acronym ("... Cultura
    IVEC"), not a body it belongs to ("... del SEAY") nor a stray heading word."""
    trailing = TRAILING_CAPS.search(printed)
    if trailing is None or printed.isupper():
        return None
    token, before = trailing.group(1), printed[: trailing.start()]
    if (
        re.fullmatch(ROMAN, token)
        or token in frozenset(words("institution_not_acronyms"))
        or re.search(r"\b(?:de|del|la|las|los|el|y|e|en)$", before)
    ):
        return None
    return token if catalog.acronym_skips(token, before) is not None else None


def _cut_at_case_change(printed: str) -> str:
    """A name in capitals ends at its first mixed-case word ("PERIÓDICO OFICIAL Jueves");
    a mixed-case name ends where a run of capitals starts ("Periódico Oficial ORDEN DEL")."""
    tokens = list(re.finditer(r"[^\s|]+", printed))  # "|": an OCR table rule, not a word
    caps = [t.group().isupper() and len(t.group()) > 1 for t in tokens]
    if len(tokens) >= 2 and caps[0] and caps[1]:
        for t in tokens[2:]:
            if any(ch.islower() for ch in t.group()):
                return printed[: t.start()].rstrip()
        return printed
    for i in range(1, len(tokens) - 1):
        if caps[i] and caps[i + 1] and not re.fullmatch(ROMAN, tokens[i].group()):
            return printed[: tokens[i].start()].rstrip()
    return printed


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
        own_name = re.fullmatch(r"(?:Partido|PARTIDO)\s+", printed[: inner.start()])
        if entry is not None and entry.kind == "party" and inner.start() > 0 and not own_name:
            begin = re.search(rf"(?:Partido|PARTIDO){SEP}$", printed[: inner.start()])
            first = begin.start() if begin else inner.start()
            last = inner.end()
            place = re.match(rf"{SEP}({CAP}(?:{SEP}{CAP})?)$", printed[last:])
            if place and catalog.is_place(place.group(1)):  # "Nueva Alianza Yucatán"
                last = len(printed)
            return Mention(" ".join(printed[first:last].split()), offset + first, offset + last)
    for inner in re.finditer(rf"\b(?:del|DEL){SEP}", printed):
        sub = printed[inner.end() :]
        entry = catalog.lookup(sub)
        if entry is not None and entry.kind == "party":
            s = offset + inner.end()
            return Mention(" ".join(sub.split()), s, s + len(sub), None)
    return None


@cache
def catalogue_forms() -> tuple[str, ...]:
    """Catalogued names and aliases that have no head noun ("Morena", "Petróleos Mexicanos")."""
    forms: list[str] = []
    for entry in catalog.entries():
        for form in (entry.name, *entry.aliases):
            first = catalog.simplify(form).split()[0]
            if first in head_words() or (" " not in form and entry.kind != "party"):
                continue
            if not (" " not in form.strip() and sum(c.isupper() for c in form) >= 2):
                forms.append(form)
    return tuple(forms)


@cache
def catalogue_pattern() -> re.Pattern[str]:
    """Those names as printed (a party's inside a longer name: see _nested_party)."""
    return re.compile(rf"(?<![\w])(?:{_alternation(list(catalogue_forms()))})(?![\w])")


@cache
def _folded_forms() -> frozenset[str]:
    return frozenset(" ".join(fold(f).split()) for f in catalogue_forms())


def catalogue_mentions(spans: Iterable[Span]) -> Iterator[Mention]:
    """The catalogue's names without a head noun among the catalogue matches of a Doc
    (`doc.spans["expediente_institutions"]`, found without regard to case or accents),
    leftmost-longest, none overlapping."""
    end = -1
    for span in sorted(spans, key=lambda s: (s.start_char, -s.end_char)):
        printed = " ".join(span.text.split())
        if span.start_char < end or fold(printed) not in _folded_forms():
            continue
        end = span.end_char
        yield Mention(printed, span.start_char, span.end_char, source="catalogue")
