"""Long texts parsed in pieces keep their text and offsets; one document's failed extraction is
that document's result, not the batch's."""

from __future__ import annotations

import pytest

import extractors
from extractors import Extractor, extract, extract_many
from extractors.context import Context
from extractors.parse import parse_all, pieces
from models import DocumentText, Extraction, ExtractionError, ExtractionFailure

PARAGRAPH = (
    "El H. Ayuntamiento de Metepec informa que la Dirección de Obras Públicas concluyó la "
    "rehabilitación de la calle Hidalgo.\nLa obra costó $1,200,000.00 y se entregó el 3 de "
    "mayo de 2024.\n\n"
)
LETTER = """H. AYUNTAMIENTO DE VILLA ALTA
Villa Alta, Oaxaca; 3 de abril de 2024

Por medio del presente le solicito el informe trimestral de obra.

ATENTAMENTE

LIC. NORMA YÁÑEZ PRIETO
PRESIDENTA MUNICIPAL
"""


@pytest.mark.parametrize(
    "text",
    [
        PARAGRAPH * 40,  # paragraphs
        PARAGRAPH.replace("\n", " ") * 40,  # one long line of sentences
        "Oficio de prueba " * 300,  # words, no sentence end
        "x" * 5000,  # no boundary at all: cut mid-word
    ],
    ids=["paragraphs", "one-line", "words", "no-boundary"],
)
def test_pieces_join_back_into_the_text_and_stay_under_the_size(text: str) -> None:
    parts = pieces(text, 700)
    assert "".join(parts) == text
    assert len(parts) > 1
    assert all(0 < len(part) <= 700 for part in parts)


def test_pieces_end_after_a_paragraph_when_there_is_one() -> None:
    parts = pieces(PARAGRAPH * 40, 700)
    assert all(part.endswith("\n\n") for part in parts[:-1])


def test_a_text_parsed_in_pieces_is_one_doc_with_the_original_offsets(nlp) -> None:
    text = PARAGRAPH * 40
    (doc,) = parse_all(nlp, [text], piece_chars=700)
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)
    assert all(text[e.start_char : e.end_char] == e.text for e in doc.ents)
    assert len(list(doc.sents)) >= 80


def test_parse_all_keeps_order_and_parses_short_texts_whole(nlp) -> None:
    texts = ["Primero.", PARAGRAPH * 20, "Tercero."]
    docs = list(parse_all(nlp, texts, piece_chars=700))
    assert [d.text for d in docs] == texts
    assert docs[0].to_json() == nlp("Primero.").to_json()


def _boom(ctx: Context) -> None:
    if "BOOM" in ctx.text:
        raise KeyError("clave rota")


def test_a_failing_extractor_fails_only_its_document(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = (*extractors.REGISTRY[:2], Extractor("boom.v1", "title", _boom))
    monkeypatch.setattr(extractors, "REGISTRY", broken)
    documents = [DocumentText.from_text(LETTER), DocumentText.from_text(LETTER + "BOOM")]

    good, bad = extract_many(documents)

    assert isinstance(good, Extraction) and good.versions[-1] == "boom.v1"
    assert bad == ExtractionFailure(
        "boom.v1 failed: KeyError: 'clave rota'", "boom.v1", extractors.DIGEST
    )
    assert bad.to_record("x")["error"] == bad.reason
    with pytest.raises(ExtractionError, match="boom.v1 failed"):
        extract(documents[1])
