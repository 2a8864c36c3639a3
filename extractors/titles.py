"""The title of a document: a letter's subject ("ASUNTO: ..."), the heading of an acta, convenio
or gazette text, or a press release's headline. Cues: data/title_cues.csv, data/kind_cues.csv."""

from __future__ import annotations

import re
from functools import cache

from extractors import kind as kinds
from extractors.context import Context
from extractors.cues import pattern, rows
from extractors.dategrammar import find_dates, loose
from models import Title, versions

NAME = versions.TITLES

_MAX_LINES = 6  # a subject or heading wraps over a few lines, never a page
_HEADLINE_MAX = 200  # longer first lines are prose, not a headline
_HEADER_LINES = 6
_LINE = re.compile(r"[^\n]*\S[^\n]*")
_CAPTION = pattern("photo_credit")


@cache
def _labels(role: str) -> re.Pattern[str]:
    cues = [r["cue"] for r in rows("title_cues") if r["role"] == role]
    cues.sort(key=len, reverse=True)
    alternation = "|".join(loose(c) for c in cues)
    return re.compile(rf"^[\s*_]*(?:{alternation})(?!\w)\s*[:.-]*\s*", re.I)


def _join(text: str, start: int, caps_only: bool) -> tuple[str, int]:
    """The block of lines from `start`: stops at a blank line, a finished sentence, or (for a
    heading in capitals) the first line that is not in capitals. Returns (text, end offset)."""
    parts: list[str] = []
    end = offset = start
    for raw in text[start:].split("\n"):
        line, line_end = raw.strip(), offset + len(raw)
        offset = line_end + 1
        if not line:
            if parts:
                break
            continue
        if parts and (parts[-1].endswith(".") or (caps_only and line != line.upper())):
            break
        parts.append(line)
        end = line_end
        if len(parts) >= _MAX_LINES:
            break
    return " ".join(" ".join(parts).split()), end


def subject(text: str) -> tuple[str, int, int] | None:
    """A letter's subject line without its label, joined across lines."""
    pattern = _labels("subject")
    for m in re.finditer(r"^[^\n]*$", text, re.M):
        label = pattern.match(m.group(0))
        if label and label.end() < len(m.group(0)) and ":" in m.group(0)[: label.end() + 1]:
            start = m.start() + label.end()
            joined, end = _join(text, start, caps_only=False)
            return joined, start, end
    return None


def heading(text: str) -> tuple[str, int, int] | None:
    """The heading of an acta, convenio, acuerdo or gazette text, within its heading block."""
    top = kinds.top_end(text)
    for cue in kinds.cues():
        if cue.label != "heading":
            continue
        m = cue.pattern.search(text, 0, top)
        if m:
            start = m.start() + len(m.group(0)) - len(m.group(0).lstrip(" *\n"))
            line_end = text.find("\n", start)
            first = text[start : line_end if line_end >= 0 else len(text)].strip()
            joined, end = _join(text, start, caps_only=first == first.upper())
            return joined, start, end
    return None


def headline(text: str) -> tuple[str, int, int] | None:
    """A press release's headline: the first short line that is not a label, date or caption."""
    skip = _labels("skip")
    for count, m in enumerate(_LINE.finditer(text)):
        line = m.group(0).strip()
        if count >= _HEADER_LINES:
            return None
        if skip.match(line) and len(line) < 60 or _CAPTION.search(line) or find_dates(line):
            continue
        if len(line) > _HEADLINE_MAX:
            return None
        return line, m.start(), m.end()
    return None


def extract(ctx: Context) -> Title | None:
    """The title of the document in `ctx` by the rules of its kind (None when it has none)."""
    kind = ctx.kind.kind if ctx.kind else None
    rules = {"letter": (subject, heading), "other_official": (heading, subject)}
    for rule in rules.get(kind or "", (headline,)):
        found = rule(ctx.text)
        if found and found[0]:
            text, start, end = found
            return Title(text, ctx.prov(NAME, start, end))
    return None


__all__ = ["NAME", "extract", "headline", "heading", "subject"]
