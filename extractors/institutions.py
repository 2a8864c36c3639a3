"""Placeholder for the institutions extractor (being written)."""

from __future__ import annotations

from extractors.context import Context
from models import Institution

NAME = "institutions.v1"


def normalise(printed: str, known: tuple[Institution, ...] = ()) -> Institution | None:
    """The institution a printed name or acronym refers to ("Infoem", "alcaldía Benito Juárez",
    "este Ayuntamiento"), preferring those already found in the document (`known`), then the
    catalogues; None when it is not a public institution."""
    return None


def extract(ctx: Context) -> tuple[Institution, ...]:
    return ()
