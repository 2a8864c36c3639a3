"""Institutions named in a document, once each: head-noun names, acronyms linked to them,
catalogue names, filtered (companies, countries, buildings, platforms) and normalised against
the catalogues of data/institutions.jsonl and data/municipalities.csv; one per body (see
institution_dedupe)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from functools import cache

from spacy.tokens import Span

from extractors import catalog
from extractors.catalogue_matcher import INSTITUTIONS
from extractors.context import Context
from extractors.cues import rows, words
from extractors.institution_acronyms import acronym_mentions
from extractors.institution_candidates import candidates
from extractors.institution_dedupe import bare_head, dedupe, from_known, heads_by_fold, key
from extractors.institution_mentions import (
    UPPER,
    Mention,
    catalogue_mentions,
    finite_ending,
    head_mentions,
    run_on_cues,
)
from extractors.institution_noise import is_ocr_noise
from extractors.institution_shape import (
    is_generic_descriptor,
    is_platform_system,
    opens_with_person_title,
)
from extractors.scorer import Scorer, load
from models import Institution, versions
from models.normalise import fold

NAME = versions.INSTITUTIONS
SCORER = "institutions"  # data/scorers/institutions.json, written by `make train`
ENTITY_LABELS = frozenset({"ORG", "LOC", "MISC"})
OCR_READER = "tesseract"

DETERMINERS = re.compile(
    r"^(?:(?:a|al|de|del|en|por|para|con|el|la|los|las|este|esta|éste|ésta|estos|estas|dicho|"
    r"dicha|nuestro|nuestra|su|sus|mismo|misma)\s+)+",
    re.IGNORECASE,
)
MUNICIPAL = re.compile(
    r"^(?:(?:H\.|Honorable)\s+)?(?:[IVXLC]+\s+)?"
    r"(Ayuntamiento|Municipio|Alcald[ií]a|Gobierno Municipal|Gobierno(?=\s+de\s))"
    r"(?:\s+Constitucional)?(?:\s+(?:de|del))?\s+(.+)$",
    re.IGNORECASE,
)
CAPITAL_HEADS = ("alcaldía", "alcaldia")
MAX_INITIAL_SKIPS = 1  # content words an acronym may leave out and still name a found body
HEADLINE_WORDS = 10  # an upper-case name longer than this, with no known end, is a run-on
PRESS_HEADLINE_WORDS = 7  # in a press release, whose headlines are printed in capitals
SHORT_NAME_WORDS = 7  # an upper-case name this short, cut before its verb, is kept whole


@cache
def not_acronyms() -> frozenset[str]:
    return frozenset(words("institution_not_acronyms"))


ANYWHERE = frozenset({"company", "bank", "platform"})  # kinds of marker found anywhere in a name


@cache
def _markers() -> tuple[tuple[str, str], ...]:
    return tuple((catalog.simplify(r["marker"]), r["kind"]) for r in rows("institution_non"))


@cache
def _marker_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The markers as two patterns over a simplified name: those found anywhere in it (as whole
    words), and those it is or starts with."""
    anywhere = [re.escape(m) for m, kind in _markers() if kind in ANYWHERE]
    leading = [re.escape(m) for m, kind in _markers() if kind not in ANYWHERE]
    never = r"(?!)"  # no marker of that group: matches nothing
    return (
        re.compile(rf"(?:^| )(?:{'|'.join(anywhere)})(?: |$)" if anywhere else never),
        re.compile(rf"(?:{'|'.join(leading)})(?: |\Z)" if leading else never),
    )


def is_non_institution(printed: str) -> bool:
    """Companies, banks and platforms anywhere in the name; countries, buildings, documents and
    concepts when the name is or starts with them."""
    key = catalog.simplify(printed)
    anywhere, leading = _marker_patterns()
    return anywhere.search(key) is not None or leading.match(key) is not None


