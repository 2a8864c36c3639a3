"""Searching: accents and case ignored, raw input never raises, filters alone and combined."""

from __future__ import annotations

from datetime import date

import pytest
import sqlite_utils

from archive import search
from archive.search import fts_query

from .conftest import LETTER, PRESS, sha


@pytest.mark.parametrize("query", ["mexico", "MÉXICO", "México", "méxico", "MEXICO"])
def test_accents_and_case_are_ignored(filled: sqlite_utils.Database, query: str) -> None:
    assert {r["id"] for r in search(filled, query)} == {sha(LETTER), sha(PRESS)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("transparen*", {sha(LETTER)}),
        ("gobierno abierto", {sha(PRESS)}),
        ("cuauhtlan", {sha(PRESS)}),  # in the title
        ("ochoa bravo", {sha(LETTER)}),  # a signatory's name
        ("informes comité", set()),  # every word must be there
        ("transparencia-municipal", {sha(LETTER)}),
    ],
)
def test_full_text(filled: sqlite_utils.Database, query: str, expected: set[str]) -> None:
    assert {r["id"] for r in search(filled, query)} == expected


@pytest.mark.parametrize(
    "query",
    [
        '"Benito',
        "AND OR (",
        "transparencia-municipal",
        "title:mexico",
        "*",
        "",
        "   ",
        "NEAR(a b)",
        "^inicio",
        "'; drop table documents; --",
        'a"b"c*',
        "--",
        "()*",
        "ñ*",
    ],
)
def test_hostile_queries_never_raise(filled: sqlite_utils.Database, query: str) -> None:
    results = search(filled, query)
    assert isinstance(results, list)
    assert filled["documents"].count == 2


@pytest.mark.parametrize(
    ("raw", "expression"),
    [
        ("transparen*", '"transparen"*'),
        ('"Benito', '"Benito"'),
        ("AND OR (", '"AND" "OR"'),
        ("title:mexico", '"title" "mexico"'),
        ("*", None),
        ("", None),
    ],
)
def test_fts_query_quotes_every_word(raw: str, expression: str | None) -> None:
    assert fts_query(raw) == expression


def test_snippet_marks_the_match_or_shows_the_start(filled: sqlite_utils.Database) -> None:
    [hit] = search(filled, "trimestrales")
    assert "[trimestrales]" in hit["snippet"]
    assert hit["signatories"] == [
        {
            "name": "MARÍA FERNANDA OCHOA BRAVO",
            "title": "Presidenta Municipal",
            "institution": "Ayuntamiento de San Mateo Atenco",
        }
    ]
    without_text = search(filled, kind="press_release")
    assert without_text[0]["snippet"].startswith("Alcaldía Cuauhtlán instala")


def test_results_carry_the_promised_keys(filled: sqlite_utils.Database) -> None:
    for result in search(filled):
        assert set(result) == {
            "id",
            "file",
            "kind",
            "date",
            "place",
            "title",
            "signatories",
            "snippet",
        }
    assert [r["date"] for r in search(filled)] == ["2024-04-03", "2023-06-12"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"signatory": "ochoa"}, {sha(LETTER)}),
        ({"signatory": "Maria Fernanda Ochoa Brabo"}, {sha(LETTER)}),  # a typo
        ({"signatory": "rosa quintana"}, set()),  # named, but does not sign
        ({"person": "rosa quintana"}, {sha(PRESS)}),
        ({"person": "MARÍA FERNANDA"}, {sha(LETTER)}),  # signatories are named too
        ({"institution": "codhem"}, {sha(LETTER)}),  # an acronym
        ({"institution": "alcaldia cuauhtlan"}, {sha(PRESS)}),
        ({"institution": "Ayuntamiento de San Mateo"}, {sha(LETTER)}),
        ({"kind": "press_release"}, {sha(PRESS)}),
        ({"kind": "other_official"}, set()),
        ({"since": date(2024, 1, 1)}, {sha(LETTER)}),
        ({"until": date(2023, 12, 31)}, {sha(PRESS)}),
        ({"since": date(2023, 6, 12), "until": date(2024, 4, 3)}, {sha(LETTER), sha(PRESS)}),
        ({"signatory": "ochoa", "kind": "letter", "since": date(2024, 4, 3)}, {sha(LETTER)}),
        ({"signatory": "ochoa", "kind": "press_release"}, set()),
        ({"institution": "codhem", "until": date(2024, 1, 1)}, set()),
        ({"signatory": "  "}, {sha(LETTER), sha(PRESS)}),  # a blank filter filters nothing
    ],
)
def test_filters_and_their_combinations(
    filled: sqlite_utils.Database, filters: dict[str, object], expected: set[str]
) -> None:
    assert {r["id"] for r in search(filled, None, **filters)} == expected  # type: ignore[arg-type]


def test_text_and_filters_combine(filled: sqlite_utils.Database) -> None:
    assert [r["id"] for r in search(filled, "mexico", kind="letter")] == [sha(LETTER)]
    assert search(filled, "mexico", person="rosa", since=date(2024, 1, 1)) == []


def test_limit(filled: sqlite_utils.Database) -> None:
    assert len(search(filled, limit=1)) == 1
    assert search(filled, limit=0) == []


