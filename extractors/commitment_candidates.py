"""Commitment candidates for the trained scorer (scorer.py): every clause the rules did not
read whose verb may pledge — a future ("instalará", "se reforzará", "deberá", "habrá de"), an
unaccented future ("formulara"), "van a" + infinitive, a pledge noun ("su disposición para
trabajar"), an item of a list opening on an infinitive ("a) Elaborar …") — with its actor and
the weak signals around it. The span starts at its subject when the subject is close (the gold
spans often hold it: "La Secretaría dará a conocer …") and ends where its clause does."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Token

from extractors.commitment_actors import actor_in, joint_subject_pattern, own_institution
from extractors.commitment_clauses import clause_end, clause_start, sentence_start
from extractors.commitment_lists import ITEM
from extractors.commitment_terms import term_subject
from extractors.context import Context
from extractors.cues import lowered, rows, words
from models.normalise import fold

SUBJECT_REACH = 60  # a subject this close before the verb opens the span
UNACCENTED_FUTURE = ("a", "an")  # "formulara" for "formulará": lemma + a/an
NEGATION = frozenset({"no", "nunca", "tampoco", "ni"})
QUOTES_OPEN, QUOTES_CLOSE = "“«", "”»"
RELATIVE = re.compile(r"\b(?:que|quien|quienes|cual|cuales|donde)\s+(?:se\s+)?(?:\w+\s+)?$", re.I)
INFINITIVE_LINE = re.compile(r"^[ \t]*[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+(?:ar|er|ir)(?:se)?\b", re.MULTILINE)
PERSON: dict[tuple[str | None, str | None], str] = {
    ("1", "Sing"): "1sg",
    ("1", "Plur"): "1pl",
    ("3", "Sing"): "3sg",
    ("3", "Plur"): "3pl",
}


@dataclass
class Candidate:
    """A clause that may state a commitment, its actor and its features."""

    start: int
    end: int
    cue: str
    actor: str | None
    features: dict[str, float] = field(default_factory=dict)


@cache
def signal_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each signal of data/commitment_signals.csv and the pattern of its cues."""
    return tuple(
        (name, re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, cues))})(?!\w)", re.IGNORECASE))
        for name, cues in _signal_cues()
    )


@cache
def _signal_cues() -> tuple[tuple[str, tuple[str, ...]], ...]:
    by_signal: dict[str, list[str]] = {}
    for row in rows("commitment_signals"):
        by_signal.setdefault(row["signal"], []).append(row["cue"])
    return tuple((name, tuple(cues)) for name, cues in sorted(by_signal.items()))


@cache
def _lowered_cues() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((name, tuple(map(lowered, cues))) for name, cues in _signal_cues())


