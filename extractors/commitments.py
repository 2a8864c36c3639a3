"""Commitments: an actor pledges, undertakes or agrees to do something. Found by the predicate
lexicon of data/commitment_predicates.csv, by pledge nouns a verb states ("reitera su
disposición para trabajar") and by future-tense verbs (spaCy morph Tense=Fut) whose subject is
an institution; the text is the span from the predicate to its clause's end.
Those readings stand; a trained scorer (data/scorers/commitments.json) decides on the other
candidate clauses (commitment_candidates.py): impersonal, defined-term and noun-subject futures,
"deberá", pledge nouns, infinitive list items."""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Token

from extractors.commitment_actors import actor_in, institution_in, own_institution
from extractors.commitment_candidates import Candidate, candidates
from extractors.commitment_clauses import (
    MIN_SPAN,
    clause_end,
    clause_start,
    sentence_start,
)
from extractors.commitment_lists import list_items, opens_list
from extractors.commitment_terms import defined_terms, term_subject
from extractors.context import Context
from extractors.cues import opening, rows, words
from extractors.scorer import Scorer, load
from models import Commitment, versions
from models.normalise import fold, fold_spaces

NAME = versions.COMMITMENTS
SCORER = "commitments"  # data/scorers/commitments.json, written by `make train`

COORDINATION = re.compile(r"(?:,|\s+y|\s+e)\s+$")  # "concluirá ... y remitirá ..."
AGREED_THAT = re.compile(r"\s+(?:expresamente\s+)?que\b", re.IGNORECASE)
FIRST_PERSON_FUTURE = re.compile(r"\w{2,}(?:remos|re)$")  # trabajaremos, cumpliré


@cache
def predicate_pattern() -> re.Pattern[str]:
    """All cue phrases, longest first; "..." stands for up to 60 characters."""
    cues = sorted((r["cue"] for r in rows("commitment_predicates")), key=len, reverse=True)
    gap = r"\s+(?:[^.;]{0,60}?[\s“\"«])?"  # up to 60 characters, ending before a word or quote
    parts = [re.escape(c).replace(r"\ \.\.\.\ ", gap).replace(r"\ ", r"\s+") for c in cues]
    return re.compile(rf"(?<!\w){opening(cues)}(?:{'|'.join(parts)})(?!\w)", re.IGNORECASE)


@cache
def _cue_actor() -> dict[str, str]:
    return {fold(r["cue"]): r["actor"] for r in rows("commitment_predicates")}


@cache
def exclusion_pattern() -> re.Pattern[str]:
    cues = "|".join(re.escape(c) for c in words("commitment_exclusions"))
    return re.compile(rf"(?<!\w)(?:{cues})(?!\w)", re.IGNORECASE)


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
    futures = [ctx.doc[i] for i in ctx.futures]
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


# A pledge noun stated by a verb: "reafirma la disposición de este Ayuntamiento para llevar a
# cabo", "enfatizó su disposición para trabajar", "con el compromiso ... de trabajar".
DETERMINERS = frozenset({"el", "la", "su", "sus", "nuestro", "nuestra", "nuestros", "este", "esta"})
STATING_REACH = 4  # tokens between the stating verb (or "con") and the noun's determiner
INFINITIVE_REACH = 8  # tokens between the noun and its "de/para/a" + infinitive
INFINITIVE_LINKS = frozenset({"de", "para", "a"})


