"""How well OCR reads what matters on the real scans of the dev corpus: for every gold value a
scan's text must contain (signatory and people names, institution names, the place), the
character error of its best match in the OCR text (1 - rapidfuzz's partial alignment ratio on
folded text) and the share found with at most 10 % error. Gold is read from ../shared at run
time; nothing of the corpus is kept.

    .venv/bin/python bench/bench_ocr_fields.py [--gold GOLD] [--ids A05,D11] [--cache DIR|off]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors.readers import read_file  # noqa: E402
from models import Settings  # noqa: E402
from models.normalise import fold_spaces  # noqa: E402

SHARED = Path(os.environ.get("EXPEDIENTE_SHARED", ROOT.parent / "shared"))
OLD_SCANS = {"L001", "L003", "L005", "L007", "L011", "L013", "L015", "L017", "L021"}
FOUND = 0.10  # a value counts as read when its best match has at most 10 % character error


fold = fold_spaces  # case, accents and spacing ignored, as extractors compare cues


def values(record: dict) -> list[str]:
    found = [p["name"] for p in record["signatories"] + record["people"] if p.get("name")]
    found += [i["name"] for i in record["institutions"] if i.get("name")]
    if record.get("place"):
        found.append(record["place"])
    return found


def field_errors(text: str, wanted: list[str]) -> list[float]:
    folded = fold(text)
    errors = []
    for value in wanted:
        alignment = fuzz.partial_ratio_alignment(fold(value), folded)
        errors.append(1.0 - (alignment.score if alignment else 0.0) / 100.0)
    return errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=SHARED / "corpus" / "dev" / "gold.jsonl")
    parser.add_argument("--ids", default="", help="comma-separated ids (default: every scan)")
    parser.add_argument("--cache", default=None, help="OCR cache folder, or off")
    args = parser.parse_args()
    if args.cache is not None:
        os.environ["EXPEDIENTE_OCR_CACHE"] = args.cache
    settings = Settings.from_env()
    chosen = set(filter(None, args.ids.split(",")))
    records = [json.loads(line) for line in args.gold.open(encoding="utf-8") if line.strip()]
    scans = [
        r
        for r in records
        if (r.get("scanned") or r["id"] in OLD_SCANS) and (not chosen or r["id"] in chosen)
    ]
    all_errors: list[float] = []
    started = time.monotonic()
    for record in scans:
        path = args.gold.parent / (record.get("file") or f"{record['id']}.txt")
        text = read_file(path, settings).text
        errors = field_errors(text, values(record))
        all_errors += errors
        found = sum(e <= FOUND for e in errors)
        mean = sum(errors) / len(errors) if errors else 0.0
        print(f"{record['id']:6} values {len(errors):3}  read {found:3}  mean CER {mean:.3f}")
    elapsed = time.monotonic() - started
    found = sum(e <= FOUND for e in all_errors)
    mean = sum(all_errors) / max(1, len(all_errors))
    print(
        f"all    values {len(all_errors):3}  read {found:3} ({found / max(1, len(all_errors)):.3f})"
        f"  mean CER {mean:.3f}  ({len(scans)} scans, {elapsed:.0f} s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
