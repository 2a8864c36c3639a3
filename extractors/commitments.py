"""Commitments: an actor pledges, undertakes or agrees to do something. Found by the predicate
lexicon of data/commitment_predicates.csv and by future-tense verbs (spaCy morph Tense=Fut)
whose subject is an institution; the text is the span from the predicate to its clause's end."""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Token

from extractors import catalog
from extractors.commitment_lists import list_items, opens_list
from extractors.commitment_terms import defined_terms, term_subject
from extractors.context import Context
from extractors.cues import rows, words
from extractors.institution_mentions import head_words
from extractors.institutions import normalise
from models import Commitment, Institution
from models.normalise import fold, fold_spaces

NAME = "commitments.v1"

# A single line break is only a hard wrap; a blank line or a new list item ends the clause.
CLAUSE_END = re.compile(r"[.;:!?]|,(?=\s)|\n\s*\n|\n(?=[ \t]*(?:[-•*]|\w{1,3}[.)])\s)")
COORDINATION = re.compile(r"(?:,|\s+y|\s+e)\s+$")  # "concluirá ... y remitirá ..."
MIN_SPAN = 35  # a comma this early ends no clause ("buscará un diálogo, ..." is longer)
MAX_SPAN = 320
SUBJECT_WINDOW = 160  # how far back a verb's subject is looked for
AGREED_THAT = re.compile(r"\s+(?:expresamente\s+)?que\b", re.IGNORECASE)
REGULAR_FUTURE_1PL = re.compile(r"\w{3,}(?:ar|er|ir)emos")  # not "queremos" (present)
FIRST_PERSON_FUTURE = re.compile(r"\w{2,}(?:remos|re)$")  # trabajaremos, cumpliré
OWN = re.compile(
    r"\b(?:este|éste|esta|ésta|nuestro|nuestra)\s+(\w+)|\bquien(?:es)? suscribe", re.IGNORECASE
)


@cache
def predicate_pattern() -> re.Pattern[str]:
    """All cue phrases, longest first; "..." stands for up to 60 characters."""
    cues = sorted((r["cue"] for r in rows("commitment_predicates")), key=len, reverse=True)
    gap = r"\s+(?:[^.;]{0,60}?[\s“\"«])?"  # up to 60 characters, ending before a word or quote
    parts = [re.escape(c).replace(r"\ \.\.\.\ ", gap).replace(r"\ ", r"\s+") for c in cues]
    return re.compile(rf"(?<!\w)(?:{'|'.join(parts)})(?!\w)", re.IGNORECASE)


@cache
def _cue_actor() -> dict[str, str]:
    return {fold(r["cue"]): r["actor"] for r in rows("commitment_predicates")}


@cache
def joint_subject_pattern() -> re.Pattern[str]:
    """Subjects naming both parties of an agreement, at the end of the subject phrase."""
    cues = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in words("commitment_joint_subjects"))
    return re.compile(rf"(?<!\w)(?:{cues})\s*$", re.IGNORECASE)


@cache
def exclusion_pattern() -> re.Pattern[str]:
    cues = "|".join(re.escape(c) for c in words("commitment_exclusions"))
    return re.compile(rf"(?<!\w)(?:{cues})(?!\w)", re.IGNORECASE)


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


def own_institution(ctx: Context) -> Institution | None:
    """The document's own institution: its signatories', else its first municipal or
    letterhead institution, else the dateline place's ayuntamiento."""
    for signatory in ctx.signatories:
        if signatory.institution:
            found = normalise(signatory.institution, ctx.institutions)
            if found is not None:
                return found
    municipal = [
        i for i in ctx.institutions if (i.catalog_id or "").startswith(catalog.MUNICIPALITY_IDS)
    ]
    if municipal:
        return municipal[0]
    if ctx.institutions and ctx.institutions[0].prov and ctx.institutions[0].prov.start < 400:
        return ctx.institutions[0]
    place = ctx.dateline.place if ctx.dateline else None
    return normalise(f"Ayuntamiento de {place.split(',')[0]}") if place else None


def actor_in(ctx: Context, subject: str, terms: dict[str, str] | None = None) -> str | None:
    """The actor a subject phrase names: "este Ayuntamiento"/"quien suscribe" -> own
    institution; a convenio's defined term ("LA SEP") -> the party it was defined for;
    a named or acronym institution -> its normalised name."""
    joint = joint_subject_pattern().search(subject)
    if joint:
        return joint.group().strip()
    term = term_subject(subject, terms or {})
    if term is not None:
        return term
    own = OWN.search(subject)
    if own and (own.group(1) is None or fold(own.group(1)) in head_words()):
        inst = own_institution(ctx)
        if inst is not None:
            return inst.name
    return institution_in(ctx, subject)


def institution_in(ctx: Context, subject: str) -> str | None:
    """The document's institution named last in `subject` (name, printed form or acronym)."""
    key = catalog.simplify(subject)
    best: tuple[int, str] | None = None
    for inst in ctx.institutions:
        for form in (inst.name, inst.printed, inst.acronym):
            pos = key.rfind(catalog.simplify(form)) if form else -1
            if pos >= 0 and (best is None or pos > best[0]):
                best = (pos, inst.name)
    if best:
        return best[1]
    head = re.search(r"\b(?:el|la|los|las)\s+(\w+)", subject, re.IGNORECASE)
    if head and fold(head.group(1)) in head_words():
        found = normalise(head.group(0), ctx.institutions)
        return found.name if found else None
    return None


