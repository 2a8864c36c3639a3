"""Searching the archive: full text (accents and case ignored) plus filters on who and when.

Name filters (signatory, person, institution) forgive: the query is matched against the small
tables of canonical names and aliases (folded, honorifics dropped, a typo per word tolerated),
then documents are fetched by the matching ids through indexes, closest names first."""

from __future__ import annotations

import bisect
import re
from datetime import date
from typing import Any

import sqlite_utils
from rapidfuzz import fuzz, process

from archive.folding import MIN_TYPO_WORD, WORD_TYPO_RATIO, fold, fold_person

# A word as FTS5's unicode61 tokenizer sees it, with an optional trailing * for prefix search.
_TERM = re.compile(r"(\w+)(\*?)")
SNIPPET_OPEN, SNIPPET_CLOSE = "[", "]"
SNIPPET_TOKENS = 16
LEAD_CHARS = 200
PREFIX_SCORE = 95.0  # "contr" for "contreras": nearly as good as the whole word
COVERAGE_WEIGHT = 0.15  # how much naming more of the name's words adds to closeness
MAX_ENTITIES = 200  # matched names passed on to SQL, closest first

# Which rows link documents to a filter's entities, and which kind of entity it names.
FILTERS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "signatory": ("person", (("signatories", "person_id"),)),
    "person": ("person", (("signatories", "person_id"), ("document_people", "person_id"))),
    "institution": (
        "institution",
        (("document_institutions", "institution_id"), ("signatories", "institution_id")),
    ),
}
_NAMES_SQL = {
    "person": "select entity_id, folded from aliases where kind = 'person' "
    "union select id, folded from people",
    "institution": "select entity_id, folded from aliases where kind = 'institution' "
    "union select id, folded from institutions",
}


class NameIndex:
    """Folded names of one kind of entity, indexed by word for forgiving look-ups."""

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        self.entities = [entity for entity, folded in rows if folded]
        self.lengths = [len(folded.split()) for _, folded in rows if folded]
        self.rows_of: dict[str, list[int]] = {}
        for row, folded in enumerate(f for _, f in rows if f):
            for word in set(folded.split()):
                self.rows_of.setdefault(word, []).append(row)
        self.vocabulary = sorted(self.rows_of)

    def _word_scores(self, word: str) -> dict[str, float]:
        """Vocabulary words a query word stands for, with how well: whole word, start, typo."""
        scores: dict[str, float] = {}
        if len(word) >= MIN_TYPO_WORD:
            for found, score, _ in process.extract(
                word, self.vocabulary, scorer=fuzz.ratio, score_cutoff=WORD_TYPO_RATIO, limit=None
            ):
                scores[found] = float(score)
        at = bisect.bisect_left(self.vocabulary, word)
        while at < len(self.vocabulary) and self.vocabulary[at].startswith(word):
            found = self.vocabulary[at]
            scores[found] = 100.0 if found == word else max(PREFIX_SCORE, scores.get(found, 0))
            at += 1
        return scores

    def match(self, folded: str, limit: int = MAX_ENTITIES) -> list[tuple[str, float]]:
        """Entities with a name whose words every query word stands for, closest first, as
        (entity id, closeness 0-100)."""
        words = folded.split()
        totals: dict[int, float] | None = None
        for word in words:
            best: dict[int, float] = {}
            for found, score in self._word_scores(word).items():
                for row in self.rows_of[found]:
                    best[row] = max(score, best.get(row, 0.0))
            totals = (
                best if totals is None else {r: totals[r] + best[r] for r in totals if r in best}
            )
            if not totals:
                return []
        closest: dict[str, float] = {}
        for row, total in (totals or {}).items():
            coverage = min(1.0, len(words) / self.lengths[row])
            score = (1 - COVERAGE_WEIGHT) * total / len(words) + COVERAGE_WEIGHT * 100 * coverage
            entity = self.entities[row]
            closest[entity] = max(score, closest.get(entity, 0.0))
        ranked = sorted(closest.items(), key=lambda kv: (-kv[1], kv[0]))
        return [(entity, round(score, 2)) for entity, score in ranked[:limit]]


_INDEXES: dict[tuple[str, str], tuple[int, NameIndex]] = {}


def _version(db: sqlite_utils.Database) -> int:
    row = db.execute("select version from resolution_state where id = 1").fetchone()
    return int(row[0]) if row else 0


def name_index(db: sqlite_utils.Database, kind: str) -> NameIndex:
    """The NameIndex of `kind` ("person", "institution"), rebuilt only when names changed."""
    filename = db.execute("pragma database_list").fetchone()[2] or f"memory:{id(db.conn)}"
    version = _version(db)
    cached = _INDEXES.get((filename, kind))
    if cached and cached[0] == version:
        return cached[1]
    index = NameIndex([(e, f) for e, f in db.execute(_NAMES_SQL[kind]).fetchall()])
    _INDEXES[(filename, kind)] = (version, index)
    return index


def match_names(db: sqlite_utils.Database, kind: str, query: str | None) -> list[tuple[str, float]]:
    """Canonical ids of `kind` whose name or an alias matches `query` (case, accents and
    honorifics ignored, one typo per word tolerated, words may start names), closest first."""
    folded = fold_person(query) if kind == "person" else fold(query)
    return name_index(db, kind).match(folded) if folded else []


