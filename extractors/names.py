"""Shared helpers for people's names and titles: honorific splitting, whether a run of words
looks like a person's name, role nouns that open a title, and the gender-neutral cargo."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache

from rapidfuzz import fuzz
from spacy.lang.es.stop_words import STOP_WORDS as SPANISH_STOP_WORDS

from extractors import catalog
from extractors.cues import opening, rows, words
from extractors.institution_mentions import finite_ending
from extractors.institutions import normalise
from models import Institution
from models.normalise import (
    MIN_TYPO_WORD,
    OCR_NAME_RATIO,
    OCR_WORD_RATIO,
    PARTICLES,
    TYPO_WORD_RATIO,
    fold,
    fold_words,
    name_words,
    same_name,
    split_honorifics,
)

UPPER = "A-ZÁÉÍÓÚÑÜ"
LOWER = "a-záéíóúñü"
# A capitalised or all-capitals word, an initial ("J."), or a quoted nickname (“Cuco”).
NAME_WORD = (
    rf"(?:[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?|[{UPPER}]{{2,}}(?:-[{UPPER}]{{2,}})?"
    rf"|[{UPPER}]\.|[“\"][{UPPER}][{LOWER}]+[”\"])"
)
PARTICLE = r"(?:de\s+la|de\s+los|de\s+las|del|de|la|y|DE\s+LA|DE\s+LOS|DEL|DE|Y|Mc|Von|van)"
GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"  # names may wrap onto the next line
NAME_RUN = rf"{NAME_WORD}(?:{GAP}(?:{PARTICLE}{GAP})?{NAME_WORD}){{1,6}}"
NAME_RE = re.compile(NAME_RUN)
# The article a title opens with ("el Director", "LA PRESIDENTA"), and a gazette's "Por el".
ARTICLE = re.compile(r"^(?:por[ \t]+)?(?:el|la|los|las)[ \t]+", re.IGNORECASE)
# "y"/"e" between words: a heading or two names joined ("Materiales y Servicios"), not one name.
CONJUNCTION = re.compile(r"\s[ye]\s", re.IGNORECASE)
NAME_TOKEN = re.compile(rf"^(?:[{UPPER}{LOWER}'’\-]+|[{UPPER}]\.(?:[{UPPER}]\.)*)$")
# Two given names and two surnames, one more for a compound: a longer run is two names side by side.
MAX_NAME_WORDS = 5


@cache
def _honorific_re() -> re.Pattern[str]:
    forms = sorted(split_honorifics(), key=len, reverse=True)
    alternatives = "|".join(re.escape(f).replace(r"\ ", r"\s*") for f in forms)
    # An honorific ends at a dot or a word boundary; several may be stacked ("C.P. Lic.").
    return re.compile(rf"^(?:(?:{alternatives})(?:(?<=\.)|\b)\.?\s*)+", re.IGNORECASE)


@cache
def _honorific_anywhere_re() -> re.Pattern[str]:
    forms = sorted(split_honorifics(), key=len, reverse=True)
    alternatives = "|".join(re.escape(f).replace(r"\ ", r"\s*") for f in forms)
    return re.compile(rf"(?<![\w.]){opening(forms)}(?:{alternatives})(?:(?<=\.)|\b)", re.IGNORECASE)


def honorific_starts(text: str) -> list[int]:
    """Offsets in `text` where an honorific begins ("Lic.", "C.", "Ing.")."""
    return [m.start() for m in _honorific_anywhere_re().finditer(text)]


def split_honorific(text: str) -> tuple[str | None, str, int]:
    """(honorific as printed or None, the rest, offset of the rest in `text`)."""
    stripped = text.lstrip()
    lead = len(text) - len(stripped)
    match = _honorific_re().match(stripped)
    if not match or match.end() == 0:
        return None, stripped, lead
    rest = stripped[match.end() :]
    if not rest or not rest[0].isupper():
        return None, stripped, lead
    return match.group(0).strip(), rest, lead + match.end()


@cache
def _body_heads() -> frozenset[str]:
    """Folded first words of the head nouns that open a public body's name."""
    return frozenset(fold(r["head"].split()[0]) for r in rows("institution_heads"))


@cache
def not_name_words() -> frozenset[str]:
    return frozenset(fold(w) for w in words("people_not_names"))


