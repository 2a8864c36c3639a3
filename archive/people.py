"""Archivists' decisions on people: merge two, split an alias out of one, rename one.

Each decision is recorded in the `decisions` table and applied at once; the Resolver follows
them (merged ids, pinned aliases, kept names) whenever a document is stored again, and
apply_decisions() replays them all, so they survive re-ingest and re-extraction."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from archive import name_index
from archive.resolve import split_id
from models import ArchiveError
from models.normalise import fold_person

MENTION_TABLES = ("signatories", "document_people")


def person_id(db: sqlite_utils.Database, ref: str) -> str:
    """The id of the person `ref` names: a full id or a unique prefix of one."""
    ref = ref.strip()
    rows = db.execute(
        "select id from people where id = ? or id like ? escape '\\' limit 2",
        [ref, ref.replace("%", "\\%").replace("_", "\\_") + "%"],
    ).fetchall()
    exact = [r[0] for r in rows if r[0] == ref]
    if exact:
        return exact[0]
    if not rows or not ref:
        raise ArchiveError(f"no person with id {ref!r}: see `expediente people`")
    if len(rows) > 1:
        raise ArchiveError(f"{ref!r} starts more than one person's id: give more of it")
    return str(rows[0][0])


def _record(db: sqlite_utils.Database, action: str, subject: str, **values: str | None) -> None:
    db.table("decisions").insert(
        {
            "action": action,
            "kind": "person",
            "subject_id": subject,
            "target_id": values.get("target_id"),
            "alias": values.get("alias"),
            "name": values.get("name"),
            "decided_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
    )


def _apply_merge(db: sqlite_utils.Database, source: str, target: str) -> None:
    for table in MENTION_TABLES:
        db.execute(f"update [{table}] set person_id = ? where person_id = ?", [target, source])
    db.execute(
        "insert or ignore into aliases (kind, entity_id, printed, folded, pinned) "
        "select kind, ?, printed, folded, 1 from aliases where kind = 'person' and entity_id = ? "
        "union select 'person', ?, name, folded, 1 from people where id = ?",
        [target, source, target, source],
    )
    db.execute("delete from aliases where kind = 'person' and entity_id = ?", [source])
    db.execute("delete from people where id = ?", [source])
    if db.table(name_index.TABLE).exists():  # the target's new aliases are found by their words
        name_index.index_person(db, target)


def merge_people(db: sqlite_utils.Database, source_ref: str, target_ref: str) -> str:
    """Merge person `source` into person `target` (its documents and aliases move; the source
    id is retired and followed from then on); returns the target's id."""
    source, target = person_id(db, source_ref), person_id(db, target_ref)
    if source == target:
        raise ArchiveError("a person cannot be merged into itself")
    with db.atomic():
        _record(db, "merge", source, target_id=target)
        _apply_merge(db, source, target)
    return target


def _aliases_folding_as(db: sqlite_utils.Database, person: str, folded: str) -> list[str]:
    sql = "select printed from aliases where kind = 'person' and entity_id = ? and folded = ?"
    return [r[0] for r in db.execute(sql, [person, folded])]


def _best_remaining_name(db: sqlite_utils.Database, person: str) -> tuple[str, str] | None:
    row = db.execute(
        "select a.printed, a.folded from aliases a where a.kind = 'person' and a.entity_id = ? "
        "order by length(a.folded) desc, a.rowid limit 1",
        [person],
    ).fetchone()
    return (row[0], row[1]) if row else None


def _apply_split(db: sqlite_utils.Database, person: str, alias: str) -> str | None:
    """Move `alias` (every printing that folds like it) out of `person` into a new person;
    the new id, or None when the person holds no such alias (already applied)."""
    folded = fold_person(alias)
    printed = _aliases_folding_as(db, person, folded)
    if not printed:
        return None
    new = split_id(person, folded)
    db.table("people").insert({"id": new, "name": printed[0], "folded": folded}, ignore=True)
    for table in MENTION_TABLES:
        rows = db.execute(f"select rowid, name from [{table}] where person_id = ?", [person])
        moving = [rowid for rowid, name in rows.fetchall() if fold_person(name) == folded]
        for rowid in moving:
            db.execute(f"update [{table}] set person_id = ? where rowid = ?", [new, rowid])
    db.execute(
        "update aliases set entity_id = ?, pinned = 1 "
        "where kind = 'person' and entity_id = ? and folded = ?",
        [new, person, folded],
    )
    left = _best_remaining_name(db, person)
    current = db.execute("select folded from people where id = ?", [person]).fetchone()
    if left and current and current[0] == folded:
        db.table("people").update(person, {"name": left[0], "folded": left[1]})
    return new


def split_person(db: sqlite_utils.Database, ref: str, alias: str) -> str:
    """Split the alias `alias` (as printed; case, accents and honorifics ignored) out of the
    person `ref` into a new person; returns the new person's id."""
    person = person_id(db, ref)
    folded = fold_person(alias)
    known = db.execute(
        "select count(distinct folded) from aliases where kind = 'person' and entity_id = ?",
        [person],
    ).fetchone()[0]
    if not _aliases_folding_as(db, person, folded):
        raise ArchiveError(f"{alias!r} is not a name of person {person}")
    if known < 2:
        raise ArchiveError(f"{alias!r} is the only name of person {person}: nothing to split")
    with db.atomic():
        _record(db, "split", person, alias=alias)
        new = _apply_split(db, person, alias)
    return str(new)


def rename_person(db: sqlite_utils.Database, ref: str, name: str) -> str:
    """Give person `ref` the canonical name `name` (kept whatever documents print later)."""
    person = person_id(db, ref)
    name = " ".join(name.split())
    if not fold_person(name):
        raise ArchiveError("a person's name cannot be blank")
    with db.atomic():
        _record(db, "rename", person, name=name)
        db.table("people").update(person, {"name": name, "folded": fold_person(name)})
    return person


def decisions(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Every decision taken, oldest first."""
    return [dict(r) for r in db.query("select * from decisions order by id")]


def apply_decisions(db: sqlite_utils.Database) -> int:
    """Replay every decision in order (after a re-extraction, say); decisions already in
    effect change nothing. Returns how many changed something."""
    changed = 0
    with db.atomic():
        for decision in decisions(db):
            subject = decision["subject_id"]
            if decision["action"] == "merge":
                if db.execute("select 1 from people where id = ?", [subject]).fetchone():
                    _apply_merge(db, subject, decision["target_id"])
                    changed += 1
            elif decision["action"] == "split":
                changed += _apply_split(db, subject, decision["alias"]) is not None
            elif decision["action"] == "rename":
                folded = fold_person(decision["name"])
                cursor = db.execute(
                    "update people set name = ?, folded = ? where id = ? and name != ?",
                    [decision["name"], folded, subject, decision["name"]],
                )
                changed += cursor.rowcount > 0
    return changed
