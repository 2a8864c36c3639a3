"""Signatories: who signs the document, from its signature blocks (after a closing formula) and
gazette signatures ("Title, Name.- Rúbrica."), with the honorific split off, the title as
printed, the institution (normalised when the catalogues know it) and the capacity."""

from __future__ import annotations

from collections.abc import Iterator

from extractors.context import Context
from extractors.cues import pattern
from extractors.gazette import gazette_signatures, signing_lists
from extractors.institutions import normalise
from extractors.names import (
    NAME_RE,
    cargo,
    fullest_form,
    honorific_starts,
    institution_in,
    looks_like_name,
    split_honorific,
)
from extractors.signature_block import Entry, closing_blocks, formula_re
from extractors.signature_layout import table_signers
from extractors.signature_runs import name_title_runs
from models import Institution, Signatory
from models.normalise import OCR_NAME_RATIO, OCR_WORD_RATIO, fold, role_honorifics, same_name

NAME = "signatories.v1"
REPRESENTED = pattern("on_behalf")
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


def acta_attendees(text: str) -> Iterator[Entry]:
    """The people an acta names as present ("se reunieron los C.C. Ing. Name, Title; ..."), with
    an honorific, up to the paragraph's end; never one a present person represents."""
    for m in formula_re("attending").finditer(text):
        stop = text.find("\n\n", m.end())
        stop = min(stop if stop >= 0 else len(text), m.end() + 1500)
        for at in honorific_starts(text[m.end() : stop]):
            if REPRESENTED.search(text[max(0, m.end() + at - 30) : m.end() + at]):
                continue
            honorific, rest, offset = split_honorific(text[m.end() + at : stop])
            run = NAME_RE.match(rest)
            words = run.group(0).split() if run and honorific else []
            while len(words) > 2 and not looks_like_name(" ".join(words)):
                words.pop()
            if looks_like_name(" ".join(words)):
                start = m.end() + at + offset
                yield Entry(" ".join(words), start, start + len(" ".join(words)), honorific)


def extract(ctx: Context) -> tuple[Signatory, ...]:
    """Every signer of the document, once each, in reading order."""
    text = ctx.text
    entries = sorted(
        [*closing_blocks(text), *gazette_signatures(text), *signing_lists(text)],
        key=lambda e: e.start,
    )
    cells = list(table_signers(ctx.document))  # read as columns: they win over line readings
    entries[:0] = cells
    from_cells = {id(e) for e in cells}
    if formula_re("signing_all").search(text):
        entries.extend(acta_attendees(text))
    formulas = [m.end() for m in formula_re("closing", "signing", "signing_all").finditer(text)]
    press = ctx.kind is not None and ctx.kind.kind == "press_release"
    entries.extend(name_title_runs(text, formulas, last_only=press))
    out: list[Entry] = []
    fullest: dict[str, str] = {}  # each name looked for in the whole text once
    for entry in entries:
        if entry.name not in fullest:
            fullest[entry.name] = fullest_form(entry.name, text)
        if id(entry) not in from_cells:  # a cell's name never grows into the next column
            entry.name = fullest[entry.name]
        if not any(_same_signer(entry.name, e.name) for e in out):
            out.append(entry)
    return tuple(_signatory(ctx, e) for e in sorted(out, key=lambda e: e.start))


def _same_signer(a: str, b: str) -> bool:
    """One signer found twice: a name in the other, OCR slips, or one name read twice by OCR."""
    return same_name(
        a,
        b,
        min_ratio=OCR_NAME_RATIO,
        word_ratio=OCR_WORD_RATIO,
        contained=True,
        reread=True,
        cut_words=True,
    )
