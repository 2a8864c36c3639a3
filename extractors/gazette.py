"""Gazette signatures and typed signing lists: signers marked "Rúbrica" / "(Firmado)" ("Title,
Name.- Rúbrica.", "Title. C. Name. Rúbrica.", a name line over "(RÚBRICA)") and lists closed by
"(Firmados)"; the people an acta names as present when it says all present sign."""

from __future__ import annotations

import re
from collections.abc import Iterator

from extractors.cues import pattern
from extractors.names import ARTICLE, NAME_RE, honorific_starts, looks_like_name, split_honorific
from extractors.signature_block import MAX_SHORT_LINE_WORDS, Entry, formula_re, lines_of, name_at

RUBRICA = pattern("signature_mark")
REPRESENTED = pattern("on_behalf")
GAZETTE_BREAK = re.compile(r"\.[ \t]?[-–]|:|R[úu]brica\.?")  # ".-", also ". -"
SIGNED_LIST = pattern("signed_list_end")
ROMAN = re.compile(r"^[IVXL]+\.?$")
LIST_TITLE = re.compile(r"[ \t]*,[ \t]*([A-ZÁÉÍÓÚÑ][^;,\n]{2,80})")
LIST_HEADER = re.compile(r"([A-ZÁÉÍÓÚÑ][\w ]{2,40}):\s*$")
TITLE_TAIL = re.compile(r"\s+(?:de|del|de la|y|e)$", re.IGNORECASE)


def gazette_signatures(text: str) -> Iterator[Entry]:
    """Signers marked "Rúbrica" / "(Firmado)": "Title, Name.- Rúbrica.", "Name, Title.- Rúbrica",
    "Title. C. Name. Rúbrica." or a name line followed by a line "Rúbrica." / "(RÚBRICA)"."""
    for m in RUBRICA.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if not text[line_start : m.start()].strip(" .-–\t("):
            entry = _signature_above(text, line_start)
        else:
            entry = _inline_signature(text, m.start())
        if entry is not None:
            yield entry


def _signature_above(text: str, line_start: int) -> Entry | None:
    """A name on the line above a lone "Rúbrica", the title on the line above that."""
    lines = [ln for ln in lines_of(text[:line_start]) if ln.stripped][-2:]
    if not lines:
        return None
    entry = name_at(lines[-1], lines[-1].text, 0)
    if entry is None:
        return None
    if len(lines) == 2 and len(lines[0].text.split()) <= MAX_SHORT_LINE_WORDS:
        title = ARTICLE.sub("", lines[0].stripped)
        if title[:1].isupper() and not looks_like_name(title):
            entry.title_lines.append(title)
    return entry


def _inline_signature(text: str, rubrica: int) -> Entry | None:
    """The signer in the sentence fragment that ends at ".- Rúbrica"."""
    end = rubrica
    while end > 0 and text[end - 1] in " .-–\n\t":
        end -= 1
    window = max(0, end - 500)
    breaks = list(GAZETTE_BREAK.finditer(text, window, end))
    start = breaks[-1].end() if breaks else window
    segment = text[start:end]
    head, sep, tail = segment.rpartition(",")
    if sep:
        honorific, rest, offset = split_honorific(tail)
        if looks_like_name(rest.strip()):
            name = rest.strip()
            at = start + len(head) + 1 + offset + (len(rest) - len(rest.lstrip()))
            title = ARTICLE.sub("", " ".join(head.split()))
            return Entry(name, at, at + len(name), honorific, [title] if title else [])
    first, sep, rest_title = segment.partition(",")
    honorific, rest, offset = split_honorific(first)
    if sep and looks_like_name(rest.strip()):
        at = start + offset
        return Entry(
            rest.strip(), at, at + len(rest.strip()), honorific, [" ".join(rest_title.split())]
        )
    return _after_honorific(text, start, end)


