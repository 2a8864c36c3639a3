"""Signatories: who signs the document, from its signature blocks (after a closing formula) and
gazette signatures ("Title, Name.- Rúbrica."), with the honorific split off, the title as
printed, the institution (normalised when the catalogues know it) and the capacity."""

from __future__ import annotations

from extractors.context import Context
from extractors.institutions import normalise
from extractors.names import (
    cargo,
    fullest_form,
    institution_in,
    reads_as_words,
    whole_elsewhere,
)
from extractors.scorer import Scorer, load
from extractors.signatory_candidates import Candidate, candidates, same_signer
from extractors.signature_block import Entry
from models import Institution, Signatory, versions
from models.normalise import fold, role_honorifics

NAME = versions.SIGNATORIES
SCORER = "signatories"  # data/scorers/signatories.json, written by `make train`
MUNICIPAL_CARGOS = frozenset(
    {
        "presidencia municipal",
        "sindicatura municipal",
        "sindicatura",
        "regiduría",
        "secretaría del ayuntamiento",
    }
)


def _municipal_body(known: tuple[Institution, ...]) -> str | None:
    """The document's own ayuntamiento or alcaldía, for municipal titles that do not name it."""
    for inst in known:
        key = fold(inst.name)
        if "ayuntamiento" in key or key.startswith("alcaldia") or key.startswith("municipio"):
            return inst.name
    return None


def institution_for(
    title: str | None, lines: list[str | None], known: tuple[Institution, ...]
) -> str | None:
    """The institution of a signer: named in the title, else on a line under it or a heading
    above the signers, else the document's ayuntamiento for municipal titles."""
    if title:
        found = institution_in(title, known)
        if found is not None:
            return found[1].name
    for line in lines:
        if line:
            inst = normalise(line, known)
            if inst is None:
                inside = institution_in(" de " + line, known)
                inst = inside[1] if inside else None
            if inst is not None:
                return inst.name
    if cargo(title) in MUNICIPAL_CARGOS:
        return _municipal_body(known)
    return None


def _signatory(ctx: Context, entry: Entry) -> Signatory:
    title = entry.title
    if title is None and entry.honorific and fold(entry.honorific) in role_honorifics():
        title = entry.honorific
    lines = [entry.institution_line, entry.group]
    return Signatory(
        name=entry.name,
        title=title,
        institution=institution_for(title, lines, ctx.institutions),
        honorific=entry.honorific,
        capacity=entry.capacity,
        cargo=cargo(title),
        prov=ctx.prov(NAME, entry.start, entry.end),
    )


def printed_name(candidate: Candidate, text: str) -> str:
    """The name as the signatory is stored: its fullest form in the text (a layout table's
    cell never grows into the next column), or the whole of it printed elsewhere in the
    document when the signature lost words under ink."""
    entry = candidate.entry
    name = entry.name if "table" in candidate.sources else fullest_form(entry.name, text)
    return whole_elsewhere(name, text, (entry.start, entry.end))


def extract(ctx: Context, scorer: Scorer | None = None) -> tuple[Signatory, ...]:
    """Every signer of the document, once each, in reading order: the signers the signature
    rules read, and the other names the trained scorer accepts."""
    scorer = scorer or load(SCORER)
    chosen = [c for c in candidates(ctx) if c.read_by_rules or scorer.accepts(c.features)]
    out: list[Entry] = []
    for c in chosen:
        c.entry.name = printed_name(c, ctx.text)
        if not c.entry.honorific and reads_as_words(c.entry.name):
            continue  # "PERMANENTE DE HACIENDA": a title's words on a line of their own
        if not any(same_signer(c.entry.name, e.name) for e in out):
            out.append(c.entry)
    return tuple(_signatory(ctx, e) for e in sorted(out, key=lambda e: e.start))
