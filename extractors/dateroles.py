"""What a date written in a document is for (its role) and the place written before it:
receipt stamps, publication lines, laws, periods, cited oficios, or a dateline candidate."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from extractors.catalog import simplify, state_names
from extractors.cues import rows, words
from extractors.dategrammar import RawDate, loose
from models.normalise import fold

_CONNECTORS = {"de", "del", "la", "las", "los", "el", "y", "e"}
_ARTICLES = {"la", "las", "los", "el"}
_MARKUP = re.compile(r"<[^>]*>|[*#>_`|\[\]]")
_SEPARATOR = re.compile(r"(?:[,;:(\-–—]|\.-|\s)+$")
_TRAILING_WORD = re.compile(
    r"(?:^|\s)(a\s+los|al|a|el\s+d[ií]a|del\s+d[ií]a|el|d[ií]a|del?)$", re.I
)
_SUFFIX_PLACE = re.compile(r"^,\s*en\s+([^.\n]{2,80}?)\s*(?:[.\n]|$)", re.I)
# The first date of a period, or a date after "del 6 al": "del 6 al 19 de abril de 2020".
_PERIOD_BEFORE = re.compile(
    r"\b(?:del?|desde(?:\s+el)?)\s+\d{1,2}\s+(?:al?|hasta(?:\s+el)?)\s*$", re.I
)
_PERIOD_AFTER = re.compile(r"^\s*(?:al|hasta\s+el|y\s+el)\s+\d{1,2}\b", re.I)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n\s*\n")
# "a los treinta días del mes de junio": the formula actas, convenios and constancias sign with.
# "a los quince días del mes de", "al primer día del mes de"
_DAYS_OF_MONTH = re.compile(r"d[ií]as?\s+del\s+mes\b", re.I)
_A_LOS = re.compile(r"\b(?:los|al)\s*$", re.I)
# The hour of a session right before its day: "a las 9:00 horas del día", "13:30 hrs. del".
# "el día 23 de agosto de 2022, reunidos en el municipio de X, Estado, en las oficinas ...".
_GATHERED = re.compile(
    r"^[\s,]*(?:reunid[oa]s|constituid[oa]s|se\s+reunieron)\s+en\s+(.{2,90}?)(?=,\s*en\s|[.;]|$)",
    re.I | re.S,
)
_SESSION_HOUR = re.compile(r"\b(?:horas|hrs)\b\.?[^.\n\d]{0,25}$", re.I)


@dataclass(frozen=True)
class Candidate:
    """A date mention with its role and, for dateline candidates, the place written with it."""

    raw: RawDate
    role: str  # dateline, publication, labelled ("Fecha: ..."), stamp, law, period, cited, other
    place: str | None = None
    signing: bool = False  # a signing formula ("Dado en", "siendo las", "a los ... días")
    session: bool = False  # the hour of a session precedes it ("a las 9:00 horas del día")
    today: bool = False  # "este jueves", "el día de hoy": the day a press release was written
    line_start: int = 0


@cache
def _cue_regex(role: str) -> re.Pattern[str]:
    cues = [r["cue"] for r in rows("dateline_roles") if r["role"] == role]
    return _phrases(tuple(cues))


@cache
def _phrases(cues: tuple[str, ...]) -> re.Pattern[str]:
    alternation = "|".join(loose(c) for c in sorted(cues, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.I)


@cache
def _file_regex(name: str) -> re.Pattern[str]:
    return _phrases(words(name))


@cache
def _weekday_tail() -> re.Pattern[str]:
    alternation = "|".join(loose(w) for w in words("dateline_weekdays"))
    return re.compile(rf"(?:^|\s)(?:{alternation})[\s,]*$", re.I)


def _line(text: str, start: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    return line_start, len(text) if line_end < 0 else line_end


def _sentence_before(text: str, start: int, limit: int = 300) -> str:
    window = text[max(0, start - limit) : start]
    ends = list(_SENTENCE_END.finditer(window))
    if ends:
        window = window[ends[-1].end() :]
    return " ".join(window.split())


def _strip_affixes(place: str) -> str:
    affixes = [fold(a) for a in words("dateline_place_affixes")]
    changed = True
    while changed:
        changed = False
        for affix in affixes:
            folded = fold(place)
            keeps_cdmx = affix == "ciudad de" and folded.startswith("ciudad de mexico")
            if folded.startswith(affix + " ") and not keeps_cdmx and not _named_with_article(place):
                place = place[len(affix) :].strip()
                changed = True
    return place


def _named_with_article(place: str) -> bool:
    """Whether a capitalised article before a capitalised word is the name's own ("La Paz",
    "El Salto"), not an affix before a place word ("LA CIUDAD DE ATLIXCO")."""
    tokens = place.split()
    if len(tokens) < 2 or fold(tokens[0]) not in _ARTICLES:
        return False
    rest = fold(" ".join(tokens[1:]))
    affixes = [fold(a) for a in words("dateline_place_affixes")]
    return (
        tokens[0][0].isupper()
        and tokens[1][0].isupper()
        and not any(rest.startswith(a + " ") for a in affixes)
    )


def plausible_place(place: str) -> bool:
    """A short run of capitalised words and connectors, no digits, not a known non-place."""
    tokens = [t.strip(",;.()") for t in place.split()]
    tokens = [t for t in tokens if t]
    if not 1 <= len(tokens) <= 9 or any(ch.isdigit() for ch in place):
        return False
    never = {fold(w) for w in words("dateline_not_places")} | _CONNECTORS
    # Many places open with an article: "La Paz", "Los Mochis", "Las Margaritas", "El Salto".
    if fold(tokens[0]) in never and not _named_with_article(" ".join(tokens)):
        return False
    return all(t[0].isupper() or fold(t) in _CONNECTORS for t in tokens)


def place_before(prefix: str, signing: bool = False) -> tuple[str | None, bool]:
    """(place, separated): the place a dateline prefix ends with, and whether a separator
    (",", ";", "a", "(", ".-"; "el" after a signing formula) stands between it and the date."""
    rest = " ".join(_MARKUP.sub(" ", prefix).split())
    separated = False
    while True:
        before = rest
        rest = _weekday_tail().sub("", rest)
        stripped = _SEPARATOR.sub("", rest)
        separated = separated or stripped != rest
        rest = stripped
        m = _TRAILING_WORD.search(rest)
        if m:
            el = fold(m.group(1)).startswith(("el", "del", "de", "dia"))
            rest, separated = rest[: m.start()].rstrip(), separated or signing or not el
        if rest == before:
            break
    # "Saltillo, Coah. 12 de octubre": the abbreviation's period stands between place and date.
    separated = separated or rest.endswith(".")
    cut = re.search(r"\bsiendo\b", rest, re.I)
    if cut:
        rest, separated = rest[: cut.start()].rstrip(" ,;"), True
    rest = _remove_fillers(rest)
    for candidate in (rest, *_after_en(rest)):
        place = _full_stop(_strip_affixes(candidate.strip(" ,;")))
        if place and plausible_place(place):
            return place, separated
    return None, separated


def _full_stop(place: str) -> str:
    """The place without a sentence's full stop; an abbreviation keeps its period ("Yuc.")."""
    last = place.rsplit(None, 1)[-1] if place else ""
    return place[:-1] if last.endswith(".") and len(last) > 6 and "." not in last[:-1] else place


