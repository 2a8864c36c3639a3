"""People printed one per line: members or attendees listed under the line that introduces
them ("Asistieron:", "Se nombran como integrantes de la Comisión ... a los Ciudadanos:"),
bulleted "Name: Title" lines, and the recipient of a constancia printed alone between
"otorga la presente a" and "Por haber concluido ...". Cues: data/people_list_cues.csv."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from extractors.cues import rows
from extractors.names import is_role_word, looks_like_name, split_honorific
from extractors.people_blocks import Found
from extractors.roles import role_end
from extractors.signature_block import Line, lines_of
from models.normalise import fold, fold_words

BULLET = re.compile(r"^[ \t]*(?:\d{1,2}[.)\-]+|[-•●*·▪○◦]|[a-z]\))?[ \t]*")
TITLE_APART = re.compile(r"[ \t]*(?::|\.-|[ \t]-[ \t]|–|—|,)[ \t]*")
MAX_ITEMS = 40
AWARD_LINE = re.compile(r"(?:^|[ \t])a[ \t]*:?[ \t]*$", re.IGNORECASE)
AWARD_SAME_LINE = re.compile(r"^[ \t]*a[ \t]*:[ \t]*(?P<who>\S.*?)[ \t]*$", re.IGNORECASE)


@cache
def _cues(kind: str) -> tuple[str, ...]:
    return tuple(fold(r["cue"]) for r in rows("people_list_cues") if r["kind"] == kind)


def _has_cue(text: str, kind: str) -> bool:
    folded = fold_words(text)
    return any(re.search(rf"(?<!\w){re.escape(c)}(?!\w)", folded) for c in _cues(kind))


def _person(text: str, start: int) -> tuple[str, int, str | None, str | None] | None:
    """(name, offset, honorific, title) of a list item: a name alone, or a name and its title
    set apart by ":", ".-", a dash or a comma (the title opening with a role noun)."""
    honorific, rest, offset = split_honorific(text)
    rest = rest.rstrip(" \t,.;")
    if looks_like_name(rest):
        return rest, start + offset, honorific, None
    apart = TITLE_APART.search(rest)
    if apart is None:
        return None
    name, title = rest[: apart.start()].strip(), rest[apart.end() :].strip()
    if looks_like_name(name) and title and is_role_word(title.split()[0].strip(",.")):
        return name, start + offset, honorific, title
    return None


def _paragraph(lines: list[Line], i: int) -> str:
    """The lines up to line `i` back to the blank line before them (four at most)."""
    kept: list[str] = []
    for line in reversed(lines[max(0, i - 3) : i + 1]):
        if not line.stripped:
            break
        kept.append(line.stripped)
    return " ".join(reversed(kept))


def _intro_title(intro: str) -> str | None:
    """The role the introducing line gives ("integrantes de la Comisión de Selección")."""
    for cue in _cues("members"):
        m = re.search(rf"(?<!\w){re.escape(cue)}(?!\w)", fold(intro))
        if m:
            end = role_end(intro, m.end(), frozenset(), frozenset())
            return intro[m.start() : end].strip(" ,:;")
    return None


def members(text: str) -> Iterator[Found]:
    """One person per line under a line ending in ":" that introduces members or attendees."""
    lines = lines_of(text)
    for i, line in enumerate(lines):
        if not line.stripped.endswith(":") or not _has_cue(_paragraph(lines, i), "members"):
            continue
        title = _intro_title(_paragraph(lines, i))
        yield from _items(lines[i + 1 : i + 1 + 2 * MAX_ITEMS], title)


def _items(lines: list[Line], title: str | None) -> Iterator[Found]:
    """The list items from the first line on, across single blank lines, until a line that
    is no person."""
    blanks = 0
    for line in lines:
        if not line.stripped:
            blanks += 1
            if blanks > 1:
                return
            continue
        blanks = 0
        bullet = BULLET.match(line.text)
        at = bullet.end() if bullet else 0
        found = _person(line.text[at:], line.start + at)
        if found is None:
            return
        name, start, honorific, own_title = found
        yield Found(name, start, own_title or title, "member", honorific, False)


def titled_lines(text: str) -> Iterator[Found]:
    """Bulleted lines "• Dr. Name: Presidente del Comité ..." anywhere in the text."""
    for line in lines_of(text):
        bullet = BULLET.match(line.text)
        if not bullet or not bullet.group(0).strip():
            continue
        found = _person(line.text[bullet.end() :], line.start + bullet.end())
        if found is not None and found[3]:
            name, start, honorific, title = found
            yield Found(name, start, title, "mentioned", honorific, False)


def recipients(text: str) -> Iterator[Found]:
    """The person a constancia, diploma or reconocimiento is given to: a name alone on its
    line after "otorga la presente constancia a" or before "Por haber concluido ..."."""
    lines = [ln for ln in lines_of(text) if ln.stripped]
    for n, line in enumerate(lines):
        before = " ".join(ln.stripped for ln in lines[max(0, n - 2) : n])
        after = " ".join(ln.stripped for ln in lines[n + 1 : n + 3])
        same = AWARD_SAME_LINE.match(line.text)
        at = line.start + (same.start("who") if same else len(line.text) - len(line.text.lstrip()))
        printed = same.group("who") if same else line.stripped
        awarded = n > 0 and AWARD_LINE.search(lines[n - 1].stripped) and _has_cue(before, "award")
        if not (awarded or (same and _has_cue(after, "reason"))):
            continue
        honorific, rest, offset = split_honorific(printed)
        if looks_like_name(rest.rstrip(" .,")):
            yield Found(rest.rstrip(" .,"), at + offset, None, "recipient", honorific, False)
