"""The trained people scorer: its committed weights, the candidates (names spaCy recognised that
no people rule read) and their features, and how the people extractor uses it."""

from __future__ import annotations

import tomllib
from pathlib import Path

from extractors import Context, extract, people
from extractors.names import ends_in_verb, fullest_form, given_names, reads_as_words
from extractors.scorer import SCORERS, Scorer, load
from models import DocumentText, KindGuess

ROOT = Path(__file__).resolve().parents[2]
ACCEPT_ALL = Scorer("all", {"bias": 30.0})
ACCEPT_NONE = Scorer("none", {"bias": -30.0})
WINNERS = (
    "Tepetlán, Veracruz, 4 de marzo de 2024.\n\n"
    "Concluyó el torneo municipal de ajedrez en la casa de cultura. En la categoría infantil el "
    "primer lugar fue para Mariana López Herrera; el segundo sitio, para Jorge Ramírez Soto, y "
    "el tercero quedó en manos de Lucía Fernández Ortega.\n"
)


def context(text: str, nlp, kind: str = "press_release") -> Context:
    ctx = Context(DocumentText.from_text(text), nlp(text))
    ctx.kind = KindGuess(kind, "test")
    return ctx


def names(found) -> list[str]:
    return [p.name for p in found]


def test_committed_weights_load_with_the_configured_threshold() -> None:
    scorer = load(people.SCORER)
    config = tomllib.loads((ROOT / "training/config.toml").read_text(encoding="utf-8"))
    assert (SCORERS / "people.json").is_file()
    assert scorer.threshold == config["people"]["threshold"]
    assert scorer.weights["given:first"] > 0 > scorer.weights["given:none"]


def test_prize_winners_named_without_a_title_are_people() -> None:
    found = extract(DocumentText.from_text(WINNERS)).people
    assert {"Mariana López Herrera", "Jorge Ramírez Soto", "Lucía Fernández Ortega"} <= set(
        names(found)
    )
    winner = next(p for p in found if p.name == "Mariana López Herrera")
    assert (winner.role, winner.title, winner.institution) == ("mentioned", None, None)
    assert winner.prov is not None and WINNERS[winner.prov.start :].startswith("Mariana")


def test_the_rules_people_stand_and_a_scorer_that_accepts_nothing_adds_none(nlp) -> None:
    ctx = context(WINNERS, nlp)
    assert names(people.extract(ctx, scorer=ACCEPT_NONE)) == names(people.rule_people(ctx))
    assert "Mariana López Herrera" in names(people.extract(ctx, scorer=ACCEPT_ALL))


def test_candidates_skip_known_people_streets_and_towns(nlp) -> None:
    text = (
        "Ernesto Valdivia, director de Protección Civil, recorrió la calle Benito Juárez y la "
        "avenida Miguel Hidalgo Costilla del municipio de Francisco I. Madero con Ernesto "
        "Valdivia Ruiz y Ana Paula Méndez Ríos."
    )
    ctx = context(text, nlp)
    found = [c.name for c in people.scored_candidates(ctx, people.rule_people(ctx))]
    assert "Ana Paula Méndez Ríos" in found
    assert not {"Benito Juárez", "Miguel Hidalgo Costilla", "Francisco I. Madero"} & set(found)
    assert not any(n.startswith("Ernesto Valdivia") for n in found)  # the rules read him


def test_candidate_features_say_given_name_line_and_roll(nlp) -> None:
    ctx = context(WINNERS, nlp)
    features = {c.name: c.features for c in people.scored_candidates(ctx, [])}
    lucia = features["Lucía Fernández Ortega"]
    assert {"given:first", "words:3", "line:prose", "near_person", "kind:press_release"} <= set(
        lucia
    )


def test_a_capitals_headline_verb_is_no_surname() -> None:
    text = "SAN PEDRO, GUERRERO, 11 DE ABRIL DE 2018\nJOSÉ ANTONIO MEADE PRESENTÓ EL PROGRAMA"
    assert fullest_form("JOSÉ ANTONIO", text) == "JOSÉ ANTONIO MEADE"
    assert ends_in_verb("PRESENTÓ") and not ends_in_verb("ALBARRÁN")  # surnames end in "rán"


def test_given_names_are_folded() -> None:
    assert {"jose", "maria", "lucia"} <= given_names()


def test_a_run_of_dictionary_words_is_no_name() -> None:
    for phrase in ("PERMANENTE DE HACIENDA", "FORMA PARTE", "Código Penal Único"):
        assert reads_as_words(phrase), phrase
    for name in ("Peña Nieto", "Flores Campos", "Rosa Vega Luna", "Gérard Biaggioni"):
        assert not reads_as_words(name), name


def test_a_signature_line_of_title_words_is_no_signer() -> None:
    text = (
        "Tepetlán, Veracruz, 4 de marzo de 2024.\n\nSe aprobó el dictamen por unanimidad.\n\n"
        "ATENTAMENTE\n\nMTRA. ROSA VEGA LUNA\nPRESIDENTA DE LA COMISIÓN\n\n"
        "COMISIÓN PERMANENTE DE HACIENDA\n"
    )
    signers = [s.name for s in extract(DocumentText.from_text(text)).signatories]
    assert signers == ["ROSA VEGA LUNA"]
