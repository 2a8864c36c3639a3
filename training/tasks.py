"""What each trained scorer decides, for training: its candidates' features and labels from a
gold record, and the extractor's value for a document with a given scorer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from extractors import commitments, institutions, people, signatories
from extractors.context import Context
from extractors.institution_candidates import candidates as institution_candidates
from extractors.scorer import Scorer
from extractors.signatory_candidates import candidates


@dataclass(frozen=True)
class Task:
    name: str  # the scorer's name: its config section and weights file
    field: str  # the Context field (and extractor) it decides
    examples: Callable[[Context, dict, ModuleType], list[tuple[dict[str, float], bool]]]
    extract: Callable[[Context, Scorer], Any]


def signatory_examples(
    ctx: Context, gold: dict, score: ModuleType
) -> list[tuple[dict[str, float], bool]]:
    """Each name no signature rule read, labelled by whether its stored name matches a gold
    signer by score.py's own name match."""
    names = [g["name"] for g in gold.get("signatories", [])]
    out: list[tuple[dict[str, float], bool]] = []
    for c in candidates(ctx):
        if c.read_by_rules:
            continue
        name = signatories.printed_name(c, ctx.text)
        out.append((c.features, any(score.name_score(name, g) >= 85 for g in names)))
    return out


# -- institutions: the scorer picks the found names that are noise -------------------------


def institution_examples(
    ctx: Context, gold: dict, score: ModuleType
) -> list[tuple[dict[str, float], bool]]:
    """Each found institution the catalogues do not know, labelled True (noise) unless score.py's
    one-to-one match of all found institutions against the gold pairs it with a gold one."""
    found, sources = institutions.found_institutions(ctx)
    cands = institution_candidates(ctx, found, sources)
    pred = [{"name": c.institution.name, "acronym": c.institution.acronym} for c in cands]
    pairs = score.match(pred, gold.get("institutions", []), score.institution_score, 85)
    matched = {i for i, _ in pairs}
    return [(c.features, n not in matched) for n, c in enumerate(cands) if not c.stands]


def people_examples(
    ctx: Context, gold: dict, score: ModuleType
) -> list[tuple[dict[str, float], bool]]:
    """Each recognised name no people rule read, labelled by whether score.py's name match
    pairs it with a gold person the rules' people left unmatched."""
    rules = people.rule_people(ctx)
    gold_people = gold.get("people", [])
    pred = [{"name": p.name} for p in rules]
    matched = {j for _, j in score.match(pred, gold_people, _name_match(score), 85)}
    free = [g["name"] for j, g in enumerate(gold_people) if j not in matched]
    return [
        (c.features, any(score.name_score(c.name, g) >= 85 for g in free))
        for c in people.scored_candidates(ctx, rules)
    ]


def _name_match(score: ModuleType) -> Callable[[dict, dict], float]:
    return lambda p, g: score.name_score(p.get("name"), g.get("name"))


# -- the tasks ------------------------------------------------------------------------------


def commitment_examples(
    ctx: Context, gold: dict, score: ModuleType
) -> list[tuple[dict[str, float], bool]]:
    """Each candidate clause no commitment rule read, labelled by whether its span matches a
    gold commitment the rules' spans left unmatched, by score.py's own span match (>= 85)."""
    terms = commitments.defined_terms(ctx.text, lambda w: commitments.institution_in(ctx, w))
    rules = commitments.rule_commitments(ctx, terms)
    gold_spans = gold.get("commitments", [])
    matched = score.match([{"text": c.text} for c in rules], gold_spans, score.commitment_score, 85)
    free = [g for j, g in enumerate(gold_spans) if j not in {j for _, j in matched}]
    out: list[tuple[dict[str, float], bool]] = []
    for c in commitments.scored_candidates(ctx, rules, terms):
        text = {"text": ctx.text[c.start : c.end].rstrip(" ,")}
        out.append((c.features, any(score.commitment_score(text, g) >= 85 for g in free)))
    return out


TASKS: tuple[Task, ...] = (
    Task(
        signatories.SCORER,
        "signatories",
        signatory_examples,
        lambda ctx, scorer: signatories.extract(ctx, scorer=scorer),
    ),
    Task(
        institutions.SCORER,
        "institutions",
        institution_examples,
        lambda ctx, scorer: institutions.extract(ctx, scorer=scorer),
    ),
    Task(
        people.SCORER,
        "people",
        people_examples,
        lambda ctx, scorer: people.extract(ctx, scorer=scorer),
    ),
    Task(
        commitments.SCORER,
        "commitments",
        commitment_examples,
        lambda ctx, scorer: commitments.extract(ctx, scorer=scorer),
    ),
)
