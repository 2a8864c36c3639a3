"""The OCR time budget of one document: once spent, the remaining pages are not OCRed."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

UNREAD = "unread"  # the reader of a page left unread because the time budget ran out


@dataclass
class Budget:
    """Seconds of OCR allowed for one document, counted from its creation. The first page is
    always read (a document with no page read tells nobody anything); later pages start only
    while time is left. Pages found in the OCR cache are not counted."""

    seconds: float
    clock: Callable[[], float] = time.monotonic
    started: int = 0
    skipped: int = 0
    _began: float = field(default=0.0, init=False)

    def __post_init__(self) -> None:
        self._began = self.clock()

    def allows_another_page(self) -> bool:
        """Whether one more page may be OCRed; counts the answer."""
        if self.started == 0 or self.clock() - self._began < self.seconds:
            self.started += 1
            return True
        self.skipped += 1
        return False

    def skip(self, pages: int) -> None:
        """Count pages left unread without asking (the budget is already spent)."""
        self.skipped += pages

    @property
    def exhausted(self) -> bool:
        return self.skipped > 0

    def partial_reason(self, total: int) -> str | None:
        """Why a document with `total` pages to OCR is partial ("OCR stopped after 37 of 500
        pages: time budget of 900 s reached"), or None when every page was read."""
        if not self.exhausted:
            return None
        return (
            f"OCR stopped after {total - self.skipped} of {total} pages: "
            f"time budget of {self.seconds:g} s reached"
        )
