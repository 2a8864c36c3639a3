"""The scorer's figures per source repository (dev/SOURCES.tsv), and their mean over sources.

A rule tuned on one source's documents shows up here as one high row beside low ones; the mean
over sources weighs every source alike, as held-out documents from other sources will.

    .venv/bin/python scripts/score_by_source.py GOLD PRED [--sources SOURCES.tsv] [--scorer PY]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

FIELDS = ("signatories", "people", "institutions", "commitments")
ACCURACY = ("date", "place", "kind")


def repository(source: str) -> str:
    """owner/name of a SOURCES.tsv source ("owner/name:path@commit ..."), or the seed marker."""
    return source.split(":", 1)[0].split()[0]


def score(scorer: Path, gold: list[dict], pred: dict[str, dict]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        g, p = Path(tmp) / "gold.jsonl", Path(tmp) / "pred.jsonl"
        g.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in gold), "utf-8")
        rows = [pred[r["id"]] for r in gold if r["id"] in pred]
        p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
        out = subprocess.run(
            [sys.executable, str(scorer), str(g), str(p), "--json"],
            capture_output=True,
            text=True,
            check=True,
        )
    report = json.loads(out.stdout)
    return report.get("all", report)


def cell(report: dict, field: str) -> float | None:
    value = report.get(field)
    if isinstance(value, dict):
        if "f1" in value:  # a field nobody annotated nor predicted in a source says nothing
            empty = value.get("tp", 0) + value.get("fp", 0) + value.get("fn", 0) == 0
            return None if empty else value["f1"]
        return value.get("accuracy")
    return value if isinstance(value, int | float) else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("pred", type=Path)
    parser.add_argument("--sources", type=Path, default=None)
    parser.add_argument("--scorer", type=Path, default=None)
    args = parser.parse_args()
    sources = args.sources or args.gold.parent / "SOURCES.tsv"
    scorer = args.scorer or args.gold.resolve().parent.parent.parent / "tools" / "score.py"
    repo_of = {}
    for line in sources.read_text(encoding="utf-8").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) >= 3:
            repo_of[parts[0]] = repository(parts[2])
    gold = [json.loads(x) for x in args.gold.read_text(encoding="utf-8").splitlines() if x.strip()]
    pred = {
        r["id"]: r
        for r in (json.loads(x) for x in args.pred.read_text("utf-8").splitlines() if x.strip())
    }
    groups: dict[str, list[dict]] = defaultdict(list)
    for record in gold:
        groups[repo_of.get(record["id"], "?")].append(record)
    columns = FIELDS + ACCURACY
    print(f"{'source':44} {'docs':>4} " + " ".join(f"{c[:6]:>6}" for c in columns))
    sums: dict[str, list[float]] = defaultdict(list)
    for name in sorted(groups):
        report = score(scorer, groups[name], pred)
        values = [cell(report, c) for c in columns]
        for c, v in zip(columns, values, strict=True):
            if v is not None:
                sums[c].append(v)
        shown = " ".join("     -" if v is None else f"{v:6.2f}" for v in values)
        print(f"{name[:44]:44} {len(groups[name]):4} {shown}")
    means = " ".join(
        f"{sum(sums[c]) / len(sums[c]):6.3f}" if sums[c] else "     -" for c in columns
    )
    print(f"{'mean over ' + str(len(groups)) + ' sources':44} {len(gold):4} {means}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
