"""Audit the cue files: for every row of extractors/data/*.csv|jsonl, in how many dev documents
(and distinct source repositories) it occurs, and whether it states why it is general knowledge.

    .venv/bin/python scripts/audit_cues.py [--corpus ../shared/corpus/dev] [--all] [--no-ocr]

Texts are read with the project's readers (scans OCRed, through the OCR cache) and kept under
--cache (default /tmp/expediente-cue-texts) so later runs take seconds. Prints, per file, the rows
with no `why` found in fewer than two documents from different sources (--all: every row)."""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors.cue_support import cue_files, cue_rows, folded, found_in, matcher  # noqa: E402
from extractors.readers import read_file  # noqa: E402
from models import ExpedienteError  # noqa: E402


def sources(corpus: Path) -> dict[str, str]:
    """Document id -> its source repository (the seeds are each their own source)."""
    found = {}
    for line in (corpus / "SOURCES.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        doc, _file, source = line.split("\t")[:3]
        found[doc] = source.split(":")[0]
    return found


def texts(corpus: Path, cache: Path, ocr: bool) -> dict[str, str]:
    """Document id -> its text, read once and cached by the file's sha256."""
    cache.mkdir(parents=True, exist_ok=True)
    out = {}
    for doc, _ in sources(corpus).items():
        path = next(p for p in corpus.glob(f"{doc}.*") if p.suffix not in {".tsv", ".jsonl"})
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        cached = cache / f"{doc}-{digest}-{'ocr' if ocr else 'layer'}.txt"
        if not cached.exists():
            try:
                cached.write_text(read_file(path, ocr=ocr).text, encoding="utf-8")
            except ExpedienteError as exc:
                print(f"{doc}: {exc}", file=sys.stderr)
                cached.write_text("", encoding="utf-8")
        out[doc] = cached.read_text(encoding="utf-8")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "dev")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/expediente-cue-texts"))
    parser.add_argument("--no-ocr", action="store_true", help="text layers only (fast)")
    parser.add_argument("--all", action="store_true", help="list every row, not only suspects")
    parser.add_argument("--ids", default="", help="only documents whose id starts so (e.g. LPS)")
    args = parser.parse_args()

    origin = sources(args.corpus)
    docs = texts(args.corpus, args.cache, ocr=not args.no_ocr)
    if args.ids:
        docs = {d: t for d, t in docs.items() if d[0] in args.ids}
    folded_docs = {d: folded(t) for d, t in docs.items()}
    totals: Counter[str] = Counter()
    for path in cue_files():
        rows = list(cue_rows(path))
        shown = []
        for row in rows:
            pattern = matcher(row)
            hits = (
                []
                if pattern is None
                else [d for d in docs if found_in(row, pattern, docs[d], folded_docs[d])]
            )
            repos = {origin[d] for d in hits}
            supported = len(hits) >= 2 and len(repos) >= 2
            status = "why" if row.why else "supported" if supported else "UNSUPPORTED"
            totals[status] += 1
            if args.all or status == "UNSUPPORTED":
                ids = " ".join(hits[:6]) + (" ..." if len(hits) > 6 else "")
                shown.append(
                    f"  {row.line:>4} {row.label[:60]:<60} {len(hits):>2}d {len(repos):>2}s "
                    f"{status:<11} {ids}"
                )
        counts = Counter("why" if r.why else "" for r in rows)
        print(f"{path.name}: {len(rows)} rows, {counts['why']} with why, {len(shown)} listed")
        print("\n".join(shown))
    print(f"\n{len(docs)} documents; rows: " + ", ".join(f"{k} {v}" for k, v in totals.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
