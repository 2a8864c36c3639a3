"""The document's own date and place (its dateline), and every date it mentions with a role.

Letters: the first dateline (place + date, usually at the top). Actas, convenios and gazette
texts: the last signing dateline. Press releases: a dateline or publication line in the header,
else the day the text says it was written ("este jueves ...")."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from extractors.context import Context
from extractors.dategrammar import find_dates
from extractors.dateline_places import place_near
from extractors.dateroles import Candidate, classify
from models import Dateline, DateMention, versions

NAME = versions.DATES

# A press release's header: front matter, headline and dateline come within these lines...
_HEADER_LINES = 8
# ... or, after a headline and its summary bullets, on the first line of the first paragraph
# of prose, within these paragraphs.
_HEADER_PARAGRAPHS = 20
_PROSE_WORDS = 12
_FRONT_MATTER = re.compile(r"\A\ufeff?\s*---\n.*?\n---\n", re.S)
_PARAGRAPH = re.compile(r"(?:^[^\n]*\w[^\n]*(?:\n|\Z))+", re.M)  # lines with a letter or digit
_BULLET = re.compile(r"\s*(?:[-–•*·▪]|\d{1,2}[.)])\s")
# A session's hour makes a date the acta's own unless the date is marked as something else.
_SESSION_ROLES = ("dateline", "other", "labelled")


def mentions(text: str) -> list[Candidate]:
    """Every date written in `text`, classified."""
    found = find_dates(text)
    ends = [0] + [raw.end for raw in found]
    return [classify(text, raw, after) for raw, after in zip(found, ends, strict=False)]


def document_year(candidates: list[Candidate]) -> int | None:
    """The year of the document, for "del presente año" and dates written without a year:
    the first dateline's year, else the most frequent year of the dates that are not cited."""
    for c in candidates:
        if c.role == "dateline" and c.raw.year and not c.raw.relative:
            return c.raw.year
    years = Counter(
        c.raw.year for c in candidates if c.raw.year and c.role in ("other", "publication")
    )
    if not years:
        years = Counter(c.raw.year for c in candidates if c.raw.year)
    if not years:
        return None
    return max(years.items(), key=lambda kv: (kv[1], kv[0]))[0]


def _header_end(text: str) -> int:
    """Offset where a press release's header ends: its first lines, or the first line of its
    first paragraph of prose when headline and summary bullets run longer."""
    m = _FRONT_MATTER.match(text)
    start = m.end() if m else 0
    end = len(text)
    for count, line in enumerate(re.finditer(r"[^\n]*\S[^\n]*", text[start:]), start=1):
        if count >= _HEADER_LINES:
            end = start + line.end()
            break
    for count, para in enumerate(_PARAGRAPH.finditer(text, start), start=1):
        body = para.group()
        if count > _HEADER_PARAGRAPHS:
            break
        lower = sum(ch.islower() for ch in body) > sum(ch.isupper() for ch in body)
        if lower and not _BULLET.match(body) and len(body.split()) >= _PROSE_WORDS:
            line_end = text.find("\n", para.start())
            return max(end, line_end if line_end >= 0 else len(text))
    return end


def select(candidates: list[Candidate], kind: str | None, text: str) -> Candidate | None:
    """The candidate that is the document's own dateline, by the rules of its kind."""
    datelines = [c for c in candidates if c.role == "dateline"]
    labelled = [c for c in candidates if c.role == "labelled"]
    if kind == "other_official":
        # An acta or convenio: its last signing dateline, or the hour its session closed.
        closing = [c for c in candidates if c.role == "dateline" or c.session]
        closing = [c for c in closing if c.role in _SESSION_ROLES]
        if closing:
            return closing[-1]
        if labelled:
            return labelled[0]
        return next((c for c in candidates if c.role == "publication"), None)
    if kind == "press_release":
        header_end = _header_end(text)
        top = [c for c in datelines if c.raw.start < header_end and c.place]
        if top:
            return top[0]
        published = [c for c in candidates if c.role == "publication"]
        if published:
            return published[0]
        if labelled and labelled[0].raw.start < header_end * 2:
            return labelled[0]
        if datelines and datelines[0].raw.start < header_end:
            return datelines[0]  # a date alone on its line under the headline
        return next((c for c in candidates if c.today and c.raw.start < header_end * 2), None)
    if datelines:
        return datelines[0]
    return labelled[0] if labelled else None


def _place(chosen: Candidate, candidates: list[Candidate], kind: str | None) -> str | None:
    if chosen.place or chosen.role != "dateline" or kind != "other_official":
        return chosen.place
    earlier = [c.place for c in candidates if c.role == "dateline" and c.place]
    return earlier[-1] if earlier else None


def extract(ctx: Context) -> Dateline:
    """The dateline of the document in `ctx`, with every date mention and its role."""
    text = ctx.text
    candidates = mentions(text)
    year = document_year(candidates)
    kind = ctx.kind.kind if ctx.kind else None
    chosen = select(candidates, kind, text)
    found: list[DateMention] = []
    for c in candidates:
        value = c.raw.to_date(year)
        if value is None:
            continue
        role = "dateline" if c is chosen else ("other" if c.role == "dateline" else c.role)
        found.append(DateMention(value, c.raw.text, role, ctx.prov(NAME, c.raw.start, c.raw.end)))
    if chosen is None:
        return Dateline(None, None, mentions=tuple(found))
    date: dt.date | None = chosen.raw.to_date(year)
    start = chosen.line_start if chosen.place else chosen.raw.start
    line = " ".join(text[start : chosen.raw.end].split())
    place = _place(chosen, candidates, kind) or place_near(ctx.doc, chosen.raw.start)
    return Dateline(
        date=date,  # None when the dateline gives no year and the document none either
        place=place,
        text=line,
        prov=ctx.prov(NAME, start, chosen.raw.end),
        mentions=tuple(found),
        precision=chosen.raw.precision,
    )