def _municipal(cleaned: str) -> Institution | None:
    match = MUNICIPAL.match(cleaned)
    if not match:
        return None
    head, place = match.group(1), match.group(2)
    words = re.split(r",|\s+\(", place)[0].split()
    for n in range(min(len(words), 6), 0, -1):  # longest place name first: "Tlalnepantla de Baz"
        found = catalog.municipality(" ".join(words[:n]), capital=head.casefold() in CAPITAL_HEADS)
        # "Gobierno de Mérida" is the municipality's; "Gobierno de Campeche", the state's
        if (
            found is not None
            and head.casefold() == "gobierno"
            and (n < len(words) or catalog.simplify(found.name) in catalog.state_names())
        ):
            return None
        if found is not None:
            name = cleaned[: match.start(2)] + " ".join(words[:n])
            state = re.fullmatch(r"[^,]*,\s*(.+)", place)
            if (n < len(words) and not cleaned.isupper()) or (
                n == len(words) and state and catalog.is_place(state.group(1))
            ):
                name = cleaned  # a longer printed name ("..., Michoacán") is kept whole
            return Institution(name, None, name, found.catalog_id)
    return None


def normalise(printed: str, known: tuple[Institution, ...] = ()) -> Institution | None:
    """The institution a printed name or acronym refers to ("Infoem", "alcaldía Benito Juárez",
    "este Ayuntamiento"), preferring those already found in the document (`known`), then the
    catalogues; None when it is not a public institution."""
    cleaned = DETERMINERS.sub("", " ".join(printed.split())).strip(" ,.;:\"“”'")
    if not cleaned or is_non_institution(cleaned):
        return None
    found = from_known(cleaned, known)
    if found is not None:
        return found
    entry = catalog.lookup(cleaned)
    if entry is not None:
        # an acronym takes the long form; a printed name stays as printed (annotators' way)
        name = entry.name if " " not in cleaned else cleaned
        return Institution(name, entry.acronym, cleaned, entry.id)
    municipal = _municipal(cleaned)
    if municipal is not None:
        return municipal
    if is_platform_system(cleaned) or opens_with_person_title(cleaned):
        return None
    head = bare_head(cleaned)
    if head is not None:
        standalone = heads_by_fold()[head]["standalone"] == "yes"
        return Institution(cleaned) if standalone else None
    words = catalog.simplify(re.sub(r"^(?:H\.|[IVXLC]+)\s+", "", cleaned)).split()
    if words and any(catalog.simplify(h).split()[0] == words[0] for h in heads_by_fold()):
        return Institution(cleaned, None, cleaned)
    return None


def _resolve(
    m: Mention, known: tuple[Institution, ...], longest: int = HEADLINE_WORDS
) -> Institution | None:
    """The institution of one mention, with the acronym the document links to it (`longest`:
    see _headline_name)."""
    if m.source == "acronym":
        return _resolve_acronym(m.printed, known)
    expanded = _expand_acronym_tail(m.printed, known)
    if expanded != m.printed:  # "Comité X del SEAY" is "Comité X del Sistema ..." if found
        same = next((k for k in known if key(k) == catalog.simplify(expanded)), None)
        if same is not None:
            return same
    inst = normalise(_headline_name(m.printed, longest), ())
    if inst is None:
        return None
    if m.acronym:
        return Institution(inst.name, m.acronym, m.printed, inst.catalog_id)
    return inst


def _resolve_acronym(printed: str, known: tuple[Institution, ...]) -> Institution | None:
    """A bare acronym: a body found in the document with it or whose initials spell it, else
    the catalogue's, else the acronym itself."""
    if is_non_institution(printed):
        return None
    if " " in printed:  # an acronym with its level ("DIF municipal") names that level's body
        return Institution(printed, None, printed)
    found = from_known(printed, known) or _by_initials(printed, known)
    if found is not None:
        return found
    entry = catalog.lookup(printed)
    if entry is not None:
        return Institution(entry.name, entry.acronym, printed, entry.id)
    return Institution(printed, printed, printed)


