"""`make train`: fit the trained scorers on the dev gold, write their weights beside the cue
files, and measure them by leave-one-source-out cross-validation (every source repository of
corpus/dev/SOURCES.tsv held out in turn, its documents extracted by scorers fit on the others).

    python training/train.py [--gold ../shared/corpus/dev/gold.jsonl] [--config FILE] [--cv-only]

Prints score.py's table three times: the rules alone (every scorer accepting nothing), the
scorers fit on every dev document (plain dev figures), and leave-one-source-out
(cross-validated figures); writes the three prediction files under --out (default .train/)."""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import json
import subprocess
import sys
import tomllib
from collections import defaultdict
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors import REGISTRY, extracted_docs  # noqa: E402
from extractors.context import Context  # noqa: E402
from extractors.readers import read_file  # noqa: E402
from extractors.scorer import SCORERS, Scorer, fit  # noqa: E402
from models import Settings  # noqa: E402
from training.tasks import TASKS  # noqa: E402

Scorers = dict[str, Scorer]


@dataclasses.dataclass
class Item:
    id: str
    source: str
    gold: dict
    ctx: Context  # the whole extraction; record() redoes what the scorers decide and after


def scorer_module(gold: Path) -> ModuleType:
    """../shared/tools/score.py: its matches label the candidates exactly as it scores."""
    path = gold.resolve().parent.parent.parent / "tools" / "score.py"
    spec = importlib.util.spec_from_file_location("score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"no scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def source_of(gold: Path) -> dict[str, str]:
    """Document id -> its source repository (SOURCES.tsv: id, file, repo:path@commit)."""
    out: dict[str, str] = {}
    for line in (gold.parent / "SOURCES.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) >= 3:
            out[parts[0]] = parts[2].split(":")[0]
    return out


def read_corpus(gold: Path) -> list[Item]:
    """Every gold document read and extracted by the whole pipeline."""
    settings = Settings.from_env()
    records = [json.loads(line) for line in gold.open(encoding="utf-8") if line.strip()]
    sources = source_of(gold)
    documents = [
        read_file(gold.parent / (r.get("file") or f"{r['id']}.txt"), settings) for r in records
    ]
    docs = extracted_docs(documents, settings.spacy_model, batch_size=settings.batch_size)
    return [
        Item(record["id"], sources.get(record["id"], record["id"]), record, Context.of(doc))
        for record, doc in zip(records, docs, strict=True)
    ]


Examples = dict[str, dict[str, list[tuple[dict[str, float], bool]]]]  # task -> item -> pairs


def examples(items: list[Item], score: ModuleType) -> Examples:
    """Every task's labelled candidates, per document: computed once, fit many times."""
    return {
        task.name: {item.id: task.examples(item.ctx, item.gold, score) for item in items}
        for task in TASKS
    }


def fit_all(items: list[Item], cases: Examples, config: dict) -> Scorers:
    """Every task's scorer fit on the examples of `items`."""
    scorers: Scorers = {}
    for task in TASKS:
        options = {k: config[task.name][k] for k in ("l2", "threshold", "iterations")}
        pairs = [pair for item in items for pair in cases[task.name][item.id]]
        features, labels = [f for f, _ in pairs], [label for _, label in pairs]
        scorers[task.name] = fit(task.name, features, labels, **options)
    return scorers


def record(item: Item, scorers: Scorers) -> dict:
    """The document's record with `scorers` deciding their fields, every extractor from the
    first decided field on run again."""
    ctx = dataclasses.replace(item.ctx, versions=list(item.ctx.versions))
    deciding = {task.field: task for task in TASKS}
    again = False
    for extractor in REGISTRY:
        task = deciding.get(extractor.field)
        again = again or task is not None
        if task is not None:
            setattr(ctx, extractor.field, task.extract(ctx, scorers[task.name]))
        elif again:
            setattr(ctx, extractor.field, extractor.run(ctx))
    return ctx.extraction().to_record(item.id)


def scored(gold: Path, predictions: list[dict], out: Path) -> str:
    out.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in predictions))
    scorer = gold.resolve().parent.parent.parent / "tools" / "score.py"
    done = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.split("== letters")[0].rstrip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT.parent / "shared/corpus/dev/gold.jsonl")
    parser.add_argument("--config", type=Path, default=ROOT / "training/config.toml")
    parser.add_argument("--out", type=Path, default=ROOT / ".train")
    parser.add_argument("--cv-only", action="store_true", help="do not rewrite the weights")
    args = parser.parse_args()
    if not args.gold.is_file():
        raise SystemExit(f"no gold at {args.gold}: make train needs ../shared/corpus (--gold FILE)")
    config = tomllib.loads(args.config.read_text(encoding="utf-8"))
    score = scorer_module(args.gold)
    items = read_corpus(args.gold)
    args.out.mkdir(exist_ok=True)

    nothing = {t.name: Scorer(t.name, {"bias": -30.0}) for t in TASKS}  # the rules alone
    print("== dev, the rules alone (no trained scorer accepts anything)")
    print(
        scored(args.gold, [record(item, nothing) for item in items], args.out / "rules-pred.jsonl")
    )

    cases = examples(items, score)
    everything = fit_all(items, cases, config)
    for task in TASKS:
        labels = [label for pairs in cases[task.name].values() for _, label in pairs]
        print(f"{task.name}: {len(labels)} candidates, {sum(labels)} positive")
        if not args.cv_only:
            path = SCORERS / f"{task.name}.json"
            path.write_text(everything[task.name].to_json(), encoding="utf-8")

    by_source: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        by_source[item.source].append(item)
    held_out: dict[str, dict] = {}
    for source, group in sorted(by_source.items()):
        fold = fit_all([i for i in items if i.source != source], cases, config)
        for item in group:
            held_out[item.id] = record(item, fold)
    plain = [record(item, everything) for item in items]
    print("== dev, scorers fit on all documents")
    print(scored(args.gold, plain, args.out / "dev-pred.jsonl"))
    print(f"== leave-one-source-out ({len(by_source)} sources)")
    print(scored(args.gold, [held_out[item.id] for item in items], args.out / "cv-pred.jsonl"))


if __name__ == "__main__":
    main()
