"""What an ingest run did with each file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# partial: archived, but incomplete (e.g. the OCR time budget ran out); `reason` says why.
# unextracted: archived with its text, but extraction failed on it; `reason` says why.
Status = Literal["new", "partial", "unextracted", "skipped", "failed"]


@dataclass(frozen=True)
class FileOutcome:
    path: str
    status: Status
    sha256: str | None = None
    reason: str | None = None  # why it failed, or why it was skipped
    kind: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class IngestReport:
    outcomes: tuple[FileOutcome, ...] = field(default=())

    def with_status(self, status: Status) -> tuple[FileOutcome, ...]:
        return tuple(o for o in self.outcomes if o.status == status)

    @property
    def new(self) -> tuple[FileOutcome, ...]:
        return self.with_status("new")

    @property
    def partial(self) -> tuple[FileOutcome, ...]:
        return self.with_status("partial")

    @property
    def unextracted(self) -> tuple[FileOutcome, ...]:
        return self.with_status("unextracted")

    @property
    def skipped(self) -> tuple[FileOutcome, ...]:
        return self.with_status("skipped")

    @property
    def failed(self) -> tuple[FileOutcome, ...]:
        return self.with_status("failed")

    def summary(self) -> str:
        notes = [f"{len(self.partial)} partial"] if self.partial else []
        notes += [f"{len(self.unextracted)} unextracted"] if self.unextracted else []
        detail = f" ({', '.join(notes)})" if notes else ""
        archived = len(self.new) + len(self.partial) + len(self.unextracted)
        return f"{archived} new{detail}, {len(self.skipped)} skipped, {len(self.failed)} failed"
