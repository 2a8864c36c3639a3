"""Private people a letter names without any office: the addressee of a salutation ("Estimada
señora Name:"), people introduced by a courtesy word ("la señora Name", "el C. Name") and
relatives ("su hijo menor Name", "Name, su esposa"). Cues: data/people_private_cues.csv."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from extractors.cues import pattern, rows
from extractors.names import NAME_RE, PARTICLES, looks_like_name, split_honorific

_GAP = r"[ \t]*,?[ \t\n]*"
_ARTICLE = r"(?:(?:el|la|los|las|al|del|su|sus|a)[ \t]+)"
ADDRESS_LINE = pattern("address_line")
LIST_GOES_ON = re.compile(
    r"[ \t]*(?:,[ \t\n]*(?:[ye][ \t\n]+)?|[ \t\n]+[ye][ \t\n]+)", re.IGNORECASE
)
MAX_LISTED = 6
INITIAL = re.compile(r"^[A-ZÁÉÍÓÚÑ]\.")
WRAPPING_LINE = 50  # prose lines are longer; a name wraps only in prose
_MINOR = r"(?:[ \t]+menor(?:es)?)?"


@dataclass(frozen=True)
class Named:
    """A private person found in the text: the name as printed, where, and the cue's words."""

    name: str
    start: int
    title: str | None
    role: str
    honorific: str | None = None


@cache
def _cues(kind: str) -> tuple[str, ...]:
    found = [r["cue"] for r in rows("people_private_cues") if r["kind"] == kind]
    return tuple(sorted(found, key=len, reverse=True))


def _alternatives(kind: str) -> str:
    return "|".join(re.escape(c).replace(r"\ ", r"[ \t]+") for c in _cues(kind))


@cache
def _salutation_re() -> re.Pattern[str]:
    courtesy = _alternatives("courtesy")
    return re.compile(
        rf"^[ \t]*(?:muy[ \t]+)?(?:{_alternatives('salutation')})[ \t]+"
        rf"(?:(?:{courtesy})(?<=\.)[ \t]*|(?:{courtesy})[ \t]+)?",
        re.IGNORECASE | re.MULTILINE,
    )


@cache
def _before_name_re() -> re.Pattern[str]:
    """A courtesy word or a relation right before a name: "la señora ", "su hijo menor, el
    joven ", "al C. "."""
    cue = rf"(?:{_alternatives('kin')}){_MINOR}|(?:{_alternatives('courtesy')})"
    return re.compile(
        rf"(?<![\w.])(?:{_ARTICLE}?(?P<cue>{cue}))(?:(?<=\.)[ \t\n]|\b){_GAP}"
        rf"(?:{_ARTICLE}?(?:{_alternatives('courtesy')})(?:(?<=\.)|\b)[ \t]*)?",
        re.IGNORECASE,
    )


@cache
def _after_name_re() -> re.Pattern[str]:
    """A relation printed after a name: ", su esposa", ", su hijo menor"."""
    return re.compile(
        rf"[ \t]*,[ \t\n]*(?:su|sus)[ \t]+(?P<cue>(?:{_alternatives('kin')}){_MINOR})\b",
        re.IGNORECASE,
    )


def _line_length(text: str, pos: int) -> int:
    """The length of the line `pos` is on (without copying the rest of the text)."""
    end = text.find("\n", pos)
    return (end if end != -1 else len(text)) - (text.rfind("\n", 0, pos) + 1)


def _one_name(text: str, start: int, run: str) -> str | None:
    """The name a run of capitalised words opens: never past the end of a short line (an
    addressee block: the next line is a street or a title), never two people joined by "y"."""
    head, newline, _ = run.partition("\n")
    if newline and looks_like_name(head.strip()) and _line_length(text, start) < WRAPPING_LINE:
        run = head
    words = run.split()
    joined = next((n for n, w in enumerate(words) if n >= 2 and w.lower() in ("y", "e")), None)
    if joined is not None and looks_like_name(" ".join(words[:joined])):
        words = words[:joined]  # "Name y Name", "Name y firmantes": the first person alone
    while len(words) > 2 and (
        words[-1].lower() in PARTICLES or not looks_like_name(" ".join(words))
    ):
        words.pop()
    name = " ".join(words)
    if not looks_like_name(name) or ADDRESS_LINE.match(name) or INITIAL.match(name):
        return None  # "C. V. SERVICIOS ...": a company's "S.A. de C.V.", no citizen
    return name


def _names_at(text: str, pos: int) -> Iterator[tuple[int, str, str | None]]:
    """The names printed from `pos`: one, or a list ("Name, Name y Name"), honorifics split off."""
    for _ in range(MAX_LISTED):
        honorific, rest, offset = split_honorific(text[pos : pos + 200])
        start = pos + offset
        run = NAME_RE.match(text, start)
        name = _one_name(text, start, run.group(0)) if run else None
        if name is None:
            return
        yield start, name, honorific
        pos = start + len(_printed(text, start, name))
        more = LIST_GOES_ON.match(text, pos)
        if more is None:
            return
        pos = more.end()


def _printed(text: str, start: int, name: str) -> str:
    found = re.compile(r"\s+".join(map(re.escape, name.split()))).match(text, start)
    return found.group(0) if found else name


def salutations(text: str) -> Iterator[Named]:
    """The person a letter greets: "Estimado señor Name:", "Distinguida Lic. Name:"."""
    for m in _salutation_re().finditer(text):
        for at, name, honorific in _names_at(text, m.end()):
            yield Named(name, at, None, "addressee", honorific)


def introduced(text: str) -> Iterator[Named]:
    """People introduced by a courtesy word or a relation before or after their name."""
    for m in _before_name_re().finditer(text):
        if "\n" in m.group(0) and _line_length(text, m.start()) < WRAPPING_LINE:
            continue  # "Quejoso" closing a line of an addressee block, a street under it
        cue = " ".join(m.group("cue").split())
        for at, name, honorific in _names_at(text, m.end()):
            yield Named(name, at, cue, "mentioned", honorific)
    # Most texts print no ", su <relation>" anywhere: then no name is followed by one.
    runs = NAME_RE.finditer(text) if _after_name_re().search(text) else ()
    for m in runs:
        after = _after_name_re().match(text, m.end())
        if after is None:
            continue
        honorific, rest, offset = split_honorific(m.group(0))
        if looks_like_name(rest.strip()):
            cue = " ".join(after.group("cue").split())
            yield Named(rest.strip(), m.start() + offset, cue, "mentioned", honorific)


def private_people(text: str) -> Iterator[Named]:
    """Everyone a salutation, a courtesy word or a relation names, in the order found."""
    yield from salutations(text)
    yield from introduced(text)