@cache
def _not_name_endings() -> tuple[tuple[str, frozenset[str]], ...]:
    return tuple(
        (r["ending"], frozenset(r["except"].split())) for r in rows("people_not_name_endings")
    )


def _noun_ending(word: str) -> bool:
    """Whether a folded word ends like a noun and never like a name ("evaluacion")."""
    return any(word.endswith(e) and word not in keep for e, keep in _not_name_endings())


@cache
def role_nouns() -> frozenset[str]:
    """Lower-case (accents kept: "secretaria" is a role, "secretaría" an office) first words of
    every title form."""
    out: set[str] = set()
    for r in rows("cargos"):
        out.add(r["masculine"].split()[0])
        out.add(r["feminine"].split()[0])
    return frozenset(out)


@cache
def role_modifiers() -> frozenset[str]:
    return frozenset(words("people_role_modifiers"))


def is_role_word(word: str) -> bool:
    """A role noun, singular or plural ("Integrantes", "Directores")."""
    low = word.lower()
    return low in role_nouns() or low[:-1] in role_nouns() or low[:-2] in role_nouns()


@lru_cache(maxsize=1 << 14)  # a long document tries the same words as a name thousands of times
def looks_like_name(text: str) -> bool:
    """Whether `text` (honorific already removed) reads as a person's name: two to seven words,
    capitalised or all capitals, none of them a role noun or a word that never names a person."""
    tokens = [t.strip('“”",.') for t in text.split()]
    core = [t for t in tokens if t and t.lower() not in PARTICLES]
    if not 2 <= len(core) <= 7 or len(tokens) > 9 or tokens[0].lower() in ("y", "e"):
        return False
    if tokens[0].lower() in PARTICLES or "," in text.strip().rstrip(","):
        # "de Pachuca, Hidalgo", "DE TERRENATE TLAXCALA" (a title's wrapped line): a name as
        # printed opens with a given name, never with a particle
        return False
    if fold(core[0]) in _body_heads():
        return False  # "PRESIDENCIA DE COMUNIDAD ...", a stamp's legend: a body, never a person
    if any(not NAME_TOKEN.match(t) for t in core):
        return False  # handles, web addresses and seal text ("H.Aytto.Pueblo", "o_pueblo_")
    if any(not t[0].isupper() for t in core):
        return False
    if any(
        fold(t) in not_name_words()
        or is_role_word(t)
        or t.lower() in role_modifiers()
        or _noun_ending(fold(t))
        for t in core
    ):
        return False
    return sum(len(t) > 2 for t in core) >= 2 and not any(ch.isdigit() for ch in text)


@cache
def _cargo_forms() -> tuple[tuple[str, str], ...]:
    forms: list[tuple[str, str]] = []
    for r in rows("cargos"):
        forms.append((fold(r["masculine"]), r["cargo"]))
        forms.append((fold(r["feminine"]), r["cargo"]))
    return tuple(forms)


def cargo(title: str | None) -> str | None:
    """The gender-neutral cargo a printed title starts with ("Presidenta Municipal" ->
    "presidencia municipal"); None when no listed title opens it."""
    if not title:
        return None
    key = fold_words(title)
    key = re.sub(r"^(?:el|la|ex|nuevo|nueva)\s+", "", key)
    for form, value in _cargo_forms():
        if key == form or key.startswith(form + " "):
            return value
    return None


CONNECTOR = re.compile(
    r"\s(?:de\s+la|de\s+los|de\s+las|del|de|en\s+el|en\s+la|en)\s+", re.IGNORECASE
)


@cache
def _after_de_heads() -> frozenset[str]:
    """Folded head nouns that are topics, not bodies, after a bare "de" ("de Administración")."""
    return frozenset(fold(r["head"]) for r in rows("institution_heads") if r["after_de"] == "no")


def institution_in(title: str, known: tuple[Institution, ...]) -> tuple[int, Institution] | None:
    """The first (longest) tail of a title that names an institution ("jefe de Política Interna
    de la Embajada Británica en México" -> offset of "Embajada", the institution)."""
    for m in CONNECTOR.finditer(title):
        tail = title[m.end() :].strip(" ,.;")
        if not tail[:1].isupper():
            continue
        bare_de = m.group(0).strip().lower() == "de"
        if bare_de and fold(tail.split()[0].strip(",.;")) in _after_de_heads():
            continue
        found = normalise(tail, known) or _acronym(tail, title) or _municipal(title, tail, known)
        if found is not None:
            return m.start(), found
    return None


