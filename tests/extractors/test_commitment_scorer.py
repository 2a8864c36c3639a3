"""The trained commitment scorer: its committed weights, the candidates' features, and how the
commitments extractor uses it (the rules' readings stand; the scorer decides the rest)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from extractors import Context, commitments, institutions
from extractors.commitment_actors import institution_in
from extractors.commitment_candidates import Candidate
from extractors.commitment_terms import defined_terms
from extractors.scorer import SCORERS, Scorer, load
from models import DocumentText, KindGuess

ROOT = Path(__file__).resolve().parents[2]
LETTERHEAD = "H. Ayuntamiento Constitucional de Tepetlán\n\n"
ACCEPT_ALL = Scorer("all", {"bias": 30.0})
ACCEPT_NONE = Scorer("none", {"bias": -30.0})


def context(body: str, nlp, kind: str = "letter") -> Context:
    text = LETTERHEAD + body
    ctx = Context(DocumentText.from_text(text), nlp(text))
    ctx.kind = KindGuess(kind, "test")
    ctx.institutions = institutions.extract(ctx)
    return ctx


def candidates_of(ctx: Context) -> list[Candidate]:
    terms = defined_terms(ctx.text, lambda words: institution_in(ctx, words))
    return commitments.scored_candidates(ctx, commitments.rule_commitments(ctx, terms), terms)


def test_committed_weights_load_with_the_configured_threshold() -> None:
    scorer = load(commitments.SCORER)
    config = tomllib.loads((ROOT / "training/config.toml").read_text(encoding="utf-8"))
    assert (SCORERS / "commitments.json").is_file()
    assert scorer.threshold == config["commitments"]["threshold"]
    assert "bias" in scorer.weights and len(scorer.weights) > 10


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Asimismo, se reforzará la vigilancia en las escuelas primarias de la cabecera.",
            {"via:future", "impersonal_se", "kind:letter", "lemma:other", "person:3sg"},
        ),
        (
            "La empresa contratista deberá entregar la obra terminada a más tardar el 30 de junio.",
            {"via:future", "lemma:deber", "subject:noun", "signal_after:deadline"},
        ),
        (
            "Por lo anterior, le solicito se sirva informar si la Dirección de Obras entregará "
            "el dictamen.",
            {"via:future", "signal:instruction", "signal:conditional"},
        ),
        (
            # no verb states the noun: left to the scorer (a stated one is read by rule)
            "Con plena disposición para trabajar de manera coordinada con las organizaciones "
            "civiles, el municipio abrió la convocatoria.",
            {"via:pledge_noun"},
        ),
    ],
)
def test_candidate_features_name_their_signals(body: str, expected: set[str], nlp) -> None:
    found = candidates_of(context(body, nlp))
    assert len(found) == 1
    assert expected <= set(found[0].features)


def test_the_rules_commitments_stand_whatever_the_scorer_says(nlp) -> None:
    ctx = context(
        "Esta Dirección de Protección Civil revisará los inmuebles escolares del municipio. "
        "Asimismo, se reforzará la vigilancia en las escuelas primarias de la cabecera.",
        nlp,
    )
    rules = [c.text for c in commitments.extract(ctx, scorer=ACCEPT_NONE)]
    everything = [c.text for c in commitments.extract(ctx, scorer=ACCEPT_ALL)]
    assert rules == ["revisará los inmuebles escolares del municipio"]
    assert set(rules) < set(everything)


def test_a_pledge_noun_a_verb_states_stands_whatever_the_scorer_says(nlp) -> None:
    ctx = context(
        "Este Ayuntamiento reitera su disposición para trabajar de manera coordinada con las "
        "organizaciones civiles del municipio.",
        nlp,
    )
    span = (
        "reitera su disposición para trabajar de manera coordinada con las organizaciones "
        "civiles del municipio"
    )
    for scorer in (ACCEPT_NONE, load(commitments.SCORER)):
        found = commitments.extract(ctx, scorer=scorer)
        assert [c.text for c in found] == [span]
        assert found[0].actor == "H. Ayuntamiento Constitucional de Tepetlán"
    assert candidates_of(ctx) == []  # read by rule: no candidate left for the scorer


@pytest.mark.parametrize(
    "body",
    [
        "Por lo anterior, le solicito se sirva informar si la Dirección de Obras entregará "
        "el dictamen.",
        "Le solicito que a la brevedad nos informe la fecha en que se instalará la mesa "
        "de trabajo.",
    ],
)
def test_a_request_to_the_addressee_is_not_accepted(body: str, nlp) -> None:
    ctx = context(body, nlp)
    assert candidates_of(ctx)  # a candidate the scorer weighs, and rejects
    assert commitments.extract(ctx) == ()
