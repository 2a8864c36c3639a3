"""Placeholder for the dates extractor (being written)."""

from __future__ import annotations

from extractors.context import Context
from models import Dateline

NAME = "dates.v1"


def extract(ctx: Context) -> Dateline:
    return Dateline(date=None, place=None)
