"""Searching the archive: full text (accents and case ignored) plus filters on who and when.

Name filters (signatory, person, institution) forgive: the query is matched against the small
tables of canonical names and aliases (folded, honorifics dropped, a typo per word tolerated),
then documents are fetched by the matching ids through indexes, closest names first.

Speed at 100,000 documents (bench/bench_search.py, bench/README.md) comes from three choices:
- A text matching more than CANDIDATES documents (after filters) is ranked by bm25 only among
  its CANDIDATES newest archived matches: the floor rowid is found by walking the doclist in
  rowid order (no bm25), then `MATCH ... AND rowid >= floor ORDER BY rank`. Trade-off: a
  better-ranked older document can be left out for a very common word; rare words and filtered
  searches that leave fewer matches are ranked in full. Ties in rank go to the newest archived.
- Search picks ids first and builds results for the returned rows only: snippets, leads and
  signatories are never computed for rows that are not shown.
- Name filters read (entity, document) and (id, date, file) covering indexes (migration m008),
  so ordering thousands of matches by date never reads a document row."""

from __future__ import annotations

import bisect
import re
from datetime import date
from typing import Any

import sqlite_utils
from rapidfuzz import fuzz, process

from archive.migrations import DOCUMENT_ORDER_INDEX
from models.normalise import MIN_TYPO_WORD, TYPO_WORD_RATIO, fold_person, fold_words

# A word as FTS5's unicode61 tokenizer sees it, with an optional trailing * for prefix search.
_TERM = re.compile(r"(\w+)(\*?)")
SNIPPET_OPEN, SNIPPET_CLOSE = "[", "]"
SNIPPET_TOKENS = 16
LEAD_CHARS = 200
PREFIX_SCORE = 95.0  # "contr" for "contreras": nearly as good as the whole word
COVERAGE_WEIGHT = 0.15  # how much naming more of the name's words adds to closeness
MAX_ENTITIES = 200  # matched names passed on to SQL, closest first
CANDIDATES = 2000  # a text matching more documents ranks only its newest this many

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
                word, self.vocabulary, scorer=fuzz.ratio, score_cutoff=TYPO_WORD_RATIO, limit=None
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
    folded = fold_person(query) if kind == "person" else fold_words(query)
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
    """Two CTEs: the matched ids with their closeness, and the documents they appear in (rowid
    as doc, closeness, and date and file to order by, all read from indexes)."""
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
        f"[f_{key}](doc, score, date, file) as (select d.rowid, max(l.score), d.date, d.file "
        f"from ({linked}) l join documents d indexed by [{DOCUMENT_ORDER_INDEX}] "
        "on d.id = l.document_id group by d.rowid)"
    )


def _plain_filters(
    kind: str | None, since: date | None, until: date | None, params: dict[str, Any]
) -> list[str]:
    clauses: list[str] = []
    if kind:
        clauses.append("documents.kind = :kind")
        params["kind"] = kind
    if since:
        # A month-only date ("2024-03") sorts before its days: it is in range when its month is.
        clauses.append("(documents.date >= :since or documents.date = :since_month)")
        params["since"] = since.isoformat()
        params["since_month"] = since.isoformat()[:7]
    if until:
        clauses.append("documents.date <= :until")
        params["until"] = until.isoformat()
    return clauses


def _lead(text: str | None) -> str:
    """The text's start, whitespace flattened, cut at LEAD_CHARS (only a prefix is split)."""
    text = text or ""
    words = text[: LEAD_CHARS * 4].split()
    if len(text) > LEAD_CHARS * 4:
        words = words[:-1]  # maybe cut mid-word; enough words remain or the whole text is read
    flat = " ".join(words)
    if len(flat) <= LEAD_CHARS and len(text) > LEAD_CHARS * 4:
        flat = " ".join(text.split())
    return flat if len(flat) <= LEAD_CHARS else flat[:LEAD_CHARS].rstrip() + "…"


def _marks(values: list[Any]) -> str:
    return ", ".join("?" * len(values))