def _by_initials(acronym: str, known: tuple[Institution, ...]) -> Institution | None:
    """The found body without an acronym whose name the acronym abbreviates best (at most one
    content word left out: "SEAY" -> "Sistema Estatal Anticorrupción de Yucatán")."""
    scored = [
        (skips, n, inst)
        for n, inst in enumerate(known)
        if not inst.acronym
        for skips in [_acronym_skips(acronym, inst.name)]
        if skips is not None and skips <= MAX_INITIAL_SKIPS
    ]
    if len(acronym) < 3 or not scored:
        return None
    inst = min(scored, key=lambda x: (x[0], x[1]))[2]
    return Institution(inst.name, acronym, inst.printed, inst.catalog_id, inst.prov)


def _acronym_skips(acronym: str, name: str) -> int | None:
    """catalog.acronym_skips, reading the name also without its closing place: a state's body
    is often abbreviated without it ("SECTUR", Secretaría de Turismo y Cultura del Estado de
    Veracruz; "SSP", Secretaría de Seguridad Pública de Puebla)."""
    skips = catalog.acronym_skips(acronym, name)
    words = name.split()
    place = _closing_place(words, ("de", "del", "en"))
    if place is not None:
        shorter = catalog.acronym_skips(acronym, " ".join(words[:place]))
        if shorter is not None and (skips is None or shorter < skips):
            skips = shorter
    return skips


def _expand_acronym_tail(printed: str, known: tuple[Institution, ...]) -> str:
    """A name closing on another body's acronym ("Comité ... del SEAY") with that body's name."""
    tail = re.search(r"\b(?:de|del|de la|de los)\s+([A-ZÁÉÍÓÚÑ]{2,})$", printed)
    if tail is None:
        return printed
    for inst in known:
        if inst.acronym and catalog.simplify(inst.acronym) == catalog.simplify(tail.group(1)):
            return printed[: tail.start(1)] + inst.name
    entry = catalog.lookup(tail.group(1))
    return printed[: tail.start(1)] + entry.name if entry is not None else printed


def _headline_name(printed: str, longest: int = HEADLINE_WORDS) -> str:
    """An upper-case headline runs on past the name ("GOBIERNO DE X FOMENTA EL DEPORTE"): the
    name ends before its verb (_before_run_on); a rest of more than SHORT_NAME_WORDS ends at
    its last place ("... DEL ESTADO DE PUEBLA"), or at the longest start the catalogues know;
    one of more than `longest` words is dropped (a press release's headlines are in capitals,
    a letter's letterhead: PRESS_HEADLINE_WORDS for them)."""
    words = printed.split()
    if not printed.isupper() or len(words) <= 4:
        return printed
    words = _before_run_on(words)
    if len(words) <= SHORT_NAME_WORDS:
        return " ".join(words)
    for n in range(len(words), 2, -1):
        if _ends_in_place(words[:n]):
            return " ".join(words[:n])
    for n in range(len(words), 1, -1):
        start = " ".join(words[:n])
        if catalog.lookup(start) is not None or _municipal(start) is not None:
            return start
    return " ".join(words) if len(words) <= longest else ""


def _before_run_on(words: list[str]) -> list[str]:
    """The words before a headline's verb (data/institution_run_on.csv): a word that is no link
    yet takes an article ("FOMENTA EL", "PROCEDA AL", "INVITA A LA"), a future or preterite
    ("IMPULSARÁ"), or "SE"."""
    links, articles = run_on_cues("link"), run_on_cues("article")
    for i in range(1, len(words)):
        word = words[i].casefold()
        if word in run_on_cues("reflexive") or finite_ending("future", "preterite").search(word):
            return _without_links(words[:i], links)
        after = [w.casefold() for w in words[i + 1 : i + 3]]
        if word in links or not after:
            continue
        if after[0] in articles or (after[0] == "a" and after[1:2] and after[1] in articles):
            return _without_links(words[:i], links)
    return words


def _without_links(words: list[str], links: frozenset[str]) -> list[str]:
    while words and words[-1].casefold() in links:
        words = words[:-1]
    return words


