"""People: every named person with a stated role who does not sign the document: appositions
("Luis Mendoza, alcalde de ...", "el director general de X, Gerardo Clara"), attendee lists,
addressees (the name above "PRESENTE", or greeted), c.c.p. recipients and private people named
by a courtesy word or a relation (extractors/citizens.py). Once each, fullest name kept.
The other names spaCy recognises (prize winners, prose rolls, a diploma's recipient) go to a
trained scorer (people_candidates.py, data/scorers/people.json) that tells people from noise."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import cache

from extractors.citizens import private_people
from extractors.context import Context
from extractors.cues import rows, words
from extractors.institutions import normalise
from extractors.names import (
    NAME_RUN,
    cargo,
    extend_left,
    fullest_form,
    institution_in,
    looks_like_name,
    reads_as_words,
    role_modifiers,
    role_nouns,
    split_honorific,
)
from extractors.people_blocks import Found, addressees, copied
from extractors.people_candidates import Candidate, candidates, same_person
from extractors.people_lists import members, recipients, titled_lines
from extractors.people_prose import capacities, complemented, heads
from extractors.roles import best_name_start, role_end, role_starts, sure_name_starts
from extractors.scorer import Scorer, load
from extractors.signatories import institution_for
from models import Person, versions
from models.normalise import fold

NAME = versions.PEOPLE
SCORER = "people"  # data/scorers/people.json, written by `make train`
UNTITLED_ROLES = frozenset({"addressee", "member", "recipient"})
NAME_BEFORE = re.compile(rf"({NAME_RUN})[ \t]*,[ \t]*(?:(?:el|la|ex)[ \t]+)?$")
# A list line "- Mtra. Name Title ..." with no comma between the name and the title.
LIST_NAME = re.compile(rf"(?:^|\n)[ \t]*(?:[-•*·][ \t]*)?(?:[\w.]+\.[ \t]+)*({NAME_RUN})[ \t]+$")
AFFILIATION = re.compile(
    rf"(?:^|(?<=[,;:\n])|(?<=\sy\s)|(?<=[a-z]\s))[ \t]*(?P<who>(?:[\w.]+\.[ \t]+)*{NAME_RUN})"
    r"[ \t]*\((?P<body>[A-ZÁÉÍÓÚÑ][^()\n]{1,80})\)(?=[ \t]*[,;.\n]|[ \t]+y[ \t])"
)
# An honorific, a name and then a capitalised title with no comma between them.
TITLE_TAIL = re.compile(r"\b(?:de|del|de[ \t]+la|de[ \t]+los|y|e)[ \t]+$", re.IGNORECASE)
HONORIFIC_NAME = re.compile(rf"(?<![\w.])[\w.]+\.[ \t]+({NAME_RUN})[ \t]+$")
# After a title: a comma and an article before an honorific ("cuyo titular, el Mtro. Name").
HONORIFIC_GAP = re.compile(r"[ \t]*,?[ \t\n]*(?:(?:el|la)[ \t]+(?=[A-ZÁÉÍÓÚÑ]\w*\.))?")


@cache
def level_adjective() -> re.Pattern[str]:
    """A state's demonym or a level ("mexiquense", "estatal") closing a title before ", Name":
    "representante del Gobierno mexiquense, Name"."""
    forms = {r[g] for r in rows("state_demonyms") for g in ("masculine", "feminine")}
    forms |= set(words("institution_qualifiers"))
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"[ \t]+(?:{alternation})(?=,([ \t]*))", re.IGNORECASE)


def _persons(ctx: Context) -> frozenset[int]:
    """Start offsets of spaCy's person entities, and of names inside entities that swallowed
    the title before them ("Diputado Mario ...")."""
    ents = ctx.doc.ents  # doc.ents builds its spans anew on every call
    starts = {e.start_char for e in ents if e.label_ == "PER"}
    for e in ents:
        # The small model often reads a name after a title as MISC ("la alcaldesa Ana Ruiz").
        before = ctx.doc[e.start - 1] if e.start > 0 else None
        if (
            e.label_ == "MISC"
            and before is not None
            and before.text.lower() in role_nouns()
            and looks_like_name(e.text)
        ):
            starts.add(e.start_char)
        if e.label_ == "PER" and len(e) > 2 and e[0].text.lower() in role_nouns():
            starts.add(e[1].idx)
        # "(Esta tarde la) Presidenta Municipal Ana Ruiz" read as one place or one entity:
        # the name after the title words
        k = next((n for n, t in enumerate(e[:-2]) if t.text.lower() in role_nouns()), None)
        if k is None:
            continue
        k += 1
        while k < len(e) - 2 and e[k].text.lower() in role_modifiers():
            k += 1
        if looks_like_name(e[k:].text):
            starts.add(e[k].idx)
    return frozenset(starts)


def appositions(text: str, persons: frozenset[int]) -> Iterator[Found]:
    """ "Name, title" and "title, Name" / "title Name" around every role noun."""
    stops = sure_name_starts(text)
    for m in role_starts(text):
        end = role_end(text, m.end(), stops, persons)
        adjective = level_adjective().match(text, end)
        if adjective and adjective.end() + 1 + len(adjective.group(1)) in persons:
            end = adjective.end()  # "representante del Gobierno mexiquense, César Gómez"
        title = text[m.start() : end].strip(" ,;:.")
        before = NAME_BEFORE.search(text, max(0, m.start() - 90), m.start())
        if before and before.end() == m.start():
            found = _name_ending(text, before.start(1), before.end(1), persons)
            if found is not None:
                yield Found(found[1], found[0], title, "mentioned", found[2])
                continue
        listed = LIST_NAME.search(text, max(0, m.start() - 90), m.start())
        if listed and listed.end() == m.start() and m.group(0)[:1].isupper():
            found = _name_ending(text, listed.start(1), listed.end(1).__index__(), persons)
            # "Jefa del Departamento de Recursos Materiales    RECTOR": a name read after
            # "de" is the end of the title beside, not a person of a list.
            if found is not None and not TITLE_TAIL.search(text, listed.start(1), found[0]):
                name = found[1].rstrip()
                yield Found(name, found[0], title, "attendee", found[2])
                continue
        prior = HONORIFIC_NAME.search(text, max(0, m.start() - 90), m.start())
        if prior and prior.end() == m.start() and m.group(0)[:1].isupper():
            found = _name_ending(text, prior.start(1), prior.end(1), persons)
            if found is not None and found[2]:  # "Mtro. Name Director General del ..."
                yield Found(found[1].rstrip(), found[0], title, "mentioned", found[2])
                continue
        after = _name_after(text, end, persons)
        if after is not None:
            yield Found(after[1], after[0], title, "mentioned", after[2])


def _name_ending(
    text: str, start: int, end: int, persons: frozenset[int]
) -> tuple[int, str, str | None] | None:
    at = best_name_start(text, start, end, persons)
    if at is None:
        return None
    return at, text[at:end], _trailing_honorific(text, at)


def _trailing_honorific(text: str, at: int) -> str | None:
    """An honorific printed right before a name ("Arq. José ...")."""
    head = text[max(0, at - 16) : at].rstrip()
    word = head.split()[-1] if head.split() else ""
    honorific, rest, _ = split_honorific(word + " X")
    return honorific if honorific and rest == "X" else None


def _name_after(text: str, end: int, persons: frozenset[int]) -> tuple[int, str, str | None] | None:
    """A name right after a title ("el alcalde Luis Mendoza", "la titular, Mtra. Ana Ruiz")."""
    gap = HONORIFIC_GAP.match(text, end)
    pos = gap.end() if gap else end
    if "\n" in text[end:pos] and not re.match(r",[ \t]*\n[ \t]*(?:el|la)[ \t]", text[end:pos]):
        return None  # a wrapped line goes on the sentence only past "title,\nel Mtro."
    honorific, rest, offset = split_honorific(text[pos : pos + 120])
    m = re.match(NAME_RUN, rest)
    if not m:
        return None
    start = pos + offset
    name = m.group(0)
    comma = "," in text[end:pos]
    if not looks_like_name(name) or (start not in persons and not comma and not honorific):
        return None
    return start, name, honorific


def affiliated(text: str, persons: frozenset[int]) -> Iterator[Found]:
    """Names followed by the body they come from in brackets, as in lists of attendees
    ("Lic. Ana Ruiz Paz (CANACO), Ing. Luis Mora (Colegio de Ingenieros)")."""
    for m in AFFILIATION.finditer(text):
        honorific, rest, offset = split_honorific(m.group("who"))
        name = rest.strip()
        start = m.start("who") + offset
        if looks_like_name(name) and (honorific or start in persons):
            yield Found(name, start, None, "attendee", honorific, institution=m.group("body"))


def _tokens(name: str) -> frozenset[str]:
    return frozenset(t for t in fold(name).replace("-", " ").split() if len(t) > 2)


def _split_title(title: str | None, ctx: Context, cut: bool) -> tuple[str | None, str | None]:
    """The title (without the institution it names when `cut`) and the institution's name."""
    if not title:
        return None, None
    title = " ".join(title.split())
    found = institution_in(title, ctx.institutions)
    if found is None:
        return title, institution_for(title, [], ctx.institutions)
    if not cut:
        return title, _capitalised(found[1].name)
    return title[: found[0]].rstrip(" ,"), _capitalised(found[1].name)


