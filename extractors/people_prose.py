"""People named in running text by what they do rather than by a title noun before them: the
head of a body ("la Secretaría que encabeza la licenciada Name", "el Instituto que dirige
Name"), a title with a lower-case complement ("la titular de la dependencia, Name,") and
"Name, en su carácter de presidente". Cues: data/people_head_verbs.csv."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from extractors.cues import words
from extractors.names import ARTICLE, NAME_RUN, is_role_word, looks_like_name, split_honorific
from extractors.people_blocks import Found

_CAP = r"[A-ZÁÉÍÓÚÑ][\wÁÉÍÓÚÑáéíóúñ]+"
BODY = rf"{_CAP}(?:[ \t]+(?:de[ \t]+la|de[ \t]+los|del|de|y|para)?[ \t]*{_CAP})*"
LOWER_COMPLEMENT = re.compile(
    r"\b(?P<title>(?:el|la)[ \t]+(?P<noun>\w+)[ \t]+(?:de[ \t]+la|de[ \t]+los|de[ \t]+las|del|de)"
    r"(?:[ \t]+[a-záéíóúñ]+){1,3}),[ \t]*(?P<who>[^,\n]{4,80}?),",
)
CAPACITY = re.compile(
    rf"(?P<who>(?:[\w.]+\.[ \t]+)*{NAME_RUN}),?[ \t]+en[ \t]+su[ \t]+(?:carácter|calidad)[ \t]+de"
    r"[ \t]+(?P<title>[^,;.\n]{3,120})"
)


@cache
def _head_re() -> re.Pattern[str]:
    verbs = "|".join(re.escape(v) for v in words("people_head_verbs"))
    return re.compile(
        rf"(?P<body>{BODY})[ \t]*,?[ \t]+que[ \t]+(?P<verb>{verbs})[ \t]+"
        r"(?:(?:el|la)[ \t]+)?(?P<who>[^,;.]{4,80})"
    )


def _name_at(printed: str, start: int) -> tuple[str, int, str | None] | None:
    """The name opening `printed` (honorific split off), if one does."""
    honorific, rest, offset = split_honorific(printed)
    run = re.match(NAME_RUN, rest)
    if run is None or not looks_like_name(run.group(0)):
        return None
    return run.group(0), start + offset, honorific


def heads(text: str) -> Iterator[Found]:
    """ "<Body> que encabeza/dirige/preside [honorific] Name": Name heads Body."""
    for m in _head_re().finditer(text):
        who = m.group("who")
        if is_role_word(who.split()[0]):
            continue  # "que encabeza la Presidenta Municipal Name": the title rule's
        found = _name_at(who, m.start("who"))
        if found is None:
            continue
        body = ARTICLE.sub("", m.group("body"))
        name, start, honorific = found
        yield Found(name, start, f"{m.group('verb')} {body}", "mentioned", honorific, False)


def complemented(text: str) -> Iterator[Found]:
    """ "la titular de la dependencia, Name,": a role noun with a lower-case complement."""
    for m in LOWER_COMPLEMENT.finditer(text):
        if not is_role_word(m.group("noun")):
            continue
        found = _name_at(m.group("who"), m.start("who"))
        if found is not None and found[0] == split_honorific(m.group("who"))[1].strip():
            name, start, honorific = found
            title = ARTICLE.sub("", m.group("title"))
            yield Found(name, start, title, "mentioned", honorific)


def capacities(text: str) -> Iterator[Found]:
    """ "Name, en su carácter de presidente": the capacity is the title."""
    if "carácter" not in text and "calidad" not in text:
        return  # CAPACITY needs one of them: the name runs before it need not be tried
    for m in CAPACITY.finditer(text):
        found = _name_at(m.group("who"), m.start("who"))
        if found is not None:
            name, start, honorific = found
            yield Found(name, start, m.group("title").strip(), "mentioned", honorific)