def _after_honorific(text: str, start: int, end: int) -> Entry | None:
    """A "Title. C. Name" fragment (no comma): the name after its last honorific, the title the
    sentence before it."""
    segment = text[start:end]
    starts = honorific_starts(segment)
    if not starts:
        return None
    honorific, rest, offset = split_honorific(segment[starts[-1] :])
    name = " ".join(rest.split())
    if honorific is None or not looks_like_name(name):
        return None
    head = segment[: starts[-1]].rstrip(" .-–\n\t")
    title = ARTICLE.sub("", " ".join(head.rsplit(". ", 1)[-1].split()))
    at = start + starts[-1] + offset
    titles = [title] if title[:1].isupper() and not looks_like_name(title) else []
    return Entry(name, at, at + len(rest.rstrip()), honorific, titles)


def signing_lists(text: str) -> Iterator[Entry]:
    """Signers of a typed list closed by "(Firmados)": "C. Name, Title; Header: C. Name, C. Name",
    read from the marker's paragraph (at most 14 lines up); only when it names two or more."""
    for m in SIGNED_LIST.finditer(text):
        top = m.start()
        for _ in range(15):
            top = text.rfind("\n", 0, top - 1) + 1 if top > 0 else 0
            if top == 0 or not text[text.rfind("\n", 0, top - 1) + 1 : top].strip():
                break
        entries: list[Entry] = []
        header: str | None = None  # "Regidores:" titles the names after it
        for at in honorific_starts(text[top : m.start()]):
            entry = _listed(text, top + at, m.start())
            if entry is None:
                continue
            found = LIST_HEADER.search(text[max(0, top + at - 50) : top + at])
            header = found.group(1).strip() if found else header
            if not entry.title_lines and header:
                entry.title_lines.append(header)
            elif entry.title_lines:
                header = None
            entries.append(entry)
        if len(entries) >= 2:
            yield from entries


def _listed(text: str, at: int, stop: int) -> Entry | None:
    """The honorific and name at `at` in a signing list, with the title printed after a comma."""
    honorific, rest, offset = split_honorific(text[at:stop])
    run = NAME_RE.match(rest)
    if honorific is None or run is None:
        return None
    words = run.group(0).split()
    while words and ROMAN.match(words[-1]):
        words.pop()  # a numbered line of another column wrapped into the name
    while len(words) > 2 and not looks_like_name(" ".join(words)):
        words.pop()
    if not looks_like_name(" ".join(words)):
        return None
    start = at + offset
    end = start + len(_span_of(rest, words))
    entry = Entry(" ".join(words), start, end, honorific)
    title = LIST_TITLE.match(text, end, stop)
    printed = title.group(1).strip() if title else ""
    if printed and "\n" not in printed and split_honorific(printed)[0] is None:
        entry.title_lines.append(TITLE_TAIL.sub("", printed))
    return entry


def _span_of(rest: str, words: list[str]) -> str:
    """The printed text of the first len(words) words of `rest` (line breaks kept)."""
    pos = 0
    for word in words:
        pos = rest.index(word, pos) + len(word)
    return rest[:pos]


def acta_attendees(text: str) -> Iterator[Entry]:
    """The people an acta names as present ("se reunieron los C.C. Ing. Name, Title; ..."), with
    an honorific, up to the paragraph's end; never one a present person represents."""
    for m in formula_re("attending").finditer(text):
        stop = text.find("\n\n", m.end())
        stop = min(stop if stop >= 0 else len(text), m.end() + 1500)
        for at in honorific_starts(text[m.end() : stop]):
            if REPRESENTED.search(text[max(0, m.end() + at - 30) : m.end() + at]):
                continue
            honorific, rest, offset = split_honorific(text[m.end() + at : stop])
            run = NAME_RE.match(rest)
            words = run.group(0).split() if run and honorific else []
            while len(words) > 2 and not looks_like_name(" ".join(words)):
                words.pop()
            if looks_like_name(" ".join(words)):
                start = m.end() + at + offset
                yield Entry(" ".join(words), start, start + len(" ".join(words)), honorific)