def _pledge_noun_commitments(
    ctx: Context, taken: list[tuple[int, int]], terms: dict[str, str]
) -> list[Commitment]:
    """A pledge noun (data/commitment_pledge_nouns.csv) with a determiner, stated by a verb in
    the indicative or a gerund (or "con") a few words before it in its clause, and followed by
    "de/para/a" + infinitive: the span runs from the verb to the clause's end. A bare noun
    ("muestren disposición para", a requirement) or one no verb states ("y el firme compromiso
    de") is no pledge."""
    text, forms, out = ctx.text, ctx.tokens, []
    nouns = {fold(w) for w in words("commitment_pledge_nouns")}
    for i, folded in enumerate(forms.folded):
        if folded not in nouns or forms.pos[i] != "NOUN":
            continue
        token = ctx.doc[i]
        det = _determiner_before(token)
        verb = _stating_before(det) if det is not None else None
        if verb is None or not _infinitive_after(token):
            continue
        start = verb.idx
        prev = ctx.doc[verb.i - 1] if verb.i > 0 else None
        if prev is not None and fold(prev.text) == "se":
            start = prev.idx
        if any(s <= token.idx < e or s <= start < e for s, e in taken):
            continue
        floor = clause_start(text, start)
        end = clause_end(text, start, token.idx + len(token.text))
        actor = actor_in(ctx, text[floor:end], terms) or actor_in(ctx, text[floor:start], terms)
        if actor is None:
            own = own_institution(ctx)
            actor = own.name if own is not None else None
        out.append(_commitment(ctx, actor, token.text, start, end))
    return out


def _determiner_before(noun: Token) -> Token | None:
    """The noun's determiner, adjectives aside ("la plena y buena voluntad")."""
    for t in reversed(noun.doc[max(0, noun.i - 5) : noun.i]):
        if fold(t.text) in DETERMINERS:
            return t
        if t.pos_ not in ("ADJ", "CCONJ"):
            return None
    return None


def _stating_before(det: Token) -> Token | None:
    """The verb (indicative or gerund, not a subjunctive requirement) or "con" stating the
    noun, a few words before its determiner and in its clause."""
    for t in reversed(det.doc[max(0, det.i - STATING_REACH) : det.i]):
        if t.is_punct:
            return None
        if fold(t.text) == "con" and t.i == det.i - 1:
            return t
        if t.pos_ in ("VERB", "AUX"):
            mood, form = t.morph.get("Mood", []), t.morph.get("VerbForm", [])
            return t if "Ind" in mood or "Ger" in form else None
    return None


def _infinitive_after(noun: Token) -> bool:
    """An infinitive after "de/para/a" a few words after the noun, in its clause."""
    window = noun.doc[noun.i + 1 : noun.i + 1 + INFINITIVE_REACH]
    for prev, t in zip(window, window[1:], strict=False):
        if prev.is_punct:
            return False
        if fold(prev.text) in INFINITIVE_LINKS and "Inf" in t.morph.get("VerbForm", []):
            return True
    return False


def rule_commitments(ctx: Context, terms: dict[str, str]) -> list[Commitment]:
    """The commitments the predicate lexicon, the stated pledge nouns and the institutional
    futures read."""
    found = _predicate_commitments(ctx, terms)
    taken = [(c.prov.start, c.prov.end) for c in found if c.prov]
    found += _pledge_noun_commitments(ctx, taken, terms)
    taken = [(c.prov.start, c.prov.end) for c in found if c.prov]
    return found + _future_commitments(ctx, taken, terms)


def scored_candidates(
    ctx: Context, rules: list[Commitment], terms: dict[str, str]
) -> list[Candidate]:
    """The candidates no rule read (commitment_candidates.py), none overlapping a rule's span."""
    return candidates(ctx, [(c.prov.start, c.prov.end) for c in rules if c.prov], terms)


def extract(ctx: Context, scorer: Scorer | None = None) -> tuple[Commitment, ...]:
    """Every commitment the document states, in text order, once each: the rules' readings,
    and the other candidate clauses the trained scorer accepts (best first, none overlapping
    one already kept)."""
    scorer = scorer or load(SCORER)
    terms = defined_terms(ctx.text, lambda words: institution_in(ctx, words))
    found = rule_commitments(ctx, terms)
    spans = [(c.prov.start, c.prov.end) for c in found if c.prov]
    accepted = [c for c in scored_candidates(ctx, found, terms) if scorer.accepts(c.features)]
    for c in sorted(accepted, key=lambda c: -scorer.score(c.features)):
        if not any(c.start < e and s < c.end for s, e in spans):
            spans.append((c.start, c.end))
            found.append(_commitment(ctx, c.actor, c.cue, c.start, c.end))
    return tuple(sorted(found, key=lambda c: c.prov.start if c.prov else 0))