def _body(printed: str, ctx: Context) -> str:
    """The catalogued name of a body printed beside a person, else as printed."""
    found = normalise(printed, ctx.institutions)
    return found.name if found is not None and found.catalog_id else printed


def _capitalised(name: str) -> str:
    """Institution names start with a capital even when printed in running text."""
    return name[:1].upper() + name[1:]


def _people(ctx: Context, found: list[Found], signers: list[str]) -> list[Person]:
    """One Person per individual, in order of first mention, without the signatories; the
    `found` listed first win the title when one person is found twice."""
    people: list[Person] = []
    fullest: dict[str, str] = {}  # each name looked for in the whole text once
    for f in found:
        honorific, rest, offset = split_honorific(" ".join(f.name.split()))
        if honorific and looks_like_name(rest):
            f = replace(f, name=rest, start=f.start + offset, honorific=honorific)
        at, name = extend_left(ctx.text, f.start, " ".join(f.name.split()))
        if name not in fullest:
            fullest[name] = fullest_form(name, ctx.text)
        f = replace(f, name=fullest[name], start=at)
        if any(same_person(f.name, s) for s in signers):
            continue
        if not f.honorific and reads_as_words(f.name):
            continue  # "FORMA PARTE": words of a sentence, no one's name
        twin = next((i for i, p in enumerate(people) if same_person(p.name, f.name)), None)
        if twin is not None:
            if len(_tokens(f.name)) > len(_tokens(people[twin].name)):  # not an OCR twin
                people[twin] = replace(people[twin], name=f.name)
            continue
        title, institution = _split_title(f.title, ctx, f.prose)
        institution = _body(f.institution, ctx) if f.institution else institution
        prov = ctx.prov(NAME, f.start, f.start + len(f.name))
        people.append(Person(f.name, title, institution, f.honorific, f.role, cargo(title), prov))
    return sorted(people, key=lambda p: p.prov.start if p.prov else 0)


