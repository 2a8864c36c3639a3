"""Placeholder for the kind extractor (being written)."""

from __future__ import annotations

from extractors.context import Context
from models import KindGuess

NAME = "kind.v1"


def extract(ctx: Context) -> KindGuess:
    return KindGuess("other_official", "placeholder: no rules yet")
