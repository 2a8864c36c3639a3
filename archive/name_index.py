"""Folded-name keys that let the Resolver look up only the candidates a name could match.

`name_keys` holds, for every person alias, each word of its folded name long enough to make a
candidate (key kind "word", ref = the alias's rowid), and for every canonical institution the
trigrams of its folded name with its words sorted (kind "gram") and its folded acronym (kind
"acronym"), ref = the institution's rowid; `name_key_counts` says how many institutions
hold each trigram. Lookups join back to aliases/institutions, so a key
left behind by a deleted row finds nothing; code that changes folded names in bulk (a
migration refolding them, redaction) calls rebuild()."""

from __future__ import annotations

import sqlite_utils

from models.normalise import fold_words

CANDIDATE_WORD = 3  # words shorter than this ("de", initials) never make a name a candidate
TABLE = "name_keys"
LOOKUP = f"idx_{TABLE}_lookup"  # named in look-ups: SQLite's planner would scan by kind
COUNTS = "name_key_counts"  # how many institutions hold each trigram: rare ones are looked up

__all__ = [
    "CANDIDATE_WORD",
    "TABLE",
    "create",
    "grams",
    "index_alias",
    "index_institution",
    "index_person",
    "rebuild",
]


def candidate_words(folded: str) -> list[str]:
    """The words of a folded name that make it a candidate, in order, repeats kept."""
    return [w for w in folded.split() if len(w) >= CANDIDATE_WORD]


def sorted_tokens(folded: str) -> str:
    """The string rapidfuzz's token_sort_ratio compares: the words sorted."""
    return " ".join(sorted(folded.split()))


def grams(folded: str) -> set[str]:
    """The distinct trigrams of a folded name with its words sorted."""
    text = sorted_tokens(folded)
    return {text[i : i + 3] for i in range(len(text) - 2)}


def create(db: sqlite_utils.Database) -> None:
    """The keys table and its lookup index (kind, key, ref)."""
    db.execute(f"CREATE TABLE IF NOT EXISTS [{TABLE}] (kind TEXT, key TEXT, ref INTEGER)")
    db.execute(f"CREATE INDEX IF NOT EXISTS [{LOOKUP}] ON [{TABLE}] (kind, key, ref)")
    db.execute(f"CREATE INDEX IF NOT EXISTS [idx_{TABLE}_ref] ON [{TABLE}] (kind, ref)")
    db.execute(
        f"CREATE TABLE IF NOT EXISTS [{COUNTS}] (kind TEXT, key TEXT, n INTEGER, "
        "PRIMARY KEY (kind, key))"
    )


def index_alias(db: sqlite_utils.Database, rowid: int, folded: str) -> None:
    """Keys for one person alias (replacing any left under its rowid by a deleted row)."""
    db.execute(f"delete from [{TABLE}] where kind = 'word' and ref = ?", [rowid])
    rows = [("word", word, rowid) for word in sorted(set(candidate_words(folded)))]
    db.conn.executemany(f"insert into [{TABLE}] (kind, key, ref) values (?, ?, ?)", rows)


def index_institution(db: sqlite_utils.Database, rowid: int, folded: str, acronym: str) -> None:
    """Keys for one canonical institution (its trigrams; its acronym, folded, when it has one)."""
    # By its ref index: without statistics SQLite reads every gram through the lookup index
    # (kind = 'gram' only), a scan of the whole key table for each institution created.
    db.execute(
        f"update [{COUNTS}] set n = n - 1 where kind = 'gram' and key in "
        f"(select key from [{TABLE}] indexed by [idx_{TABLE}_ref] where kind = 'gram' and ref = ?)",
        [rowid],
    )
    db.execute(f"delete from [{TABLE}] where kind in ('gram', 'acronym') and ref = ?", [rowid])
    rows = [("gram", gram, rowid) for gram in sorted(grams(folded))]
    db.conn.executemany(
        f"insert into [{COUNTS}] (kind, key, n) values ('gram', ?, 1) "
        "on conflict (kind, key) do update set n = n + 1",
        [(gram,) for _, gram, _ in rows],
    )
    if acronym:
        rows.append(("acronym", acronym, rowid))
    db.conn.executemany(f"insert into [{TABLE}] (kind, key, ref) values (?, ?, ?)", rows)


def index_person(db: sqlite_utils.Database, entity_id: str) -> None:
    """Keys for every alias of one person (after a merge moved aliases to it)."""
    sql = "select rowid, folded from aliases where kind = 'person' and entity_id = ?"
    for rowid, folded in db.execute(sql, [entity_id]).fetchall():
        index_alias(db, rowid, folded or "")


def rebuild(db: sqlite_utils.Database) -> None:
    """Every key computed again from aliases and institutions as they are now."""
    create(db)
    db.execute(f"delete from [{TABLE}]")
    db.execute(f"delete from [{COUNTS}]")
    aliases = "select rowid, folded from aliases where kind = 'person' order by rowid"
    for rowid, folded in db.execute(aliases).fetchall():
        index_alias(db, rowid, folded or "")
    bodies = "select rowid, folded, acronym from institutions order by rowid"
    for rowid, folded, acronym in db.execute(bodies).fetchall():
        index_institution(db, rowid, folded or "", fold_words(acronym))