def _colleagues(ctx: Context, people: list[Person], found: list[Found]) -> list[Person]:
    """People introduced in a sentence that mentions again an official introduced earlier share
    that official's institution when their own title names none."""
    sentences = [(s.start_char, s.end_char) for s in ctx.doc.sents]

    def sentence(offset: int) -> int:
        return next((i for i, (a, b) in enumerate(sentences) if a <= offset < b), -1)

    first = {p.name: sentence(p.prov.start) for p in people if p.prov}
    anchors: dict[int, str] = {}
    for f in found:
        owner = next((p for p in people if same_person(p.name, f.name)), None)
        n = sentence(f.start)
        if owner and owner.institution and first.get(owner.name, n) < n:
            anchors.setdefault(n, owner.institution)
    return [
        replace(p, institution=anchors.get(first[p.name]))
        if p.institution is None and p.prov and first[p.name] in anchors
        else p
        for p in people
    ]


def _rule_found(ctx: Context) -> list[Found]:
    """What the rules read: every named person with a stated role, as printed."""
    text = ctx.text
    persons = _persons(ctx)
    found = [*appositions(text, persons), *addressees(text), *copied(text)]
    found += [*titled_lines(text), *members(text), *recipients(text)]
    found += [*heads(text), *complemented(text), *capacities(text)]
    # Addressees, listed members and a constancia's recipient are named in a role even with
    # no title or honorific ("NAME" over "PRESENTE").
    found = [f for f in found if f.title or f.institution or f.role in UNTITLED_ROLES]
    found += affiliated(text, persons)
    found.sort(key=lambda f: f.start)
    # Private people last: an office printed beside the same name wins over "señora".
    found += sorted(
        (Found(p.name, p.start, p.title, p.role, p.honorific, False) for p in private_people(text)),
        key=lambda f: f.start,
    )
    return found


def rule_people(ctx: Context) -> list[Person]:
    """The people the rules read, once each, without the signatories."""
    found = _rule_found(ctx)
    return _colleagues(ctx, _people(ctx, found, [s.name for s in ctx.signatories]), found)


def scored_candidates(ctx: Context, people: list[Person]) -> list[Candidate]:
    """The names spaCy recognised that neither the rules' people nor the signatories are."""
    return candidates(ctx, [p.name for p in people] + [s.name for s in ctx.signatories])


def extract(ctx: Context, scorer: Scorer | None = None) -> tuple[Person, ...]:
    """Every named person who is not a signatory, once each: the rules' people, and the other
    names the trained scorer accepts (named with no role the rules read: role "mentioned"),
    completed like the rules' ("Pablo Pech" -> "Juan Pablo Pech Huchim" where printed so)."""
    scorer = scorer or load(SCORER)
    found = _rule_found(ctx)
    signers = [s.name for s in ctx.signatories]
    people = _colleagues(ctx, _people(ctx, found, signers), found)
    accepted = [
        Found(c.name, c.start, None, "mentioned", c.honorific)
        for c in scored_candidates(ctx, people)
        if scorer.accepts(c.features)
    ]
    if not accepted:
        return tuple(people)
    return tuple(_colleagues(ctx, _people(ctx, found + accepted, signers), found))
