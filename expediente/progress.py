"""How `expediente ingest` shows a run going: a bar on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from typing import TextIO

from models import FileOutcome

BAR_WIDTH = 28


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    return f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"


class IngestProgress:
    """Files done of the total, pages OCRed, documents read per second and the time left: one
    bar redrawn in place when `stream` is a terminal, else a plain line at most every
    `every` seconds (and one at the end), fit for logs and cron mail."""

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        terminal: bool | None = None,
        every: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream or sys.stderr
        self.terminal = self.stream.isatty() if terminal is None else terminal
        self.every, self.clock = every, clock
        self.files = self.to_read = self.done = self.read = self.pages = 0
        self.started = self.shown_at = clock()

    def begin(self, files: int, to_read: int) -> None:
        self.files, self.to_read = files, to_read
        self.started = self.shown_at = self.clock()
        if not self.terminal:
            self._write(f"ingest: {files} files, {to_read} to read")

    def advance(self, outcomes: Sequence[FileOutcome], pages_ocred: int) -> None:
        self.done += len(outcomes)
        self.read += sum(o.status in ("new", "partial", "unextracted", "failed") for o in outcomes)
        self.pages += pages_ocred
        finished = self.done >= self.files
        if self.terminal:
            self._draw(finished)
        elif finished or self.clock() - self.shown_at >= self.every:
            self._write(f"ingest: {self.line()}")

    def line(self) -> str:
        """files done/total, pages OCRed, documents/s and ETA, as one line."""
        elapsed = max(self.clock() - self.started, 1e-9)
        rate = self.read / elapsed
        left = self.files - self.done
        eta = _duration(left / rate) if rate > 0 and left else ("0s" if not left else "?")
        return (
            f"{self.done}/{self.files} files, {self.pages} pages OCRed, "
            f"{rate:.1f} documents/s, ETA {eta}"
        )

    def _draw(self, finished: bool) -> None:
        filled = BAR_WIDTH * self.done // max(self.files, 1)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        self.stream.write(f"\r[{bar}] {self.line()}\x1b[K" + ("\n" if finished else ""))
        self.stream.flush()

    def _write(self, text: str) -> None:
        self.shown_at = self.clock()
        print(text, file=self.stream, flush=True)
