"""Every cue in extractors/data/ says why it is general knowledge, or occurs in at least two dev
documents from different sources (scripts/audit_cues.py prints the full audit)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from extractors import cues
from extractors.cue_support import WHY, cue_files, cue_rows, folded, found_in, matcher
from extractors.readers import read_file
from models import ExpedienteError, normalise

MIN_DOCUMENTS = 2
MIN_SOURCES = 2


@pytest.mark.parametrize("path", cue_files(), ids=lambda p: p.name)
def test_every_cue_file_has_a_why_that_loaders_ignore(path: Path) -> None:
    if path.suffix == ".jsonl":
        lines = path.read_text(encoding="utf-8").splitlines()
        records = [json.loads(x) for x in lines if x.strip() and not x.startswith("#")]
        assert all(WHY in r for r in records)
        return
    header = next(x for x in path.read_text(encoding="utf-8").splitlines() if x[:1] != "#")
    columns = next(csv.reader([header]))
    assert columns[-1] == WHY and columns.count(WHY) == 1  # words() reads the first column
    rows = normalise.data_rows(path.stem) if path.parent == normalise.DATA else cues.rows(path.stem)
    assert all(None not in r for r in rows), "a row has more fields than columns"
    if path.parent == cues.DATA:
        assert cues.words(path.stem)[0] == next(iter(rows[0].values()))


def _sources(dev: Path) -> dict[str, str]:
    lines = (dev / "SOURCES.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return {x.split("\t")[1]: x.split("\t")[2].split(":")[0] for x in lines}


def _texts(dev: Path) -> dict[str, tuple[str, str]]:
    """File name -> (text, folded text) of every dev document readable without OCR (text files
    and PDF text layers; the scans need OCR, too slow for a test: their cues carry a why)."""
    out = {}
    for name in _sources(dev):
        try:
            text = read_file(dev / name, ocr=False).text
        except ExpedienteError:
            continue
        out[name] = (text, folded(text))
    return out


@pytest.mark.shared
def test_every_cue_without_why_occurs_in_two_documents_from_two_sources(
    dev_corpus: Path,
) -> None:
    source = _sources(dev_corpus)
    texts = _texts(dev_corpus)
    assert len(texts) > 50, "most dev documents have text without OCR"
    weak = []
    for path in cue_files():
        for row in cue_rows(path):
            if row.why:
                continue
            pattern = matcher(row)
            hits = (
                []
                if pattern is None
                else [n for n, t in texts.items() if found_in(row, pattern, *t)]
            )
            if len(hits) < MIN_DOCUMENTS or len({source[n] for n in hits}) < MIN_SOURCES:
                weak.append(f"{row.file}:{row.line} {row.label!r} in {hits}")
    assert not weak, "cues with no why and too little support:\n" + "\n".join(weak)
