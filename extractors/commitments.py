"""Placeholder for the commitments extractor (being written)."""

from __future__ import annotations

from extractors.context import Context


NAME = "commitments.v1"


def extract(ctx: Context) -> tuple:
    return ()
