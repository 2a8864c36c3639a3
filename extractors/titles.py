"""Placeholder for the titles extractor (being written)."""

from __future__ import annotations

from extractors.context import Context
from models import Title

NAME = "titles.v1"


def extract(ctx: Context) -> Title | None:
    return None