def _acronym(tail: str, title: str) -> Institution | None:
    """An uncatalogued acronym ("SESEAY", "IMPLAN Torreón") stands for its body."""
    first = tail.split()[0]
    if not any(c.islower() for c in title):
        return None  # in a title printed in capitals every word looks like an acronym
    if len(first) >= 3 and first.isupper() and first.isalpha() and len(tail.split()) <= 3:
        return Institution(tail, first, tail)
    return None


def _municipal(title: str, place: str, known: tuple[Institution, ...]) -> Institution | None:
    """The municipal body of a mayor's title ("alcalde de Benito Juárez"): the one the document
    names if it names one of that municipality, else the catalogue's ("Ayuntamiento de X", or
    "Alcaldía X" in Mexico City)."""
    if cargo(title) != "presidencia municipal":
        return None
    candidates = catalog.municipalities().get(catalog.simplify(place), ())
    ids = {m.catalog_id for m in candidates}
    for institution in known:
        if institution.catalog_id in ids:
            return institution
    if not candidates:
        return None
    found = normalise(candidates[0].institution, known)
    return found if found is not None and found.catalog_id else None
    for form in (f"Alcaldía {place}", f"Ayuntamiento de {place}"):
        found = normalise(form, known)
        if found is not None and found.catalog_id:
            return found
    return None


def _same_style(words: list[str], name: str) -> list[str]:
    """The leading words printed like `name` (capitals or not), up to an honorific."""
    capitals = name.isupper()
    kept: list[str] = []
    for word in words:
        # A name in capitals never goes on in lower case ("ESTRADA" over "Av. Hidalgo").
        lower_after_capitals = capitals and not word.isupper() and word.lower() not in PARTICLES
        if kept and (
            word.isupper() != capitals
            and len(word) > 2
            or lower_after_capitals
            or split_honorific(word + " X")[0]
            or split_honorific(word + ". X")[0]  # "ARQ" of "ARQ. NAME": the next signer
        ):
            break
        kept.append(word)
    return kept


def _span(text: str, start: int, words: list[str]) -> str:
    """The printed text of `words` from `start` (spacing and line breaks as printed)."""
    found = re.compile(r"\s+".join(map(re.escape, words))).match(text, start)
    return found.group(0) if found else " ".join(words)


def first_of_pair(words: list[str]) -> list[str]:
    """The words of the first name when two are joined by "y" ("Iker Ruiz Paz y Ana Ruiz Paz"
    -> "Iker Ruiz Paz"); `words` as they are when what follows "y" is no name by itself."""
    for n, word in enumerate(words):
        after = words[n + 1 :]
        joins = n > 0 and word.lower() in ("y", "e")
        if joins and any(looks_like_name(" ".join(after[:k])) for k in range(2, len(after) + 1)):
            return words[:n]
    return words


def fullest_form(name: str, text: str) -> str:
    """The longest name printed in `text` that starts with the same two words as `name`
    ("Omar Quintero" -> "Omar Quintero Lagos"), else `name` itself."""
    tokens = name_words(name)
    if len(tokens) < 2 or len(tokens[0]) < 3:
        return name
    best = name
    for m in re.finditer(rf"\b{re.escape(name.split()[0])}\b", text, re.IGNORECASE):
        run = NAME_RE.match(text, m.start())
        if run is None:
            continue
        words = _same_style(re.split(r"[ \t]{3,}|\t", run.group(0))[0].split(), name)
        words = first_of_pair(words)
        while len(words) > 2 and (
            not looks_like_name(" ".join(words))
            or not _name_end(fold(words[-1]))
            or ends_in_verb(words[-1])
        ):
            words.pop()  # not a name, or the next name's honorific ("… BARRERA\nMC. OSCAR")
        candidate = " ".join(words)
        printed = _span(text, m.start(), words)
        wraps = "\n" in printed and not re.match(
            r"[ \t]*(?:[,;.]|\n|$)", text[m.start() + len(printed) :]
        )
        longer = len(words) > len(best.split()) and looks_like_name(candidate) and not wraps
        longer = longer and len(name_words(candidate)) <= MAX_NAME_WORDS
        if longer and name_words(candidate)[:2] == tokens[:2]:
            best = candidate
    return best


