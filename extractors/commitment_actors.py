"""The actor of a commitment: the institution, defined term or joint subject a subject phrase
names, or the document's own institution ("este Ayuntamiento", "quien suscribe")."""

from __future__ import annotations

import re
from functools import cache

from extractors import catalog
from extractors.commitment_terms import term_subject
from extractors.context import Context
from extractors.cues import words
from extractors.institution_mentions import head_words
from extractors.institutions import normalise
from models import Institution
from models.normalise import fold

OWN = re.compile(
    r"\b(?:este|éste|esta|ésta|nuestro|nuestra)\s+(\w+)|\bquien(?:es)? suscribe", re.IGNORECASE
)


@cache
def joint_subject_pattern() -> re.Pattern[str]:
    """Subjects naming both parties of an agreement, at the end of the subject phrase."""
    cues = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in words("commitment_joint_subjects"))
    return re.compile(rf"(?<!\w)(?:{cues})\s*$", re.IGNORECASE)


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