def _predicate_commitments(ctx: Context, terms: dict[str, str]) -> list[Commitment]:
    text, out = ctx.text, []
    for match in predicate_pattern().finditer(text):
        start = clause_start(text, match.start())
        if exclusion_pattern().search(text, start, match.start()):
            continue
        if AGREED_THAT.match(text, match.end()):
            continue  # "acuerdan que …" states terms; a pledge in it is its own future verb
        end = clause_end(text, match.start(), match.end())
        mode = _cue_actor().get(fold_spaces(match.group()), "subject")
        where = text[match.end() : end] if mode == "of" else text[start : match.start()]
        actor = actor_in(ctx, where, terms) or actor_in(ctx, text[start : match.start()], terms)
        if opens_list(text, match.end()):
            # A gerund on its own line ("comprometiéndose a:") has its sentence's subject.
            actor = actor or actor_in(ctx, text[sentence_start(text, start) : start], terms)
            items = list_items(text, match.end(), clause_end) if actor else []
            out += [_commitment(ctx, actor, match.group(), s, e) for s, e in items]
            continue
        out.append(_commitment(ctx, actor, match.group(), match.start(), end))
    return out


def _future_commitments(
    ctx: Context, taken: list[tuple[int, int]], terms: dict[str, str]
) -> list[Commitment]:
    text, out = ctx.text, []
    weak = frozenset(words("commitment_weak_futures"))
    futures = [t for t in ctx.doc if _is_future(t)]
    starts = [t.idx for t in futures]
    for n, token in enumerate(futures):
        begin = token.idx
        if token.lemma_ in weak or any(s <= begin < e for s, e in taken):
            continue
        start = clause_start(text, begin)
        subject = text[start:begin]
        if re.search(r"\bse\s*$", subject) or exclusion_pattern().search(subject):
            continue
        actor = (
            actor_in(ctx, subject, terms)
            or _headline_actor(ctx, token.text, subject)
            or _speaker_actor(ctx, token)
        )
        # A defined term hard-wrapped onto the line before ('… "LA SEP"\ntransferirá').
        actor = actor or term_subject(text[sentence_start(text, start) : begin], terms)
        if actor is None:
            continue
        end = _before_next_pledge(text, begin, clause_end(text, begin), starts[n + 1 :])
        out.append(_commitment(ctx, actor, token.text, begin, end))
    return out


def _is_future(token: Token) -> bool:
    """A future indicative ("instalará"); also a regular first-person future (infinitive +
    -emos/-é: "trabajaremos"), which es_core_news_sm often tags as a present."""
    if "Fut" in token.morph.get("Tense", []) and "Ind" in token.morph.get("Mood", []):
        return True
    lemma, form = fold(token.lemma_), fold(token.text)
    if lemma.endswith(("ar", "er", "ir")) and form in (lemma + "emos", lemma + "e"):
        return True
    return REGULAR_FUTURE_1PL.fullmatch(form) is not None  # tagged PROPN after a quote


def _speaker_actor(ctx: Context, verb: Token) -> str | None:
    """A future in the first person ("trabajaremos", "cumpliré") pledges for whoever speaks:
    the document's own institution. ("vamos a" + infinitive was tried: on dev it described
    more than it pledged.)"""
    if not FIRST_PERSON_FUTURE.search(fold(verb.text)):
        return None
    inst = own_institution(ctx)
    return inst.name if inst is not None else None


def _before_next_pledge(text: str, begin: int, end: int, later: list[int]) -> int:
    """A clause coordinating two future verbs states two commitments: end before the second."""
    for verb in later:
        if verb >= end:
            break
        joint = COORDINATION.search(text, begin, verb)
        if joint is not None and verb - begin > MIN_SPAN // 2:
            return joint.start()
    return end


def _headline_actor(ctx: Context, verb: str, subject: str) -> str | None:
    """A press release's headline opening on a future verb ("Construirá ... ") pledges for
    the releasing institution."""
    press = ctx.kind is not None and ctx.kind.kind == "press_release"
    if not press or subject.strip(" \t-–•*") or not verb[:1].isupper():
        return None
    inst = own_institution(ctx)
    return inst.name if inst is not None else None


def _commitment(ctx: Context, actor: str | None, cue: str, start: int, end: int) -> Commitment:
    span = ctx.text[start:end].rstrip(" ,")
    return Commitment(actor, span, cue, ctx.prov(NAME, start, start + len(span)))


def extract(ctx: Context) -> tuple[Commitment, ...]:
    """Every commitment the document states, in text order, once each."""
    terms = defined_terms(ctx.text, lambda words: institution_in(ctx, words))
    found = _predicate_commitments(ctx, terms)
    taken = [(c.prov.start, c.prov.end) for c in found if c.prov]
    found += _future_commitments(ctx, taken, terms)
    return tuple(sorted(found, key=lambda c: c.prov.start if c.prov else 0))
