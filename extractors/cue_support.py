"""What text each row of a cue file in data/ stands for, and whether a document contains it.

A cue earns its place by being general knowledge of Mexican official writing (its `why` says so)
or by occurring in at least two documents from different sources; scripts/audit_cues.py and
tests/extractors/test_cue_support.py count that support on the dev corpus with these functions."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from extractors.cues import DATA
from models import normalise
from models.normalise import fold_spaces

WHY = "why"
# Columns that hold the cue text, for files whose cue is not their first column.
NEEDLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "cargos": ("masculine", "feminine"),
    "dateline_roles": ("cue",),
    "title_cues": ("cue",),
    "kind_cues": ("pattern",),
    "layout_cues": ("pattern",),
    "municipalities": ("municipality",),
}
# Files whose cue column is a regular expression, matched on the unfolded text.
REGEX_FILES = frozenset({"kind_cues", "layout_cues"})
# Files whose cue is a word ending ("cion": "Evaluación").
ENDING_FILES = frozenset({"people_not_name_endings"})
GAP = "..."  # commitment_predicates: "se compromete ... a" = up to 60 characters between


@dataclass(frozen=True)
class CueRow:
    """One row of a cue file: where it is, what it says, and its stated reason, if any."""

    file: str  # "institution_heads.csv"
    line: int  # 1-based line in the file
    label: str  # the row as a short human-readable string
    needles: tuple[str, ...]  # texts (or regexes) any one of which supports the row
    regex: bool
    why: str
    ending: bool = False


def cue_files(*folders: Path) -> list[Path]:
    """Every cue file (CSV and JSONL) in `folders`: by default extractors/data/ and the one
    models/data/ holds for extractors and archive alike (honorifics.csv)."""
    found = [
        f for d in folders or (DATA, normalise.DATA) for f in (*d.glob("*.csv"), *d.glob("*.jsonl"))
    ]
    return sorted(found, key=lambda f: f.name)


def cue_rows(path: Path) -> Iterator[CueRow]:
    """The rows of one cue file with what each stands for."""
    if path.suffix == ".jsonl":
        yield from _jsonl_rows(path)
        return
    with path.open(encoding="utf-8", newline="") as fh:
        numbered = [(n, line) for n, line in enumerate(fh, start=1) if not line.startswith("#")]
    reader = csv.DictReader(line for _, line in numbered)
    columns = NEEDLE_COLUMNS.get(path.stem) or (reader.fieldnames or [""])[:1]
    for (line, _), row in zip(numbered[1:], reader, strict=True):
        needles = tuple(row[c] for c in columns if row.get(c))
        label = ",".join(v for k, v in row.items() if k != WHY and v)
        why = (row.get(WHY) or "").strip()
        regex, ending = path.stem in REGEX_FILES, path.stem in ENDING_FILES
        yield CueRow(path.name, line, label, needles, regex, why, ending)


def _jsonl_rows(path: Path) -> Iterator[CueRow]:
    with path.open(encoding="utf-8") as fh:
        for line, text in enumerate(fh, start=1):
            if not text.strip() or text.startswith("#"):
                continue
            record = json.loads(text)
            forms = [record.get("name"), record.get("acronym"), *record.get("aliases", ())]
            needles = tuple(f for f in forms if f)
            yield CueRow(
                path.name, line, record.get("name", ""), needles, False, record.get(WHY, "").strip()
            )


folded = fold_spaces  # the text as cues are compared: folded case and accents, spaces as one


def matcher(row: CueRow) -> re.Pattern[str] | None:
    """One compiled pattern for the row: its regexes as they are, its words on word boundaries
    in folded text; None when the row has nothing to look for."""
    if not row.needles:
        return None
    if row.regex:
        return re.compile("|".join(f"(?:{n})" for n in row.needles), re.IGNORECASE | re.MULTILINE)
    parts = []
    for needle in row.needles:
        body = " ".join(re.escape(w) for w in folded(needle).split())
        body = body.replace(re.escape(GAP), ".{0,60}?")
        body = rf"\w+{body}" if row.ending else body
        parts.append(rf"(?<!\w){body}(?!\w)" if body[-1:].isalnum() else rf"(?<!\w){body}")
    return re.compile("|".join(parts))


def found_in(row: CueRow, pattern: re.Pattern[str], raw: str, folded_text: str) -> bool:
    """Whether a document (its raw and folded text) contains the row's cue."""
    return bool(pattern.search(raw if row.regex else folded_text))