LEFT_OF_NAME = re.compile(rf"\s*((?:{NAME_WORD}\s+){{1,3}})$")


def extend_left(text: str, start: int, name: str) -> tuple[int, str]:
    """A two-word name printed after more of itself on the same line ("C. Ana Luisa Gil Ruiz"
    found as "Gil Ruiz"): the name with all the words between it and the honorific before it,
    when they still read as a name; else the name as it was."""
    if len(name.split()) != 2:
        return start, name
    head = text[max(0, start - 80) : start]
    head = head[head.rfind("\n") + 1 :] if "\n" in head else head
    honorific_end = max((m.end() for m in _honorific_anywhere_re().finditer(head)), default=0)
    m = LEFT_OF_NAME.match(head[honorific_end:]) if honorific_end else None
    if m is None:
        return start, name
    extra = m.group(1)
    if looks_like_name(extra + name) and len((extra + name).split()) <= 5:
        return start - len(extra), extra + name
    return start, name


# -- a signer's name as the document prints it elsewhere ------------------------------------

# How far apart two of a short name's words may be in the whole one: a second given name or
# surname between them ("José Lara López" / "José Trinidad Lara López").
MAX_SKIPPED_WORDS = 2
# Two given names and two surnames: a name read with this many words lost none.
FULL_NAME_WORDS = 4
CONJUNCTIONS = frozenset({"y", "e"})
# Capitalised words on one line, however many (NAME_RE stops at seven: a list of attendees
# on one line holds more).
LINE_RUN = re.compile(rf"{NAME_WORD}(?:[ \t]+(?:{PARTICLE}[ \t]+)?{NAME_WORD})*")


def whole_elsewhere(name: str, text: str, own: tuple[int, int]) -> str:
    """The signer's name as the document prints it whole outside `own` (the span the name was
    read from), else `name`. A signature is where ink and seals cross the print, so OCR there
    loses words ("Salgado Banda", "TREJO PINOSA"); an acta's attendance list, a convenio's
    declarations or a letter's opening print the same person whole in clean type ("Héctor Salgado
    Banda", "OSCAR TREJO ESPINOSA"). A printing counts when each of the name's words (two at
    least) agrees, in order, with one of its words (equal, an initial, an OCR slip, a word cut
    short; a typo, not OCR's looser slips: "María" is not "García") and it has more words; all
    such printings must be one person (OCR slips aside), and the first of the longest is taken."""
    short = name_words(name)
    if not 2 <= len(short) < FULL_NAME_WORDS or not any(len(w) > 3 for w in short):
        return name
    found: list[str] = []
    for begin, end, printed in _capitalised_runs(text):
        if not (begin < own[1] and own[0] < end):
            found += _grown(short, printed)
    if not found or not all(_one_person(found[0], other) for other in found[1:]):
        return name
    return max(found, key=lambda whole: len(name_words(whole)))  # the first of the longest


def _one_person(a: str, b: str) -> bool:
    """Two printings of one person: OCR slips aside, or one inside the other."""
    return same_name(
        a, b, min_ratio=OCR_NAME_RATIO, word_ratio=OCR_WORD_RATIO, contained=True, cut_words=True
    )


@lru_cache(maxsize=8)
def _capitalised_runs(text: str) -> tuple[tuple[int, int, list[str]], ...]:
    """Each run of capitalised words on one line of `text` (a name looked for elsewhere never
    wraps: the next line of a signature table is a title), its offsets and its words; read once
    for all of a document's signers."""
    return tuple((m.start(), m.end(), m.group().split()) for m in LINE_RUN.finditer(text))


