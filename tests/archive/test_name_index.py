"""Resolution through the folded-name keys decides as the full load per document did."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlite_utils

from archive import (
    Resolver,
    merge_people,
    open_archive,
    rename_person,
    resolve,
    split_person,
    store_document,
)
from archive.name_index import rebuild
from tests.archive.resolution_set import documents, path_of, snapshot

# What the Resolver that loaded every person, institution and alias per document made of
# resolution_set.documents() (captured before the keys replaced it).
EXPECTED = Path(__file__).parent / "data" / "resolution_expected.json"


def _store_all(db: sqlite_utils.Database, *, batch: int | None) -> None:
    docs = documents()
    resolver = None
    for n, (sha, doc, extraction) in enumerate(docs):
        if batch and n % batch == 0:
            resolver = Resolver(db)  # one per batch, as flows/pipeline.store makes
        store_document(
            db,
            sha256=sha,
            path=path_of(sha),
            document=doc,
            extraction=extraction,
            resolver=resolver,
        )


def test_keys_resolve_as_the_full_load_did(tmp_path: Path) -> None:
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    for batch in (None, 25):
        db = open_archive(tmp_path / f"{batch}.db")
        _store_all(db, batch=batch)
        assert snapshot(db) == expected, f"batch {batch}"
        db.close()


@pytest.mark.parametrize("common", [0, 1, 3])
def test_leaving_common_trigrams_out_finds_the_same_institutions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, common: int
) -> None:
    """The look-up by rarer trigrams (and by the rarest when that bound is empty) is exact:
    with nearly every trigram counted as common, resolution is still the same."""
    monkeypatch.setattr(resolve, "COMMON_GRAM", common)
    db = open_archive(tmp_path / "a.db")
    _store_all(db, batch=25)
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert snapshot(db) == expected
    db.close()


def test_rebuilt_keys_equal_the_kept_ones(tmp_path: Path) -> None:
    db = open_archive(tmp_path / "a.db")
    _store_all(db, batch=40)
    keys = "select kind, key, ref from name_keys order by kind, key, ref"
    kept = db.execute(keys).fetchall()
    rebuild(db)
    assert db.execute(keys).fetchall() == kept and len(kept) > 300


def test_decisions_hold_when_a_batch_stores_again(tmp_path: Path) -> None:
    db = open_archive(tmp_path / "a.db")
    _store_all(db, batch=50)
    people = db.execute(
        "select entity_id, count(distinct folded) n from aliases where kind = 'person' "
        "group by entity_id order by n desc, entity_id"
    ).fetchall()
    many, other, renamed = people[0][0], people[1][0], people[2][0]
    short = db.execute(
        "select printed from aliases where entity_id = ? order by length(folded) limit 1",
        [many],
    ).fetchone()[0]
    split = split_person(db, many, short)
    merge_people(db, other, renamed)
    rename_person(db, renamed, "Nombre Decidido Por Archivo")
    before = snapshot(db)
    _store_all(db, batch=50)  # every document stored again, batch by batch
    after = snapshot(db)
    assert after == before
    ids = {r[0] for r in after["people"]}
    assert split in ids and other not in ids and many in ids
    assert db.execute("select name from people where id = ?", [renamed]).fetchone()[0] == (
        "Nombre Decidido Por Archivo"
    )
    db.close()


def test_a_merged_persons_aliases_are_found_by_their_words(tmp_path: Path) -> None:
    db = open_archive(tmp_path / "a.db")
    _store_all(db, batch=50)
    source, target = (r[0] for r in db.execute("select id from people order by id limit 2"))
    merge_people(db, source, target)
    aliases = "select rowid, folded from aliases where kind = 'person' and entity_id = ?"
    keyed = "select key from name_keys where kind = 'word' and ref = ? order by key"
    for rowid, folded in db.execute(aliases, [target]).fetchall():
        words = sorted({w for w in folded.split() if len(w) >= 3})
        assert [r[0] for r in db.execute(keyed, [rowid])] == words, folded
    kept = db.execute("select kind, key, ref from name_keys").fetchall()
    rebuild(db)
    assert set(db.execute("select kind, key, ref from name_keys").fetchall()) <= set(kept)