def _signatories(db: sqlite_utils.Database, doc_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Each document's signatories in order, as {"name", "title", "institution"}, in one query."""
    found: dict[str, list[dict[str, Any]]] = {doc_id: [] for doc_id in doc_ids}
    sql = (
        "select document_id, name, title, institution from signatories "
        f"where document_id in ({_marks(doc_ids)}) order by document_id, position"
    )
    for doc_id, name, title, institution in db.execute(sql, doc_ids).fetchall():
        found[doc_id].append({"name": name, "title": title, "institution": institution})
    return found


def signatories_of(db: sqlite_utils.Database, doc_id: str) -> list[dict[str, Any]]:
    """The document's signatories in order, as {"name", "title", "institution"}."""
    return _signatories(db, [doc_id])[doc_id]


def _snippets(db: sqlite_utils.Database, match: str, rowids: list[int]) -> dict[int, str]:
    """Snippets of the returned rows only: a rowid range walk with the set as a plain test
    (rowid IN would re-open the doclists once per row)."""
    sql = (
        f"select rowid, snippet(documents_fts, -1, '{SNIPPET_OPEN}', '{SNIPPET_CLOSE}', '…', "
        f"{SNIPPET_TOKENS}) from documents_fts where documents_fts match ? "
        f"and rowid between ? and ? and +rowid in ({_marks(rowids)})"
    )
    return dict(db.execute(sql, [match, min(rowids), max(rowids), *rowids]).fetchall())


def _results(
    db: sqlite_utils.Database, rowids: list[int], match: str | None
) -> list[dict[str, Any]]:
    """The promised result records of the documents at `rowids`, in that order."""
    if not rowids:
        return []
    sql = (
        "select rowid, id, file, kind, date, place, title, text from documents "
        f"where rowid in ({_marks(rowids)})"
    )
    rows = {row[0]: row for row in db.execute(sql, rowids).fetchall()}
    snippets = _snippets(db, match, rowids) if match else {}
    signers = _signatories(db, [rows[r][1] for r in rowids])
    results = []
    for rowid in rowids:
        _, doc_id, file, kind, day, place, title, text = rows[rowid]
        results.append(
            {
                **{"id": doc_id, "file": file, "kind": kind, "date": day, "place": place},
                **{"title": title, "signatories": signers[doc_id]},
                "snippet": snippets.get(rowid) or _lead(text),
            }
        )
    return results


def _source(match: str | None, names: list[str], joined: bool) -> tuple[str, str, str]:
    """The FROM clause, ORDER BY and rowid column: full text drives when given, else the first
    name filter (its documents, through indexes), else the documents by date (NULL last in
    desc). Document rows are joined only when `joined` plain filters need them."""
    closeness = "closeness desc, " if names else ""
    if match:
        driver, rowid, others = "documents_fts", "documents_fts.rowid", names
        order = f"{closeness}documents_fts.rank, documents_fts.rowid desc"
    elif names:
        driver, rowid, others = f"[f_{names[0]}]", f"[f_{names[0]}].doc", names[1:]
        order = f"{closeness}{driver}.date desc, {driver}.file"
    else:
        return "documents", "documents.date desc, documents.file", "documents.rowid"
    source = driver + (f" join documents on documents.rowid = {rowid}" if joined else "")
    source += "".join(f" join [f_{k}] on [f_{k}].doc = {rowid}" for k in others)
    return source, order, rowid


def _floor(db: sqlite_utils.Database, query: str, params: dict[str, Any]) -> int | None:
    """The rowid of the CANDIDATES-th newest document `query` finds, walking the doclist in
    rowid order (no bm25); None when it finds fewer."""
    sql = f"{query} order by documents_fts.rowid desc limit 1 offset {CANDIDATES - 1}"
    row = db.execute(sql, params).fetchone()
    return int(row[0]) if row else None


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
    match (among the CANDIDATES newest matches), then newest. Raw input never raises. Each
    result: id, file, kind, date, place, title, signatories and snippet (matched words in
    [brackets], or the text's start)."""
    params: dict[str, Any] = {"limit": max(0, limit)}
    ctes: list[str] = []
    names: list[str] = []
    for key, value in (("signatory", signatory), ("person", person), ("institution", institution)):
        if not value or not fold_words(value):
            continue
        matched = match_names(db, FILTERS[key][0], value)
        if not matched:
            return []
        ctes.append(_name_cte(key, matched, params))
        names.append(key)
    clauses = _plain_filters(kind, since, until, params)
    match = fts_query(text)
    if match:
        params["match"] = match
    source, order, rowid = _source(match, names, joined=bool(clauses))
    if match:
        clauses.insert(0, "documents_fts match :match")
    head = f"with {', '.join(ctes)} " if ctes else ""
    where = f" where {' and '.join(clauses)}" if clauses else ""
    if match and limit > 0:
        floor = _floor(db, f"{head}select {rowid} from {source}{where}", params)
        if floor is not None:
            where += " and documents_fts.rowid >= :floor"
            params["floor"] = floor
    closeness = " + ".join(f"[f_{k}].score" for k in names) or "0"
    sql = (
        f"{head}select {rowid}, {closeness} as closeness from {source}{where} "
        f"order by {order} limit :limit"
    )
    return _results(db, [row[0] for row in db.execute(sql, params).fetchall()], match)