@cache
def _fillers() -> re.Pattern[str]:
    alternation = "|".join(loose(w) for w in words("dateline_place_fillers"))
    return re.compile(rf"(?:,\s*)?\b(?:{alternation})\b\s*", re.I)


def _remove_fillers(text: str) -> str:
    return " ".join(_fillers().sub(" ", text).split()).replace(" ,", ",")


def _after_en(text: str) -> list[str]:
    return [text[m.end() :] for m in re.finditer(r"\ben\s+", text, re.I)][::-1]


def classify(text: str, raw: RawDate, after: int = 0) -> Candidate:
    """The role of one date mention, with the place when it is a dateline candidate.
    `after` is where the previous date ended: a cue before it ("de fecha") belongs to it."""
    line_start, line_end = _line(text, raw.start)
    line = text[line_start:line_end]
    prefix = text[line_start : raw.start]
    prev_line = _neighbour_line(text, line_start, -1)
    sentence = _sentence_before(text, raw.start, limit=min(300, raw.start - after))
    session = bool(_SESSION_HOUR.search(sentence[-40:]))
    base: dict[str, Any] = {"raw": raw, "line_start": line_start, "session": session}
    role = _marked_role(line, prefix, prev_line)
    if role:
        return Candidate(role=role, **base)
    gathered = _GATHERED.match(text[raw.end : raw.end + 160])
    if gathered:
        where = _strip_affixes(" ".join(gathered.group(1).split()).strip(" ,"))
        if plausible_place(where):
            return Candidate(role="dateline", place=where, signing=True, **base)
    signing = bool(_file_regex("dateline_signing").search(sentence[-100:])) or bool(
        _DAYS_OF_MONTH.search(raw.text) and _A_LOS.search(sentence)
    )
    if not signing and _is_law(text, raw, sentence):
        return Candidate(role="law", **base)
    place, separated = place_before(sentence if signing else prefix, signing)
    if place is None and not prefix.strip() and prev_line.rstrip().endswith((",", ";")):
        place, separated = place_before(prev_line + " ")
    if place is None and signing:
        place, _ = place_before(prefix, signing)
    if place is None and re.search(r"\bel\s+d[ií]a\s*$", sentence, re.I):
        place = _place_after(text[raw.end : raw.end + 120])
        separated = place is not None
    bare = _weekday_tail().sub("", _MARKUP.sub("", prefix)).strip(" \t,;:a")
    alone = not bare and len(line.strip()) <= len(raw.text) + len(prefix.strip()) + 6
    alone = alone and raw.precision == "day"  # a lone "marzo de 2024" is a heading, not a date
    if alone and place is None:
        # Two-column scans put "Ciudad Universitaria, a" on the line after the date.
        following = _neighbour_line(text, line_end, +1)
        if re.search(r"(?:,|\ba)\s*$", following):
            place, _ = place_before(following)
    # "IRAPUATO, GUANAJUATO 07 DE ABRIL DE 2018.-": no comma before the date, but the line
    # opens on a place that ends in one of the 32 states' names.
    if place is not None and fold(bare.strip(" ,;.-")) == fold(place):
        separated = separated or _ends_in_state(place)
    if (place and separated) or signing or alone:
        return Candidate(role="dateline", place=place, signing=signing, **base)
    today = bool(re.search(rf"(?:{_file_regex('dateline_today').pattern})\W*$", prefix[-30:], re.I))
    role = _distractor_role(text, raw, prefix, sentence)
    if session and role == "cited":
        # "se da por concluida la sesión a las 13:00 horas del día ...": an hour makes it the
        # session's own time, not a citation of another session's date.
        role = "other"
    return Candidate(role=role, today=today, **base)


