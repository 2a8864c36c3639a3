"""`make silver`: extraction on ../shared/corpus/bulk, about 890 real press releases nobody
annotated and no rule was tuned on, against the date each one's source path carries
("2020-10-21-agradece-….md", "news-04-03-2021.php", "Boletín-…_020418.txt"): a silver label,
since a release may be posted a day after its dateline. Prints, per collection, how often the
extracted date is that day, within three days, missing or another day; how many came out as
press releases; and how many releases got signatories (press releases rarely have any).

    python training/silver.py [--bulk ../shared/corpus/bulk] [--out .train/silver-pred.jsonl]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors import extract_many  # noqa: E402
from extractors.readers import read_file  # noqa: E402

NEAR_DAYS = 3
# (pattern, order of year, month, day groups, century prefix for two-digit years)
PATH_DATES = (
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})"), (1, 2, 3)),  # 2020-10-21-titulo.md
    (re.compile(r"(\d{2})-(\d{2})-(\d{4})\.\w+@"), (3, 2, 1)),  # news-04-03-2021.php
    (re.compile(r"/(\d{2})(\d{2})(\d{2}) [^/@]*\.txt@"), (3, 2, 1)),  # /040418 JAMK ….txt
    (re.compile(r"_(\d{2})(\d{2})(\d{2})\.txt@"), (3, 2, 1)),  # …-1_020418.txt
)


def path_date(source: str) -> str | None:
    """The day a source path names, as ISO, or None."""
    for regex, (y, m, d) in PATH_DATES:
        found = regex.search(source)
        if found:
            year = found.group(y)
            year = year if len(year) == 4 else f"20{year}"
            try:
                return dt.date(int(year), int(found.group(m)), int(found.group(d))).isoformat()
            except ValueError:
                return None
    return None


def outcome(predicted: str | None, silver: str) -> str:
    if predicted == silver:
        return "same day"
    if predicted is None:
        return "missing"
    if len(predicted) == 10:
        gap = abs((dt.date.fromisoformat(predicted) - dt.date.fromisoformat(silver)).days)
        if gap <= NEAR_DAYS:
            return "near"
    return "other"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bulk", type=Path, default=ROOT.parent / "shared/corpus/bulk")
    parser.add_argument("--out", type=Path, default=ROOT / ".train/silver-pred.jsonl")
    args = parser.parse_args()
    collections = sorted(args.bulk.glob("*.jsonl"))
    if not collections:
        raise SystemExit(f"no *.jsonl under {args.bulk}: make silver needs ../shared/corpus/bulk")
    records = [json.loads(line) for f in collections for line in f.open(encoding="utf-8")]
    with tempfile.TemporaryDirectory() as tmp:
        documents = []
        for r in records:  # read as ingest reads files: front matter marks Markdown
            suffix = ".md" if r["text"].lstrip("\ufeff").startswith("---\n") else ".txt"
            path = Path(tmp) / f"{r['id']}{suffix}"
            path.write_text(r["text"], encoding="utf-8")
            documents.append(read_file(path))
        extractions = list(extract_many(documents))
    counts: Counter[tuple[str, str]] = Counter()
    out = []
    for r, extraction in zip(records, extractions, strict=True):
        pred = extraction.to_record(r["id"])
        group, silver = r["id"].split("-")[0], path_date(r["source"])
        counts[group, "documents"] += 1
        counts[group, "press releases"] += pred["kind"] == "press_release"
        counts[group, "with signatories"] += bool(pred.get("signatories"))
        if silver:
            counts[group, "dated path"] += 1
            counts[group, outcome(pred.get("date"), silver)] += 1
        out.append({"id": r["id"], "silver_date": silver, **pred})
    args.out.parent.mkdir(exist_ok=True)
    args.out.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in out))
    print(
        f"{'collection':<10} {'docs':>5} {'dated':>6} {'same day':>9} {'near':>6} "
        f"{'missing':>8} {'other':>6} {'press':>6} {'signed':>7}"
    )
    for group in sorted({g for g, _ in counts}):
        dated = counts[group, "dated path"] or 1
        share = [counts[group, k] / dated for k in ("same day", "near", "missing", "other")]
        print(
            f"{group:<10} {counts[group, 'documents']:>5} {counts[group, 'dated path']:>6} "
            + " ".join(f"{v:>{w}.3f}" for v, w in zip(share, (9, 6, 8, 6), strict=True))
            + f" {counts[group, 'press releases'] / counts[group, 'documents']:>6.3f}"
            + f" {counts[group, 'with signatories']:>7}"
        )
    print(f"predictions: {args.out}")


if __name__ == "__main__":
    main()
