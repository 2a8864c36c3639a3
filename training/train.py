"""`make train`: fit the trained scorers on the dev gold, write their weights beside the cue
files, and measure them by leave-one-source-out cross-validation (every source repository of
corpus/dev/SOURCES.tsv held out in turn, its documents extracted by a scorer fit on the others).

    python training/train.py [--gold ../shared/corpus/dev/gold.jsonl] [--config FILE] [--cv-only]

Prints score.py's table three times: the signature rules alone, the scorer fit on every dev
document (plain dev figures), and leave-one-source-out (cross-validated figures); writes the
three prediction files under --out (default .train/)."""

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

from extractors import REGISTRY, extracted_docs, signatories  # noqa: E402
from extractors.context import Context  # noqa: E402
from extractors.readers import read_file  # noqa: E402
from extractors.scorer import SCORERS, Scorer, fit  # noqa: E402
from extractors.signatory_candidates import candidates  # noqa: E402
from models import Dateline, Extraction, KindGuess, Settings  # noqa: E402

SIGNATORIES = signatories.NAME


@dataclasses.dataclass
class Item:
    id: str
    source: str
    gold: dict
    ctx: Context  # the whole extraction; record() redoes the signatories and what follows


def scorer_module(gold: Path) -> ModuleType:
    """../shared/tools/score.py: its name match labels the candidates exactly as it scores."""
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
    """Every gold document read, parsed and extracted up to its signatories."""
    settings = Settings.from_env()
    records = [json.loads(line) for line in gold.open(encoding="utf-8") if line.strip()]
    sources = source_of(gold)
    documents = [
        read_file(gold.parent / (r.get("file") or f"{r['id']}.txt"), settings) for r in records
    ]
    items: list[Item] = []
    docs = extracted_docs(documents, settings.spacy_model, batch_size=settings.batch_size)
    for record, doc in zip(records, docs, strict=True):
        ctx = Context.of(doc)  # signatories and what follows are extracted again per scorer
        items.append(Item(record["id"], sources.get(record["id"], record["id"]), record, ctx))
    return items


def examples(items: list[Item], score: ModuleType) -> tuple[list[dict[str, float]], list[bool]]:
    """The features of each candidate no signature rule read (the ones the scorer decides on),
    labelled by whether its stored name matches a gold signer."""
    features: list[dict[str, float]] = []
    labels: list[bool] = []
    for item in items:
        gold = [g["name"] for g in item.gold.get("signatories", [])]
        for c in candidates(item.ctx):
            if c.read_by_rules:
                continue
            name = signatories.printed_name(c, item.ctx.text)
            features.append(c.features)
            labels.append(any(score.name_score(name, g) >= 85 for g in gold))
    return features, labels


def record(item: Item, scorer: Scorer) -> dict:
    """The document's record with the signatories `scorer` accepts, and what follows them."""
    ctx = dataclasses.replace(item.ctx, versions=list(item.ctx.versions))
    ctx.signatories = signatories.extract(ctx, scorer=scorer)
    after = False
    for extractor in REGISTRY:
        if after:
            setattr(ctx, extractor.field, extractor.run(ctx))
        after = after or extractor.name == SIGNATORIES
    return Extraction(
        kind=ctx.kind or KindGuess("other_official", "no kind"),
        dateline=ctx.dateline or Dateline(None, None),
        title=ctx.title,
        signatories=ctx.signatories,
        people=ctx.people,
        institutions=ctx.institutions,
        commitments=ctx.commitments,
    ).to_record(item.id)


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
    parser.add_argument("--config", type=Path, default=ROOT / "training/signatories.toml")
    parser.add_argument("--out", type=Path, default=ROOT / ".train")
    parser.add_argument("--cv-only", action="store_true", help="do not rewrite the weights")
    args = parser.parse_args()
    config = tomllib.loads(args.config.read_text(encoding="utf-8"))["scorer"]
    options = {k: config[k] for k in ("l2", "threshold", "iterations")}
    score = scorer_module(args.gold)
    items = read_corpus(args.gold)
    args.out.mkdir(exist_ok=True)

    rules_only = Scorer(config["name"], {"bias": -30.0})  # accepts no name the rules did not read
    print("== dev, signature rules alone (no trained scorer)")
    print(
        scored(
            args.gold, [record(item, rules_only) for item in items], args.out / "rules-pred.jsonl"
        )
    )
    features, labels = examples(items, score)
    everything = fit(config["name"], features, labels, **options)
    print(f"{len(items)} documents, {len(features)} candidates, {sum(labels)} signers among them")
    if not args.cv_only:
        (SCORERS / f"{config['name']}.json").write_text(everything.to_json(), encoding="utf-8")

    by_source: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        by_source[item.source].append(item)
    held_out: dict[str, dict] = {}
    for source, group in sorted(by_source.items()):
        rest = [i for i in items if i.source != source]
        fold = fit(config["name"], *examples(rest, score), **options)
        for item in group:
            held_out[item.id] = record(item, fold)
    plain = [record(item, everything) for item in items]
    cv = [held_out[item.id] for item in items]
    print("== dev, scorer fit on all documents")
    print(scored(args.gold, plain, args.out / "dev-pred.jsonl"))
    print(f"== leave-one-source-out ({len(by_source)} sources)")
    print(scored(args.gold, cv, args.out / "cv-pred.jsonl"))


if __name__ == "__main__":
    main()