def _ends_in_state(place: str) -> bool:
    """ "Irapuato, Guanajuato", "Guanajuato": a place, a comma and a state, or a state alone."""
    words = simplify(place).split()
    ends = [" ".join(words[-n:]) for n in range(1, min(4, len(words)) + 1)]
    return simplify(place) in state_names() or (
        "," in place and any(e in state_names() for e in ends)
    )


def _neighbour_line(text: str, offset: int, step: int) -> str:
    """The nearest non-blank line before (step -1) or after (step +1) the line break at offset."""
    if step < 0:
        lines = text[max(0, offset - 400) : max(0, offset - 1)].split("\n")[::-1]
    else:
        lines = text[offset + 1 : offset + 400].split("\n")
    return next((ln for ln in lines[:3] if ln.strip()), "")


def _place_after(after: str) -> str | None:
    m = _SUFFIX_PLACE.match(after)
    place = _strip_affixes(m.group(1)) if m else ""
    return place if place and plausible_place(place) else None


def _marked_role(line: str, prefix: str, prev_line: str) -> str | None:
    """stamp or publication when the date's line (or the one above) says so."""
    short = len(line.strip()) <= 60
    if len(line.strip()) <= 80 and _cue_regex("stamp").search(line):
        return "stamp"
    if _cue_regex("publication").search(prefix[-40:]):
        return "publication"
    if _labels().match(_weekday_tail().sub("", prefix)):
        return "labelled"
    bare = not _weekday_tail().sub("", prefix).strip()  # the date (and weekday) opens its line
    if bare and short and len(prev_line.strip()) <= 40 and _cue_regex("stamp").search(prev_line):
        return "stamp"  # "RECIBIDO" over the stamp's date
    above = len(prev_line.strip()) <= 40 and _cue_regex("gazette_header").search(prev_line)
    if bare and short and above:
        return "publication"
    # Gazette page headers: "Martes 14 de marzo de 2023 DIARIO OFICIAL 12".
    header = len(line.strip()) <= 100 and _cue_regex("gazette_header").search(line)
    if header and _weekday_tail().search(prefix) and not re.search(r"\bpublic", line, re.I):
        return "publication"
    return None


@cache
def _labels() -> re.Pattern[str]:
    alternation = "|".join(loose(w) for w in sorted(words("dateline_labels"), key=len)[::-1])
    return re.compile(rf"^[\W_]*(?:{alternation})\s*[:.]?[\s\-–—]*$", re.I)


def _is_law(text: str, raw: RawDate, sentence: str) -> bool:
    """A date of a law or of its publication ("publicado en el Diario Oficial ... el ...")."""
    after = text[raw.end : raw.end + 40]
    return bool(_cue_regex("law").search(sentence[-150:]) or re.search(r"\bpublic", after, re.I))


def _distractor_role(text: str, raw: RawDate, prefix: str, sentence: str) -> str:
    after = text[raw.end : raw.end + 30]
    if _PERIOD_BEFORE.search(prefix[-40:]) or _PERIOD_AFTER.match(after):
        return "period"
    if _cue_regex("period").search(sentence[-60:]):
        return "period"
    if _cue_regex("cited").search(sentence[-80:]):
        return "cited"
    return "other"
