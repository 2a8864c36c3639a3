"""Placeholder for the institutions extractor (being written)."""

from __future__ import annotations

from extractors.context import Context


NAME = "institutions.v1"


def extract(ctx: Context) -> tuple:
    return ()