def _closing_place(words: list[str], links: tuple[str, ...]) -> int | None:
    """Where the words' closing place starts: the first of `links` whose rest is a state or
    municipality ("... DEL ESTADO DE PUEBLA": the "DEL"), or None."""
    for k in range(1, len(words) - 1):
        if words[k].casefold() in links and catalog.is_place(" ".join(words[k + 1 :])):
            return k
    return None


def _ends_in_place(words: list[str]) -> bool:
    return _closing_place(words, ("de", "del")) is not None


def extract(ctx: Context, scorer: Scorer | None = None) -> tuple[Institution, ...]:
    """Every public institution or non-commercial organisation the document names, once each:
    those the catalogues know, and the other names the rules found that the trained scorer
    does not take for noise (it scores the probability of noise)."""
    scorer = scorer or load(SCORER)
    found, sources = found_institutions(ctx)
    return tuple(
        c.institution
        for c in candidates(ctx, found, sources)
        if c.stands or not scorer.accepts(c.features)
    )


def found_institutions(ctx: Context) -> tuple[tuple[Institution, ...], dict[str, set[str]]]:
    """What the rules find, once each, and which rules (head, acronym, catalogue, entity) found
    each folded printed form or name."""
    text = ctx.text
    sources: dict[str, set[str]] = defaultdict(set)
    spans = ctx.doc.spans[INSTITUTIONS]
    ends = _catalogued_ends(spans)
    heads = (_as_catalogued(m, ends, text) for m in head_mentions(text))
    mentions = sorted([*heads, *catalogue_mentions(spans)], key=lambda m: m.start)
    # letters and gazettes write defined terms and names in capitals; press releases do not,
    # but print their headlines so
    press = ctx.kind is not None and ctx.kind.kind == "press_release"
    longest = PRESS_HEADLINE_WORDS if press else HEADLINE_WORDS
    found = _Found()
    for m in mentions:
        inst = _resolve(m, found.known, longest)
        if inst is not None and not inst.catalog_id and is_generic_descriptor(inst.name):
            inst = _named_before(text, m, inst)
        if inst is None:
            continue
        if not _ocr_noise(ctx, m, inst, found.known):
            found.add(_with_prov(inst, ctx, m))
            _found_by(sources, inst, m.source)
    defined = frozenset(catalog.simplify(i.acronym) for i in found.known if i.acronym)
    covered = bytearray(len(text) + 1)  # 1 where a mention is: a look-up, not a scan, per test
    for m in mentions:
        _cover(covered, m.start, m.end)
    for m in acronym_mentions(text, defined, unknown_too=press):
        if covered[m.start] or _unknown_on_scan(ctx, m, defined):
            continue
        inst = _resolve(m, found.known)
        if inst is not None:
            found.add(_with_prov(inst, ctx, m))
            _found_by(sources, inst, "acronym")
        _cover(covered, m.start, m.end)
    entities = _entity_institutions(ctx, covered, found.known)
    for inst in entities:
        _found_by(sources, inst, "entity")
    return dedupe([*found.known, *entities]), sources


def _catalogued_ends(spans: Iterable[Span]) -> dict[int, int]:
    """Where each catalogue match starting at a character ends, the longest one."""
    ends: dict[int, int] = {}
    for span in spans:
        ends[span.start_char] = max(ends.get(span.start_char, 0), span.end_char)
    return ends


def _as_catalogued(m: Mention, ends: dict[int, int], text: str) -> Mention:
    """A head's mention the catalogue knows a longer name for, from where it starts ("Consejo
    Nacional Para Prevenir" stops at a capitalised connector; the catalogue matched "Consejo
    Nacional para Prevenir la Discriminación"): that name's extent. `ends`: _catalogued_ends."""
    end = ends.get(m.start, 0)
    if end <= m.end:
        return m
    return replace(m, printed=" ".join(text[m.start : end].split()), end=end)


def _found_by(sources: dict[str, set[str]], inst: Institution, source: str) -> None:
    for form in {fold(inst.name), fold(inst.printed)}:
        if form:
            sources[form].add(source)


