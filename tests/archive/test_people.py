"""Archivists' decisions (merge, split, rename) and the list of canonical people."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlite_utils

from archive import (
    apply_decisions,
    list_people,
    merge_people,
    rename_person,
    search,
    split_person,
    store_document,
)
from archive.people import decisions, person_id
from models import ArchiveError, Dateline, DocumentText, Extraction, KindGuess, Person, Signatory

BODY = "Ayuntamiento de Tlalmanalco"


def store(
    db: sqlite_utils.Database,
    n: int,
    signer: str,
    *,
    title: str | None = "Presidenta Municipal",
    body: str | None = BODY,
    named: tuple[str, ...] = (),
    day: dt.date | None = None,
) -> str:
    """Store invented document n, signed by `signer`, naming `named`; returns its id."""
    text = f"Oficio {n}. Firma {signer}. " + " ".join(named)
    extraction = Extraction(
        kind=KindGuess("letter", "test"),
        dateline=Dateline(day or dt.date(2024, 1, n), None),
        signatories=(Signatory(signer, title=title, institution=body),),
        people=tuple(Person(p, role="addressee") for p in named),
    )
    return store_document(
        db,
        sha256=f"{n:064x}",
        path=Path(f"/inbox/oficio-{n}.txt"),
        document=DocumentText.from_text(text),
        extraction=extraction,
    )


def pid(db: sqlite_utils.Database, folded: str) -> str:
    return str(db.execute("select id from people where folded = ?", [folded]).fetchone()[0])


def signer_of(db: sqlite_utils.Database, doc_id: str) -> str:
    sql = "select person_id from signatories where document_id = ?"
    return str(db.execute(sql, [doc_id]).fetchone()[0])


def test_merge_moves_documents_and_aliases_and_survives_restoring(
    db: sqlite_utils.Database,
) -> None:
    first = store(db, 1, "Lucía Ibarra Soto")
    second = store(db, 2, "Lucy Ibarra", body="Municipio de Tlalmanalco", title="Alcaldesa")
    lucia, lucy = signer_of(db, first), signer_of(db, second)
    assert lucia != lucy  # different enough: no evidence to join them
    assert merge_people(db, lucy, lucia) == lucia
    assert {signer_of(db, first), signer_of(db, second)} == {lucia}
    assert db.execute("select count(*) from people where id = ?", [lucy]).fetchone()[0] == 0
    store(db, 2, "Lucy Ibarra", body="Municipio de Tlalmanalco", title="Alcaldesa")  # again
    assert signer_of(db, second) == lucia
    store(db, 3, "LUCY IBARRA", body=None, title=None)  # a new document printing the alias
    assert signer_of(db, f"{3:064x}") == lucia
    [record] = list_people(db, "lucia ibarra")
    assert {a["printed"] for a in record["aliases"]} >= {"Lucía Ibarra Soto", "Lucy Ibarra"}
    assert record["documents"] == 3


def test_split_moves_an_alias_out_and_survives_restoring(db: sqlite_utils.Database) -> None:
    first = store(db, 1, "Gerardo Peña Ortiz")
    second = store(db, 2, "Gerardo Pena Ortis")  # a typo: resolved to the same person
    person = signer_of(db, first)
    assert signer_of(db, second) == person
    new = split_person(db, person[:8], "GERARDO PEÑA ORTIS")  # printed differently: folds alike
    assert new != person and signer_of(db, second) == new and signer_of(db, first) == person
    store(db, 2, "Gerardo Pena Ortis")  # re-stored, the split holds
    assert signer_of(db, second) == new
    store(db, 1, "Gerardo Peña Ortiz")
    assert signer_of(db, first) == person
    assert [d["action"] for d in decisions(db)] == ["split"]


def test_split_of_the_canonical_name_renames_what_remains(db: sqlite_utils.Database) -> None:
    store(db, 1, "Gerardo Peña Ortiz")
    store(db, 2, "Gerardo Pena Ortis")
    person = pid(db, "gerardo pena ortiz")
    split_person(db, person, "Gerardo Peña Ortiz")
    remaining = db.execute("select name from people where id = ?", [person]).fetchone()[0]
    assert remaining == "Gerardo Pena Ortis"


def test_rename_is_kept_when_fuller_names_arrive(db: sqlite_utils.Database) -> None:
    doc = store(db, 1, "Romina Contreras Carrasco")
    person = signer_of(db, doc)
    rename_person(db, person, "Romina Contreras Carrasco (presidenta 2022-2024)")
    store(db, 1, "Romina Contreras Carrasco")
    # Same institution and title: the fuller name joins her, and would otherwise grow the name.
    fuller = store(db, 2, "LIC. ROMINA CONTRERAS CARRASCO VALDÉS")
    name = db.execute("select name from people where id = ?", [person]).fetchone()[0]
    assert name == "Romina Contreras Carrasco (presidenta 2022-2024)"
    assert signer_of(db, fuller) == person
    assert {r["id"] for r in search(db, signatory="presidenta 2022")} == {doc, fuller}


def test_apply_decisions_replays_without_changing_what_holds(db: sqlite_utils.Database) -> None:
    store(db, 1, "Lucía Ibarra Soto")
    store(db, 2, "Lucy Ibarra", body="Municipio de Tlalmanalco", title="Alcaldesa")
    merge_people(db, pid(db, "lucy ibarra"), pid(db, "lucia ibarra soto"))
    assert apply_decisions(db) == 0
    # A re-extraction that lost the merged row's links is repaired by the replay.
    lost = "0123456789abcdef"
    db.execute(
        "insert into people (id, name, folded) select ?, 'Lucy Ibarra', 'lucy ibarra'", [lost]
    )
    db.execute("update signatories set person_id = ? where document_id = ?", [lost, f"{2:064x}"])
    db.execute(
        "insert into decisions (action, kind, subject_id, target_id) values "
        "('merge', 'person', ?, ?)",
        [lost, pid(db, "lucia ibarra soto")],
    )
    assert apply_decisions(db) == 1
    assert signer_of(db, f"{2:064x}") == pid(db, "lucia ibarra soto")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda db, p: merge_people(db, p, p), "itself"),
        (lambda db, p: merge_people(db, p, "ffff"), "no person"),
        (lambda db, p: split_person(db, p, "Nadie Conocido"), "not a name"),
        (lambda db, p: split_person(db, p, "Lucía Ibarra Soto"), "only name"),
        (lambda db, p: rename_person(db, p, "  "), "blank"),
        (lambda db, p: person_id(db, ""), "no person"),
    ],
)
def test_bad_decisions_are_refused(db: sqlite_utils.Database, call: object, message: str) -> None:
    store(db, 1, "Lucía Ibarra Soto")
    with pytest.raises(ArchiveError, match=message):
        call(db, pid(db, "lucia ibarra soto"))  # type: ignore[operator]
    assert decisions(db) == []


def test_people_list_titles_over_time_institutions_and_counts(db: sqlite_utils.Database) -> None:
    store(db, 1, "Ernesto Vallejo Ríos", title="Director de Obras", day=dt.date(2021, 3, 2))
    store(db, 2, "ERNESTO VALLEJO RÍOS", title="Director de Obras", day=dt.date(2022, 7, 9))
    store(
        db, 3, "Ernesto Vallejo Ríos", title="Secretario del Ayuntamiento", day=dt.date(2023, 1, 5)
    )
    store(db, 4, "Irma Solís Gámez", named=("Ernesto Vallejo Ríos",))
    [ernesto] = list_people(db, "Ernesto Valejo")  # a typo
    assert ernesto["documents"] == 4 and ernesto["signed"] == 3
    assert [(t["title"], t["first"], t["last"], t["documents"]) for t in ernesto["titles"]] == [
        ("Director de Obras", "2021-03-02", "2022-07-09", 2),
        ("Secretario del Ayuntamiento", "2023-01-05", "2023-01-05", 1),
    ]
    assert [(i["name"], i["documents"]) for i in ernesto["institutions"]] == [(BODY, 3)]
    counts = {a["printed"]: a["documents"] for a in ernesto["aliases"]}
    assert counts == {"Ernesto Vallejo Ríos": 3, "ERNESTO VALLEJO RÍOS": 1}
    everyone = list_people(db)
    assert [p["name"] for p in everyone][0] == "Ernesto Vallejo Ríos"  # most documented first
    assert len(everyone) == 2 and list_people(db, "nadie parecido") == []


def test_storing_joins_a_shorter_name_only_with_evidence(db: sqlite_utils.Database) -> None:
    first = signer_of(db, store(db, 1, "LIC. ROMINA CONTRERAS CARRASCO"))
    same_office = signer_of(db, store(db, 2, "Romina Contreras"))
    elsewhere = signer_of(
        db,
        store(
            db, 3, "Romina Contreras", title="Directora de Catastro", body="Ayuntamiento de Tepic"
        ),
    )
    assert same_office == first  # same institution and cargo: one person
    assert elsewhere != first  # similar name, no shared evidence: not merged
