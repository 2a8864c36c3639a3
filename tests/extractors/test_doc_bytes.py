"""The models' records survive a Doc's bytes (what nlp.pipe sends to worker processes)."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc
from spacy.vocab import Vocab

import extractors.doc_bytes as doc_bytes
from models import Dateline, DateMention, DocumentText, Page, Provenance, WordBox


def test_records_dates_and_bytes_come_back_as_they_were() -> None:
    prov = Provenance("dates.v1", 1, 0, 10, 0.5)
    dateline = Dateline(
        dt.date(2024, 4, 3),
        "Villa Alta",
        "3 de abril",
        prov,
        (DateMention(dt.date(2024, 4, 3), "3 de abril", "dateline", prov),),
    )
    page = Page(
        1,
        "Villa Alta",
        "tesseract",
        words=(WordBox("Villa", 1, 9.5, 3, 4, 90.0),),
        layer_pdf=b"%PDF-1.4",
    )
    document = DocumentText.from_pages([page], warnings=("aviso",))
    doc = Doc(Vocab(), words=["Villa", "Alta"])
    doc._.source, doc._.dateline = document, dateline

    back = Doc(Vocab()).from_bytes(doc.to_bytes())

    assert back._.dateline == dateline and back._.dateline.mentions[0].value == dt.date(2024, 4, 3)
    assert back._.source == document
    assert back._.source.pages[0].words == page.words  # not compared by Page's ==
    assert back._.source.pages[0].layer_pdf == b"%PDF-1.4"


def test_only_the_models_records_are_rebuilt() -> None:
    assert doc_bytes.decode(
        {doc_bytes.RECORD: "Provenance", "extractor": "x", "page": 1, "start": 0, "end": 1}
    ) == Provenance("x", 1, 0, 1)
    stranger = {doc_bytes.RECORD: "Path", "args": ["/etc"]}
    assert doc_bytes.decode(stranger) == stranger
    assert doc_bytes.decode({doc_bytes.RECORD: "__class__"}) == {doc_bytes.RECORD: "__class__"}