NAME_BEFORE = re.compile(rf"(?<![\w.])([{UPPER}]{{2,}})[ \t]+$")


def _named_before(text: str, m: Mention, inst: Institution) -> Institution | None:
    """A descriptor ("Centro Educativo") names a body only after its own name in capitals
    ("el INT Centro Educativo"); None otherwise."""
    before = NAME_BEFORE.search(text[max(0, m.start - 20) : m.start])
    if before is None or m.printed.isupper() or before.group(1) in not_acronyms():
        return None
    name = f"{before.group(1)} {inst.name}"
    return Institution(name, inst.acronym, name, None)


def _unknown_on_scan(ctx: Context, m: Mention, defined: frozenset[str]) -> bool:
    """An acronym neither catalogued nor defined in the document, on a page read by OCR: there
    logos, stamps and signatures come out as runs of capitals ("NTE", "COMITEOE")."""
    key = catalog.simplify(m.printed.split()[0])
    if key in defined or key in catalog.by_acronym():
        return False
    return _read_by_ocr(ctx, m.start)


def _ocr_noise(ctx: Context, m: Mention, inst: Institution, known: tuple[Institution, ...]) -> bool:
    """An uncatalogued name on a page read by OCR whose words are mostly misread pieces."""
    if inst.catalog_id or not _read_by_ocr(ctx, m.start):
        return False
    acronyms = frozenset(catalog.simplify(a) for a in (m.acronym, *(k.acronym for k in known)) if a)
    return is_ocr_noise(m.printed, acronyms)


def _read_by_ocr(ctx: Context, pos: int) -> bool:
    page = ctx.document.page_at(pos)
    return any(p.number == page and p.reader == OCR_READER for p in ctx.document.pages)


class _Found:
    """Institutions found so far, in order. A repeat that differs only in provenance is left out:
    dedupe would fold it into its first mention, and every look-up returns the first match, so
    a gazette naming one body a thousand times does not make each look-up a thousand long."""

    def __init__(self) -> None:
        self.known: tuple[Institution, ...] = ()
        self._seen: set[tuple[str, str | None, str | None, str | None]] = set()

    def add(self, inst: Institution) -> None:
        key = (inst.name, inst.acronym, inst.printed, inst.catalog_id)
        if key not in self._seen:
            self._seen.add(key)
            self.known = (*self.known, inst)


def _cover(covered: bytearray, start: int, end: int) -> None:
    covered[start:end] = b"\x01" * (end - start)


def _entity_institutions(
    ctx: Context, covered: bytearray, known: tuple[Institution, ...]
) -> list[Institution]:
    """spaCy's ORG/LOC/MISC entities the rules did not cover, kept only when the catalogue
    knows them (the Spanish model tags most institutions LOC, and many non-bodies ORG)."""
    extra: list[Institution] = []
    for ent in ctx.doc.ents:
        if ent.label_ not in ENTITY_LABELS or 1 in covered[ent.start_char : ent.end_char]:
            continue
        printed = ent.text.strip()
        if _mistaken_acronym(printed):
            continue
        entry = catalog.lookup(printed) if not is_non_institution(printed) else None
        if entry is None or from_known(entry.name, known + tuple(extra)) is not None:
            continue
        prov = ctx.prov(NAME, ent.start_char, ent.end_char, confidence=0.8)
        extra.append(Institution(entry.name, entry.acronym, printed, entry.id, prov))
    return extra


def _mistaken_acronym(printed: str) -> bool:
    """A word the entity tagger took for a catalogued acronym without its capitals ("Se tiene
    prevista ..." is not the SE): bare acronyms need three capitals, as elsewhere."""
    key = catalog.simplify(printed)
    if " " in key or key not in catalog.by_acronym():
        return False
    return not (printed.isupper() and len(printed) >= 3)


def _with_prov(inst: Institution, ctx: Context, m: Mention) -> Institution:
    if inst.prov is not None:
        return inst
    return Institution(
        inst.name, inst.acronym, inst.printed, inst.catalog_id, ctx.prov(NAME, m.start, m.end)
    )
