"""Signatories: who signs the document, from its signature blocks (after a closing formula) and
gazette signatures ("Title, Name.- Rúbrica."), with the honorific split off, the title as
printed, the institution (normalised when the catalogues know it) and the capacity."""

from __future__ import annotations

from extractors.context import Context
from extractors.cues import fold
from extractors.institutions import normalise
from extractors.names import cargo, institution_in, role_honorifics
from extractors.signature_block import Entry, closing_blocks, gazette_signatures
from models import Institution, Signatory

NAME = "signatories.v1"
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


def extract(ctx: Context) -> tuple[Signatory, ...]:
    """Every signer of the document, once each, in reading order."""
    entries = sorted(
        [*closing_blocks(ctx.text), *gazette_signatures(ctx.text)], key=lambda e: e.start
    )
    seen: set[str] = set()
    out: list[Signatory] = []
    for entry in entries:
        key = " ".join(fold(entry.name).split())
        if key not in seen:
            seen.add(key)
            out.append(_signatory(ctx, entry))
    return tuple(out)