def _grown(short: list[str], printed: list[str]) -> Iterator[str]:
    """Each whole of the name whose folded words are `short` in the printed words (a run of
    capitalised words on one line): every short word agrees with a printed one in order, at
    most MAX_SKIPPED_WORDS apart; with up to two more given names before them and up to two
    more surnames after them where the run ends, never across a conjunction ("… Lara López y
    María Elena Lara López" holds two names)."""
    folded = [fold(w.strip(".,;:")) for w in printed]
    for start, word in enumerate(folded):
        if not _agrees(short[0], word):
            continue
        at = [start]
        for word in short[1:]:
            high = min(len(folded), at[-1] + MAX_SKIPPED_WORDS + 2)
            hit = next((j for j in range(at[-1] + 1, high) if _agrees(word, folded[j])), None)
            if hit is None:
                break
            at.append(hit)
        if len(at) < len(short) or any(w in CONJUNCTIONS for w in folded[at[0] : at[-1]]):
            continue
        first = at[0]
        while first > 0 and _extra(folded[first - 1]) and _core(folded[first - 1 : at[0]]) <= 2:
            first -= 1
        while first < at[0] and folded[first] in PARTICLES:
            first += 1
        last = at[-1] + 1
        if len(printed) - last <= 2 and all(_extra(w) for w in folded[last:]):
            last = len(printed)
        while last > at[-1] + 1 and not _name_end(folded[last - 1]):
            last -= 1
        whole = " ".join(printed[first:last])
        core = name_words(whole)
        if len(short) < len(core) <= MAX_NAME_WORDS and looks_like_name(whole):
            yield whole


def _core(words: list[str]) -> int:
    return sum(w not in PARTICLES for w in words)


def _extra(word: str) -> bool:
    """A (folded) word that may be part of a name beside the words found: not an initial or a
    two-letter abbreviation (a company's "S.A. de C.V." around a heading, the next name's "ME."
    or "MC.": no given name or surname is two letters), a function word ("Que Héctor ...") nor
    an honorific ("... BARRERA ING. OSCAR")."""
    if word in PARTICLES:
        return word not in CONJUNCTIONS
    return len(word) > 2 and word not in SPANISH_STOP_WORDS and word not in _one_word_honorifics()


WORDS_SHARE = 0.75  # this share of dictionary words and no given name: a phrase, not a name


@cache
def given_names() -> frozenset[str]:
    """Folded common given names (data/given_names.csv)."""
    return frozenset(fold(n) for n in words("given_names"))


@cache
def surnames() -> frozenset[str]:
    """Folded common surnames (data/surnames.csv): words that are names though in the dictionary."""
    return frozenset(fold(n) for n in words("surnames"))


def reads_as_words(name: str) -> bool:
    """Whether `name` is a run of dictionary words rather than a person's name: none of its
    words a common given name or surname, and three in four of them Spanish common nouns or
    adjectives (plurals too) or verbs ("PERMANENTE DE HACIENDA", "FORMA PARTE", "CONDUCTA DE
    LOS SERVIDORES PÚBLICOS"); "Peña Nieto" and "Flores Campos" are surnames."""
    from extractors.nlp import dictionary_words  # the model is loaded by then

    core = [fold(w.strip(".,;:")) for w in name.split()]
    core = [w for w in core if w and w not in PARTICLES]
    if not core or any(w in given_names() or w in surnames() for w in core):
        return False
    nouns, verbs = dictionary_words()

    def listed(word: str) -> bool:
        plural = any(word.endswith(s) and word[: -len(s)] in nouns for s in ("es", "s"))
        return word in nouns or word in verbs or plural

    return sum(listed(w) for w in core) >= WORDS_SHARE * len(core)


def ends_in_verb(word: str) -> bool:
    """A word in a preterite's ending ("PRESENTÓ", "anunció"; institution_mentions.
    finite_ending): the verb a capitals headline runs a name into ("JOSÉ ANTONIO MEADE
    PRESENTÓ"). Spanish surnames hardly ever end in a stressed "ó"; in "rán" they do (Beltrán)."""
    return len(word) > 4 and finite_ending("preterite").search(word.casefold()) is not None


def _name_end(word: str) -> bool:
    """A (folded) word a name may end with: an extra word that is no particle."""
    return word not in PARTICLES and _extra(word)


@cache
def _one_word_honorifics() -> frozenset[str]:
    """The one-word honorifics, folded without their dots ("ing", "lic", "mtra")."""
    return frozenset(fold(f).replace(".", "") for f in split_honorifics() if " " not in f.strip())


def _agrees(short: str, long: str) -> bool:
    """One word of a name read through ink against one printed cleanly."""
    if short == long:
        return True
    if len(short) == 1:
        return long.startswith(short)
    if len(short) >= MIN_TYPO_WORD and (long.startswith(short) or long.endswith(short)):
        return True
    long_enough = min(len(short), len(long)) >= MIN_TYPO_WORD
    return long_enough and fuzz.ratio(short, long) >= TYPO_WORD_RATIO
