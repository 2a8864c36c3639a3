"""Checks on the project's own samples (samples/): their gold, their PDFs, their generator."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pdfplumber
import pytest
from PIL import ImageStat

from models import KINDS, SUPPORTED_SUFFIXES

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
NOT_SAMPLES: set[str] = set()  # samples/ holds documents only: `make demo` ingests it whole
FIELDS = ("id", "kind", "date", "place", "signatories", "people", "institutions", "commitments")


def load_make_pdfs() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_sample_pdfs", SAMPLES.parent / "scripts" / "make_sample_pdfs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MAKE_PDFS = load_make_pdfs()
EXPECTED: dict[str, dict[str, Any]] = {
    record["id"]: record
    for record in map(
        json.loads,
        (Path(__file__).parent / "samples_expected.jsonl").read_text("utf-8").splitlines(),
    )
}


def squash(text: str) -> str:
    """Case-folded, with every run of whitespace made one space (line wrapping ignored)."""
    return " ".join(text.casefold().split())


def sample_files() -> dict[str, Path]:
    files = sorted(SAMPLES.iterdir())
    return {p.stem: p for p in files if p.is_file() and p.name not in NOT_SAMPLES}


def source_text(doc_id: str) -> str:
    """The text a sample was written as: its own file, or the .txt a PDF was rendered from."""
    path = sample_files()[doc_id]
    return (MAKE_PDFS.SOURCE if path.suffix == ".pdf" else path).read_text("utf-8")


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_every_sample_has_gold_and_every_gold_has_a_sample() -> None:
    files = sample_files()
    assert set(files) == set(EXPECTED)
    assert len(files) == len({p.name for p in files.values()})  # ids are unique stems
    assert all(p.suffix in SUPPORTED_SUFFIXES for p in files.values())
    assert {EXPECTED[i]["file"] for i in files} == {p.name for p in files.values()}


def test_samples_cover_the_kinds_the_task_needs() -> None:
    kinds = [r["kind"] for r in EXPECTED.values()]
    assert kinds.count("press_release") >= 3
    assert kinds.count("letter") + kinds.count("other_official") >= 3
    assert {p.suffix for p in sample_files().values()} >= {".txt", ".md", ".pdf"}


@pytest.mark.parametrize("doc_id", sorted(EXPECTED))
def test_gold_follows_the_schema(doc_id: str) -> None:
    record = EXPECTED[doc_id]
    assert all(field in record for field in FIELDS)
    assert record["kind"] in KINDS
    if record["date"] is not None:
        dt.date.fromisoformat(record["date"])
    for field in ("signatories", "people"):
        assert all(set(p) == {"name", "title", "institution"} and p["name"] for p in record[field])
    assert all(set(i) == {"name", "acronym"} and i["name"] for i in record["institutions"])
    assert all(set(c) == {"actor", "text"} and c["text"] for c in record["commitments"])
    signers = {squash(s["name"]) for s in record["signatories"]}
    assert signers.isdisjoint(squash(p["name"]) for p in record["people"])


@pytest.mark.parametrize("doc_id", sorted(EXPECTED))
def test_gold_values_are_printed_in_the_sample(doc_id: str) -> None:
    """Names, titles, institutions and commitment spans are verbatim (case and wrapping aside)."""
    record, text = EXPECTED[doc_id], squash(source_text(doc_id))
    persons = record["signatories"] + record["people"]
    printed = [p["name"] for p in persons]
    printed += [part for p in persons if p["title"] for part in p["title"].split("; ")]
    printed += [i["name"] for i in record["institutions"]]
    printed += [i["acronym"] for i in record["institutions"] if i["acronym"]]
    printed += [c["text"] for c in record["commitments"]]
    assert [value for value in printed if squash(value) not in text] == []
    if record["place"]:
        assert squash(record["place"]) in text


def test_markdown_sample_has_front_matter_and_bold() -> None:
    text = sample_files()["comunicado_metepec_reforestacion"].read_text("utf-8")
    front_matter = re.match(r"---\n(.*?)\n---\n", text, re.DOTALL)
    assert front_matter is not None
    assert "date: 2024-07-06" in front_matter.group(1).splitlines()
    assert re.search(r"\*\*[^*\n]+\*\*", text)


def test_text_layer_pdf_holds_its_source_letter() -> None:
    text = pdf_text(SAMPLES / MAKE_PDFS.TEXT_PDF)
    source = MAKE_PDFS.SOURCE.read_text("utf-8")
    assert squash(text) == squash(source)
    lines = {line.strip() for line in text.splitlines()}
    for key in (
        "Metepec, Estado de México, a 14 de marzo de 2024.",
        "Oficio No. PM/UT/0187/2024",
        "LIC. HÉCTOR ALONSO CONTRERAS BAEZA",
        "P R E S E N T E",
    ):
        assert key in source
        assert key in lines


def test_image_only_pdf_has_no_text_layer_and_its_pages_are_images() -> None:
    with pdfplumber.open(SAMPLES / MAKE_PDFS.SCAN_PDF) as pdf:
        assert len(pdf.pages) >= 1
        for page in pdf.pages:
            assert page.chars == []
            assert (page.extract_text() or "").strip() == ""
            assert len(page.images) == 1
            image = page.images[0]
            assert image["width"] == pytest.approx(page.width, abs=1)
            assert image["height"] == pytest.approx(page.height, abs=1)
            assert image["srcsize"][0] >= 8.5 * 200 - 1  # at least 200 dpi


def test_committed_pdfs_stay_small() -> None:
    for name in (MAKE_PDFS.TEXT_PDF, MAKE_PDFS.SCAN_PDF):
        assert (SAMPLES / name).stat().st_size < 300_000


def test_make_pdfs_is_deterministic_and_matches_the_committed_pdfs(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    assert MAKE_PDFS.main(["--out", str(first)]) == 0
    assert MAKE_PDFS.main(["--out", str(second)]) == 0
    for name in (MAKE_PDFS.TEXT_PDF, MAKE_PDFS.SCAN_PDF):
        assert (first / name).read_bytes() == (second / name).read_bytes()
    assert pdf_text(first / MAKE_PDFS.TEXT_PDF) == pdf_text(SAMPLES / MAKE_PDFS.TEXT_PDF)
    assert page_pixels(first / MAKE_PDFS.SCAN_PDF) == pytest.approx(
        page_pixels(SAMPLES / MAKE_PDFS.SCAN_PDF), abs=1.0
    )


def page_pixels(path: Path) -> list[float]:
    """Size and mean grey level of each page image: equal whatever JPEG encoder wrote them."""
    out: list[float] = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            image = page.to_image(resolution=50).original.convert("L")
            out += [*image.size, ImageStat.Stat(image).mean[0]]
    return out


@pytest.mark.shared
def test_no_sample_line_is_copied_from_the_dev_corpus(dev_corpus: Path) -> None:
    """Long lines of the samples do not occur in the dev documents (public bodies' names aside)."""
    corpus = "\n".join(
        squash(p.read_text("utf-8", errors="replace")) for p in sorted(dev_corpus.glob("*.txt"))
    )
    names = [squash(i["name"]) for r in EXPECTED.values() for i in r["institutions"]]
    long_lines = {
        squash(line)
        for doc_id in EXPECTED
        for line in source_text(doc_id).splitlines()
        if len(line.strip()) >= 40
    }
    own_lines = {line for line in long_lines if not any(line in name for name in names)}
    assert len(own_lines) > 50
    assert sorted(line for line in own_lines if line in corpus) == []
