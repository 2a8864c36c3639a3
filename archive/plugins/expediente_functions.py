"""Datasette plugin: the archive's SQL functions on every Datasette connection, so canned
queries can fold names and rank them by closeness (loaded through Datasette's plugins_dir)."""

from __future__ import annotations

import sqlite3

from datasette import hookimpl
from rapidfuzz import fuzz

from archive.folding import name_matches
from models.normalise import fold_person, fold_words


def similarity(query: str | None, name: str | None) -> float:
    """How close `name` is to the searched `query`, 0-100, ignoring case, accents, punctuation
    and honorifics; a query that is part of the name ("Ochoa") scores as a whole match does."""
    wanted, folded = fold_person(query), fold_person(name)
    if not wanted or not folded:
        return 0.0
    return round(float(fuzz.WRatio(wanted, folded)), 1)


def _name_matches(query: str | None, name: str | None) -> int:
    return int(name_matches(query, name))


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    """fold(text) (models.normalise.fold_words), fold_person(text), similarity(query, name),
    name_matches(query, name)."""
    conn.create_function("fold", 1, fold_words, deterministic=True)
    conn.create_function("fold_person", 1, fold_person, deterministic=True)
    conn.create_function("similarity", 2, similarity, deterministic=True)
    conn.create_function("name_matches", 2, _name_matches, deterministic=True)
