"""Placeholder for the people extractor (being written)."""

from __future__ import annotations

from extractors.context import Context


NAME = "people.v1"


def extract(ctx: Context) -> tuple:
    return ()