def signals_in(text: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The signal patterns that can match somewhere in `text`: those one of whose cues it
    holds (in lower case). The others are not searched candidate by candidate."""
    low = lowered(text)
    held = {name for name, cues in _lowered_cues() if any(c in low for c in cues)}
    return tuple((name, pattern) for name, pattern in signal_patterns() if name in held)


def _verbs(ctx: Context) -> Iterator[tuple[Token, str]]:
    """The tokens that may open a pledge and how they were found."""
    pledge_nouns = {fold(w) for w in words("commitment_pledge_nouns")}
    doc, tokens = ctx.doc, ctx.tokens
    n = len(tokens)
    futures = frozenset(ctx.futures)
    for i in range(n):
        form, lemma, text = tokens.folded[i], tokens.folded_lemma[i], tokens.text[i]
        if i in futures:
            yield doc[i], "future"
        elif (
            tokens.pos[i] in ("VERB", "AUX")
            and lemma.endswith(("ar", "er", "ir"))
            and form in (lemma + s for s in UNACCENTED_FUTURE)
            and text == text.lower()
            and not any(ch in text for ch in "áéíóú")
        ):
            yield doc[i], "unaccented_future"
        elif lemma == "ir" and "Pres" in tokens.feature(i, "Tense") and i + 1 < n:
            if (
                tokens.lower[i + 1] == "a"
                and i + 2 < n
                and "Inf" in tokens.feature(i + 2, "VerbForm")
            ):
                yield doc[i], "ir_a"
        elif form in pledge_nouns and tokens.pos[i] == "NOUN":
            window = range(i + 1, min(i + 8, n))
            if any("Inf" in tokens.feature(j, "VerbForm") for j in window):
                yield doc[i], "pledge_noun"


def _infinitive_items(ctx: Context) -> Iterator[tuple[int, str]]:
    """Offsets of lines (or list items) that open on a capitalised infinitive."""
    text = ctx.text
    for m in ITEM.finditer(text):
        word = re.match(r"[A-ZÁÉÍÓÚÑa-záéíóúñ]+", text[m.end() :])
        if word and re.fullmatch(r"\w+(?:ar|er|ir)(?:se)?", fold(word.group())):
            yield m.end(), "infinitive_item"
    for m in INFINITIVE_LINE.finditer(text):
        start = m.start() + len(m.group()) - len(m.group().lstrip())
        yield start, "infinitive_line"


def _verb_before(noun: Token, floor: int) -> int:
    """A pledge noun's span opens at the verb that states it ("afirma el compromiso de")."""
    for t in reversed(noun.doc[max(0, noun.i - 3) : noun.i]):
        if t.pos_ in ("VERB", "AUX") and t.idx >= floor:
            return t.idx
    return noun.idx


def _subject_start(token: Token, floor: int) -> int:
    """Where the verb's subject (or its "se") starts, if it is close and in its clause."""
    start = token.idx
    head = token.head if token.dep_ in ("aux", "cop") else token
    for child in head.children:
        if child.dep_.startswith("nsubj") and child.i < token.i:
            left = child.left_edge.idx
            if left >= floor and token.idx - left <= SUBJECT_REACH:
                start = min(start, left)
    prev = token.doc[token.i - 1] if token.i > 0 else None
    if prev is not None and fold(prev.text) in ("le", "les", "lo", "la", "los", "las"):
        prev = token.doc[token.i - 2] if token.i > 1 else None
    if prev is not None and fold(prev.text) in ("se", "nos", "me") and prev.idx >= floor:
        start = min(start, prev.idx)
    return start


def candidates(
    ctx: Context, taken: list[tuple[int, int]], terms: dict[str, str]
) -> list[Candidate]:
    """Every candidate clause no span in `taken` (the rules' commitments) overlaps, in text
    order, each with its features."""
    text, out = ctx.text, []
    seen: set[int] = set()
    # Where each person spaCy recognised ends (doc.ents builds its spans anew on every call).
    people = sorted(e.end_char for e in ctx.doc.ents if e.label_ == "PER")
    signals = signals_in(text)
    for token, via in _verbs(ctx):
        begin = token.idx
        floor = clause_start(text, begin)
        start = _verb_before(token, floor) if via == "pledge_noun" else _subject_start(token, floor)
        end = clause_end(text, begin, begin + len(token.text))
        out.append(_candidate(ctx, terms, start, begin, end, token, via, people, signals))
        seen.add(begin)
    for c in out:
        _context_features(c, taken, text)
    for begin, via in _infinitive_items(ctx):
        if begin in seen:
            continue
        seen.add(begin)
        end = clause_end(text, begin)
        out.append(_candidate(ctx, terms, begin, begin, end, None, via, people, signals))
        _context_features(out[-1], taken, text)
    out = [c for c in out if c.end - c.start > 8 and not any(_overlap(c, s) for s in taken)]
    return sorted(out, key=lambda c: c.start)


def _context_features(c: Candidate, taken: list[tuple[int, int]], text: str) -> None:
    """What the rules found around the candidate: a document whose rules read pledges states
    more of them, and a pledge in the same sentence is often coordinated with this one."""
    if taken:
        c.features["doc:rules_found"] = 1.0
    sentence = sentence_start(text, c.start)
    if any(sentence <= s < c.start or c.end <= s < c.end + 200 for s, _ in taken):
        c.features["near_rule_commitment"] = 1.0


def _overlap(c: Candidate, span: tuple[int, int]) -> bool:
    return c.start < span[1] and span[0] < c.end


def _candidate(
    ctx: Context,
    terms: dict[str, str],
    start: int,
    begin: int,
    end: int,
    token: Token | None,
    via: str,
    people: list[int],
    signals: tuple[tuple[str, re.Pattern[str]], ...],
) -> Candidate:
    text = ctx.text
    floor = clause_start(text, begin)
    subject = text[floor:begin]
    sentence = text[sentence_start(text, floor) : begin]
    term = term_subject(subject, terms) or term_subject(sentence[-120:], terms)
    actor = actor_in(ctx, subject, terms) or term
    f: dict[str, float] = {"bias": 1.0, f"via:{via}": 1.0}
    if token is not None:
        f.update(_verb_features(token, terms))
    if joint_subject_pattern().search(subject):
        f["subject:joint"] = 1.0
    elif term is not None:
        f["subject:term"] = 1.0
    elif actor is not None:
        f["subject:institution"] = 1.0
    elif token is not None and _person_subject(token, people):
        f["subject:person"] = 1.0
    elif not f.get("subject:noun"):
        f["subject:none"] = 1.0
    if RELATIVE.search(subject):
        f["relative_clause"] = 1.0
    if _inside_quotes(text, begin):
        f["inside_quotes"] = 1.0
    line_start = text.rfind("\n", 0, begin) + 1
    if not text[line_start:begin].strip(" \t-–•*"):
        f["opens_line"] = 1.0
    if ITEM.match(text, line_start):
        f["list_item"] = 1.0
    for name, pattern in signals:
        if pattern.search(sentence):
            f[f"signal:{name}"] = 1.0
        if pattern.search(text, begin, end):
            f[f"signal_after:{name}"] = 1.0
    kind = ctx.kind.kind if ctx.kind else "other_official"
    f[f"kind:{kind}"] = 1.0
    if terms:
        f["doc:defined_terms"] = 1.0
    where = begin / max(1, len(text))
    f["position:head" if where < 0.15 else "position:tail" if where > 0.85 else "position:body"] = 1
    if actor is not None:
        f["has_actor"] = 1.0
    span = text[start:end]
    if sum(ch.isalpha() for ch in span) < 0.7 * len(span.replace(" ", "")):
        f["not_prose"] = 1.0  # coordinates, tables, OCR noise
    length = end - start
    f["length:short" if length < 45 else "length:long" if length > 180 else "length:mid"] = 1.0
    if actor is None and (f.get("person:1pl") or f.get("person:1sg") or f.get("impersonal_se")):
        own = own_institution(ctx)
        actor = own.name if own else None
    return Candidate(start, end, token.text if token is not None else via, actor, f)


def _verb_features(token: Token, terms: dict[str, str]) -> dict[str, float]:
    doc, f = token.doc, {}
    lemma = fold(token.lemma_)
    weak = {fold(w) for w in words("commitment_weak_futures")}
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if lemma == "deber":
        f["lemma:deber"] = 1.0
    elif lemma == "haber" and nxt is not None and nxt.lower_ == "de":
        f["lemma:haber_de"] = 1.0
    elif lemma in weak:
        f[f"lemma:weak_{lemma}" if lemma in ("ser", "poder") else "lemma:weak"] = 1.0
    else:
        f["lemma:other"] = 1.0
    if lemma == "ser" and nxt is not None and "Part" in nxt.morph.get("VerbForm", []):
        f["passive"] = 1.0
    if nxt is not None and nxt.lower_.endswith("se") and "Inf" in nxt.morph.get("VerbForm", []):
        f["passive"] = 1.0  # "deberá publicarse"
    person = PERSON.get((_first(token, "Person"), _first(token, "Number")))
    if person:
        f[f"person:{person}"] = 1.0
    before = [fold(t.text) for t in doc[max(0, token.i - 3) : token.i]]
    if "se" in before[-2:]:
        f["impersonal_se"] = 1.0
    if any(w in NEGATION for w in before):
        f["negated"] = 1.0
    if any(w in ("le", "les") for w in before[-2:]):
        f["to_addressee"] = 1.0
    if token.dep_ == "ROOT" or (token.dep_ in ("aux", "cop") and token.head.dep_ == "ROOT"):
        f["main_clause"] = 1.0
    for child in (token.head if token.dep_ in ("aux", "cop") else token).children:
        if child.dep_.startswith("nsubj") and child.pos_ == "NOUN":
            f["subject:noun"] = 1.0
    return f


def _first(token: Token, key: str) -> str | None:
    values = token.morph.get(key, [])
    return values[0] if values else None


def _person_subject(token: Token, people: list[int]) -> bool:
    """A person is the verb's subject, or a recognised person ends within 40 characters before
    it (`people`: the sorted end offsets of the document's PER entities)."""
    head = token.head if token.dep_ in ("aux", "cop") else token
    if any(c.dep_.startswith("nsubj") and c.ent_type_ == "PER" for c in head.children):
        return True
    at = bisect_left(people, token.idx - 39)  # 0 < token.idx - end < 40
    return at < len(people) and people[at] < token.idx


def _inside_quotes(text: str, pos: int) -> bool:
    """Whether `pos` is inside a typographic quotation opened in its paragraph."""
    para = text.rfind("\n\n", 0, pos) + 1
    before = text[para:pos]
    opened = sum(before.count(q) for q in QUOTES_OPEN)
    closed = sum(before.count(q) for q in QUOTES_CLOSE)
    return opened > closed or before.count('"') % 2 == 1 and len(before) - before.rfind('"') > 40
