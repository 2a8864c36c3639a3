"""How the CLI prints reports and search results (table, json, csv)."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

from models import IngestReport

if TYPE_CHECKING:
    from expediente.commands import IngestRun

COLUMNS = ("date", "kind", "file", "title", "signatories")


def ingest_report(report: IngestReport) -> str:
    lines: list[str] = []
    for outcome in report.new:
        title = f"  {_clip(outcome.title, 90)}" if outcome.title else ""
        lines.append(f"new      {outcome.path}  [{outcome.kind}]{title}")
    for outcome in report.partial:
        lines.append(f"partial  {outcome.path}  [{outcome.kind}]  {outcome.reason}")
    for outcome in report.unextracted:
        lines.append(f"unextracted  {outcome.path}  {outcome.reason}")
    for outcome in report.new_locations:
        lines.append(f"located  {outcome.path}  ({outcome.reason})")
    for outcome in report.skipped:
        lines.append(f"skipped  {outcome.path}  ({outcome.reason})")
    for outcome in report.failed:
        lines.append(f"failed   {outcome.path}  {outcome.reason}")
    lines.append(report.summary())
    return "\n".join(lines)


def ingest_mode(run: IngestRun) -> str:
    """One line saying how the ingest ran (and what an earlier, killed run left)."""
    where = f", {run.where}" if run.where else ""
    if run.mode.startswith("prefect"):
        line = f"ran as Prefect flow run {run.flow_run_id}{where}"
    else:
        line = f"ran in this process{where}"
        if run.mode == "in-process":
            line += " (no Prefect server configured; --prefect to use one)"
    if run.interrupted:
        line += f"; {run.interrupted} earlier run(s) had been killed and are marked interrupted"
    return line


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _signatories(result: dict[str, Any]) -> str:
    return "; ".join(
        ", ".join(x for x in (s.get("name"), s.get("title")) if x)
        for s in result.get("signatories") or []
    )


def _flat(result: dict[str, Any]) -> dict[str, str]:
    row = {key: str(result.get(key) or "") for key in COLUMNS}
    row["signatories"] = _signatories(result)
    return row


def _table(results: list[dict[str, Any]]) -> str:
    if not results:
        return "no documents found"
    widths = {"date": 10, "kind": 14, "file": 44, "title": 40, "signatories": 60}
    rows = [_flat(r) for r in results]
    lines = ["  ".join(c.ljust(widths[c]) for c in COLUMNS)]
    for row in rows:
        cells = [
            (row[c][: widths[c] - 1] + "…") if len(row[c]) > widths[c] else row[c] for c in COLUMNS
        ]
        lines.append("  ".join(v.ljust(widths[c]) for v, c in zip(cells, COLUMNS, strict=True)))
    lines.append(f"{len(rows)} document(s)")
    return "\n".join(line.rstrip() for line in lines)


def search_results(results: list[dict[str, Any]], fmt: str = "table") -> str:
    if fmt == "json":
        return json.dumps(results, ensure_ascii=False, indent=2)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=[*COLUMNS, "id", "place", "snippet"])
        writer.writeheader()
        for r in results:
            writer.writerow(
                {
                    **_flat(r),
                    "id": r.get("id"),
                    "place": r.get("place") or "",
                    "snippet": r.get("snippet") or "",
                }
            )
        return buffer.getvalue().rstrip("\n")
    return _table(results)
