"""Obligation lists: a convenio's '"EL ESTADO" se obliga a:' followed by lettered or numbered
items, each opening on an infinitive ("a) Elaborar …; b) Remitir …"), states one commitment per
item."""

from __future__ import annotations

import re
from collections.abc import Callable

LIST_WINDOW = 6000  # how far after the cue its items are looked for
ITEM_SPAN = 320
OPENS_LIST = re.compile(r"[ \t]*:")
ITEM = re.compile(
    r"^[ \t]*(?:\(?(?:[a-zA-Z]{1,2}|\d{1,2}|[IVXivx]{1,5})\s?[).\-–]|[-•*✓])[ \t]*", re.MULTILINE
)
INFINITIVE = re.compile(
    r"[a-záéíóúñ]{2,}(?:ar|er|ir)(?:se|le|les|lo|la|los|las)?(?!\w)", re.IGNORECASE
)
# A new clause of the convenio ("CUARTA.- …", "TERCERA. Obligaciones …") ends the list.
HEADING = re.compile(r"^[ \t]*[A-ZÁÉÍÓÚÑ]{4,}(?:\s+[A-ZÁÉÍÓÚÑ]{4,})?\s*\.", re.MULTILINE)
ITEM_END = re.compile(r";|\.(?=\s)")


def opens_list(text: str, pos: int) -> bool:
    """Whether the cue ending at `pos` is followed by a colon (its content is a list)."""
    return OPENS_LIST.match(text, pos) is not None


def list_items(text: str, pos: int, clause_end: Callable[[str, int], int]) -> list[tuple[int, int]]:
    """The spans of the infinitive items of the list opened at `pos`: from the infinitive to
    the item's end (";", a full stop, the next item) or its first clause's, if sooner."""
    heading = HEADING.search(text, pos, pos + LIST_WINDOW)
    stop = heading.start() if heading else min(len(text), pos + LIST_WINDOW)
    markers = list(ITEM.finditer(text, pos, stop))
    spans = []
    for n, marker in enumerate(markers):
        start = marker.end()
        if INFINITIVE.match(text, start) is None:
            continue
        limit = markers[n + 1].start() if n + 1 < len(markers) else stop
        limit = min(limit, start + ITEM_SPAN)
        end = ITEM_END.search(text, start, limit)
        spans.append((start, min(end.start() if end else limit, clause_end(text, start))))
    return spans