def fts_query(text: str | None) -> str | None:
    """A safe FTS5 MATCH expression for raw user input: every word quoted (so AND, OR, NEAR,
    column:, quotes and brackets are plain words), words ANDed, a trailing * kept as a prefix
    search. None when the input holds no word at all."""
    terms = [
        f'"{word}"*' if star else f'"{word}"'
        for word, star in _TERM.findall(text or "")
        if word.strip("_")
    ]
    return " ".join(terms) or None


def _name_cte(key: str, matched: list[tuple[str, float]], params: dict[str, Any]) -> str:
    """Two CTEs: the matched ids with their closeness, and the documents they appear in."""
    values = []
    for n, (entity, score) in enumerate(matched):
        params[f"{key}_e{n}"], params[f"{key}_s{n}"] = entity, score
        values.append(f"(:{key}_e{n}, :{key}_s{n})")
    linked = " union all ".join(
        f"select t.document_id, m.score from [m_{key}] m join [{table}] t on t.{column} = m.id"
        for table, column in FILTERS[key][1]
    )
    return (
        f"[m_{key}](id, score) as (values {', '.join(values)}), "
        f"[f_{key}](document_id, score) as "
        f"(select document_id, max(score) from ({linked}) group by document_id)"
    )


def _plain_filters(
    kind: str | None, since: date | None, until: date | None, params: dict[str, Any]
) -> list[str]:
    clauses: list[str] = []
    if kind:
        clauses.append("documents.kind = :kind")
        params["kind"] = kind
    if since:
        clauses.append("documents.date >= :since")
        params["since"] = since.isoformat()
    if until:
        clauses.append("documents.date <= :until")
        params["until"] = until.isoformat()
    return clauses


def _lead(text: str | None) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= LEAD_CHARS else flat[:LEAD_CHARS].rstrip() + "…"


def signatories_of(db: sqlite_utils.Database, doc_id: str) -> list[dict[str, Any]]:
    """The document's signatories in order, as {"name", "title", "institution"}."""
    sql = "select name, title, institution from signatories where document_id = ? order by position"
    return [dict(row) for row in db.query(sql, [doc_id])]


def _source(match: str | None, names: list[str]) -> tuple[str, str]:
    """The FROM clause and ORDER BY: full text drives when given, else the first name filter
    (a handful of ids, through indexes), else the documents by date."""
    joins = "".join(f" join [f_{k}] on [f_{k}].document_id = documents.id" for k in names)
    if match:
        source = "documents_fts join documents on documents.rowid = documents_fts.rowid"
        return source + joins, "closeness desc, documents_fts.rank, documents.date desc, file"
    order = "closeness desc, documents.date is null, documents.date desc, file"
    if names:
        first, rest = (
            names[0],
            "".join(f" join [f_{k}] on [f_{k}].document_id = documents.id" for k in names[1:]),
        )
        return f"[f_{first}] cross join documents on documents.id = [f_{first}].document_id" + (
            rest
        ), order
    return "documents", order


def search(
    db: sqlite_utils.Database,
    text: str | None = None,
    *,
    signatory: str | None = None,
    person: str | None = None,
    institution: str | None = None,
    kind: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 50,
) -> list[dict[str, Any]]:
    """Documents matching `text` and every filter given: closest names first, then best text
    match, then newest. Raw input never raises. Each result: id, file, kind, date, place,
    title, signatories and snippet (matched words in [brackets], or the text's start)."""
    params: dict[str, Any] = {"limit": max(0, limit)}
    ctes: list[str] = []
    names: list[str] = []
    for key, value in (("signatory", signatory), ("person", person), ("institution", institution)):
        if not value or not fold(value):
            continue
        matched = match_names(db, FILTERS[key][0], value)
        if not matched:
            return []
        ctes.append(_name_cte(key, matched, params))
        names.append(key)
    clauses = _plain_filters(kind, since, until, params)
    match = fts_query(text)
    closeness = " + ".join(f"[f_{k}].score" for k in names) or "0"
    columns = f"documents.id, file, kind, date, place, documents.title, documents.text, {closeness}"
    columns += " as closeness"
    if match:
        params["match"] = match
        clauses.insert(0, "documents_fts match :match")
        columns += (
            f", snippet(documents_fts, -1, '{SNIPPET_OPEN}', '{SNIPPET_CLOSE}', '…', "
            f"{SNIPPET_TOKENS}) as snippet"
        )
    else:
        columns += ", null as snippet"
    source, order = _source(match, names)
    head = f"with {', '.join(ctes)} " if ctes else ""
    where = f"where {' and '.join(clauses)}" if clauses else ""
    sql = f"{head}select {columns} from {source} {where} order by {order} limit :limit"
    results = []
    for row in db.query(sql, params):
        result = {k: row[k] for k in ("id", "file", "kind", "date", "place", "title")}
        result["signatories"] = signatories_of(db, row["id"])
        result["snippet"] = row["snippet"] or _lead(row["text"])
        results.append(result)
    return results
