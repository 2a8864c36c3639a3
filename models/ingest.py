"""What an ingest run did with each file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# partial: archived, but incomplete (e.g. the OCR time budget ran out); `reason` says why.
# unextracted: archived with its text, but extraction failed on it; `reason` says why.
# new-location: its bytes were already archived from another path; this path is recorded as
# another location of the same document (no new document).
Status = Literal["new", "partial", "unextracted", "skipped", "failed", "new-location"]


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
    def new_locations(self) -> tuple[FileOutcome, ...]:
        return self.with_status("new-location")

    @property
    def failed(self) -> tuple[FileOutcome, ...]:
        return self.with_status("failed")

    def summary(self) -> str:
        notes = [f"{len(self.partial)} partial"] if self.partial else []
        notes += [f"{len(self.unextracted)} unextracted"] if self.unextracted else []
        detail = f" ({', '.join(notes)})" if notes else ""
        archived = len(self.new) + len(self.partial) + len(self.unextracted)
        moved = f", {len(self.new_locations)} new locations" if self.new_locations else ""
        skipped, failed = len(self.skipped), len(self.failed)
        return f"{archived} new{detail}{moved}, {skipped} skipped, {failed} failed"