def _signed(db: sqlite_utils.Database, n: int, signer: str, body: str, acronym: str | None) -> str:
    from pathlib import Path

    from archive import store_document
    from models import Dateline, DocumentText, Extraction, Institution, KindGuess, Signatory

    extraction = Extraction(
        kind=KindGuess("letter", "test"),
        dateline=Dateline(date(2024, 2, n), None),
        signatories=(Signatory(signer, title="Presidenta Municipal", institution=body),),
        institutions=(Institution(body, acronym=acronym),),
    )
    return store_document(
        db,
        sha256=f"{n:064x}",
        path=Path(f"/inbox/{n}.txt"),
        document=DocumentText.from_text(f"Oficio {n}, firmado por {signer}."),
        extraction=extraction,
    )


@pytest.fixture()
def signed(db: sqlite_utils.Database) -> dict[str, str]:
    """Three documents: two signed by one person printed two ways, one by a similar name."""
    body = "Instituto de Transparencia del Estado de Tlaxcala"
    return {
        "full": _signed(db, 1, "LIC. ROMINA CONTRERAS CARRASCO", body, "ITET"),
        "caps": _signed(db, 2, "Romina Contreras Carrasco", "ITET", "ITET"),
        "other": _signed(db, 3, "Romualdo Contreras Ruiz", "Secretaría de Turismo", None),
    }


@pytest.mark.parametrize(
    "query",
    [
        "Romina Contreras",
        "romina contreras carrasco",
        "ROMINA CONTRERÁS",
        "Lic. Romina Contreras",
        "Romina Contreas",  # a typo
        "Rom Contreras Carr",  # words started
    ],
)
def test_signatory_search_forgives(
    db: sqlite_utils.Database, signed: dict[str, str], query: str
) -> None:
    assert {r["id"] for r in search(db, signatory=query)} == {signed["full"], signed["caps"]}


def test_signatory_search_ranks_the_closest_name_first(
    db: sqlite_utils.Database, signed: dict[str, str]
) -> None:
    ids = [r["id"] for r in search(db, signatory="contreras")]
    assert set(ids) == set(signed.values())
    closest = [r["id"] for r in search(db, signatory="Romualdo Contreras")]
    assert closest == [signed["other"]]


@pytest.mark.parametrize(
    "query", ["ITET", "itet", "Instituto de Transparencia de Tlaxcala", "transparencia tlaxcala"]
)
def test_institution_by_acronym_or_long_name(
    db: sqlite_utils.Database, signed: dict[str, str], query: str
) -> None:
    assert {r["id"] for r in search(db, institution=query)} == {signed["full"], signed["caps"]}


def test_name_index_follows_changes_to_the_archive(
    db: sqlite_utils.Database, signed: dict[str, str]
) -> None:
    from archive import rename_person
    from archive.search import match_names

    assert search(db, signatory="Presidenta Romina") == []
    [(person, score)] = match_names(db, "person", "romina contreras carrasco")
    assert score == 100.0
    rename_person(db, person, "Romina Contreras Carrasco (presidenta)")
    assert len(search(db, signatory="Romina presidenta")) == 2
    assert search(db, signatory="Nadia Zamudio") == []


@pytest.fixture()
def many(db: sqlite_utils.Database) -> list[str]:
    """Six letters all naming "Contreras", archived in order (oldest first), two signers."""
    return [
        _signed(
            db,
            n,
            "Romina Contreras Carrasco" if n % 2 else "Romualdo Contreras Ruiz",
            "Instituto de Transparencia del Estado de Tlaxcala",
            None,
        )
        for n in range(1, 7)
    ]


def test_common_words_rank_only_the_newest_candidates(
    db: sqlite_utils.Database, many: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    module = sys.modules["archive.search"]
    everything = {r["id"] for r in search(db, "contreras")}
    assert everything == set(many)
    monkeypatch.setattr(module, "CANDIDATES", 3)
    assert {r["id"] for r in search(db, "contreras")} == set(many[-3:])
    # the bound counts documents that pass the filters, so filters still find older ones
    romina = {r["id"] for r in search(db, "contreras", signatory="romina contreras")}
    assert romina == {many[0], many[2], many[4]}
    assert {r["id"] for r in search(db, "contreras", until=date(2024, 2, 2))} == set(many[:2])


def test_every_result_gets_its_own_snippet_and_signatories(
    db: sqlite_utils.Database, many: list[str]
) -> None:
    results = search(db, "oficio firmado")
    assert {r["id"] for r in results} == set(many)
    for result in results:
        number = result["file"].removesuffix(".txt")
        assert result["snippet"].startswith(f"[Oficio] {number}, [firmado]")
        [signer] = result["signatories"]
        assert signer["name"] in result["snippet"].replace("[", "").replace("]", "")


def test_name_filters_order_by_closeness_then_newest(
    db: sqlite_utils.Database, many: list[str]
) -> None:
    results = search(db, signatory="Romualdo Contreras")
    assert [r["id"] for r in results] == [many[5], many[3], many[1]]
    dates = [r["date"] for r in search(db, signatory="contreras")]
    assert dates == sorted(dates, reverse=True) and len(dates) == 6


@pytest.mark.parametrize("length", [0, 10, 199, 200, 201, 799, 800, 801, 5000])
def test_lead_is_the_flattened_start_of_any_length(db: sqlite_utils.Database, length: int) -> None:
    import sys

    lead = sys.modules["archive.search"]._lead
    text = ("Oficio  \n" * (length // 9 + 1))[:length]
    flat = " ".join(text.split())
    expected = flat if len(flat) <= 200 else flat[:200].rstrip() + "…"
    assert lead(text) == expected
