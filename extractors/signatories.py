"""Placeholder for the signatories extractor (being written)."""

from __future__ import annotations

from extractors.context import Context


NAME = "signatories.v1"


def extract(ctx: Context) -> tuple:
    return ()
