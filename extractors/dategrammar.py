"""A Spanish date grammar: every way a date is written in Mexican official letters and press
releases, compiled once from the cue files (months, spelled-out numbers, relative years)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from extractors.cues import rows, words
from models.normalise import fold

_ACCENTS = {"a": "[aáà]", "e": "[eéè]", "i": "[iíì]", "o": "[oóò]", "u": "[uúü]", "ñ": "[ñn]"}
# Whitespace with at most one line break: a date may wrap a line, never a paragraph.
S = r"(?:[^\S\n]+\n?[^\S\n]*|\n[^\S\n]*)"
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9}
_ROMAN.update({"x": 10, "xi": 11, "xii": 12})
_NOT_A_DAY = {"un", "una", "primer", "mil", "cien", "ciento"}
# A year as scans print it: OCR reads 0 as O and 1 as l or I ("2O25"); read back by _year_of.
_YEAR = r"(?:1[89]|2[0Oo])[\dOoIl]{2}(?![\dOoIl])"
_OCR_DIGITS = str.maketrans("OoIl", "0011")
# What OCR makes of the "de" between month and year ("2 de mayo $ 2023").
_OCR_DE = r"\$|d[co]|cle"


@dataclass(frozen=True)
class RawDate:
    """A date as written: offsets in the text, its parts, and whether the year is relative
    ("del presente año") or missing, in which case `year` is None."""

    start: int
    end: int
    text: str
    day: int
    month: int
    year: int | None
    relative: bool
    form: str  # "words", "numeric", "iso", "month_first", "month" (month and year, no day)

    @property
    def precision(self) -> str:
        """ "month" when the text gives no day ("marzo de 2024"), else "day"."""
        return "month" if self.form == "month" else "day"

    def to_date(self, year: int | None = None) -> dt.date | None:
        """The calendar date, using `year` when the text gave none; None if impossible."""
        y = self.year if self.year is not None else year
        if y is None:
            return None
        try:
            return dt.date(y, self.month, self.day)
        except ValueError:
            return None


def loose(phrase: str) -> str:
    """A regex for `phrase` that ignores accents and ñ/n confusions and allows any spacing."""
    out = []
    for ch in phrase.casefold():
        if ch == " ":
            out.append(S)
        else:
            out.append(_ACCENTS.get(ch, re.escape(ch)))
    return "".join(out)


def _alternatives(items: list[str]) -> str:
    return "|".join(loose(w) for w in sorted(set(items), key=len, reverse=True))


@cache
def number_values() -> dict[str, tuple[int, int]]:
    """Folded number word -> (value, scale) from numbers_es.csv."""
    return {
        fold(r["word"]): (int(r["value"] or 0), int(r["scale"] or 1)) for r in rows("numbers_es")
    }


@cache
def month_numbers() -> dict[str, int]:
    """Folded month name or abbreviation -> month number."""
    return {fold(r["name"]): int(r["number"]) for r in rows("months")}


def spelled_number(text: str) -> int | None:
    """The value of a spelled-out Spanish number ("dos mil veinticuatro" -> 2024)."""
    values = number_values()
    total = current = 0
    seen = False
    for token in re.split(r"[\s()]+", fold(text)):
        if not token or token == "y":
            continue
        if token not in values:
            return None
        value, scale = values[token]
        seen = True
        if scale > 1:
            total += (current or 1) * scale
            current = 0
        else:
            current += value
    return total + current if seen else None


@cache
def date_regex() -> re.Pattern[str]:
    """The compiled grammar; one alternative per family of forms, named groups per part."""
    numbers = list(number_values())
    day_words = _alternatives([w for w in numbers if w not in _NOT_A_DAY])
    num_words = _alternatives(numbers)
    full = _alternatives([r["name"] for r in rows("months") if r["kind"] == "full"])
    abbr = _alternatives([r["name"] for r in rows("months") if r["kind"] == "abbr"])
    relative = _alternatives(list(words("dateline_relative_years")))
    # "primer" is a day only before "día" ("al primer día del mes de marzo"), else an ordinal
    # ("primer informe").
    first = rf"{loose('primer')}(?={S}d[ií]a\b)"
    day_w = rf"(?:{day_words}|{first})(?:{S}y{S}(?:{num_words}))?"
    year_w = rf"(?:(?:dos|un){S})?mil(?:{S}(?:y{S})?(?:{num_words}))*"
    day = (
        rf"(?:(?P<dd>\d{{1,2}})(?![\d:])(?:[°º]|o(?=\W))?(?:{S}?\(?(?:{day_w})\)?)?"
        rf"|(?P<dw>\b{day_w}))"
    )
    # OCR turns the "de" after the day into a comma ("19, ENERO") and drops the space before
    # the year ("ENERO DE2015").
    join = rf",?(?:{S}d[ií]as?)?(?:{S}del?)?(?:{S}mes{S}del?)?(?:{S}|\s*[-/]\s*)"
    year_sep = (
        rf",?(?:{S}(?:del?|de{S}la|de{S}este|{_OCR_DE}))?(?:{S}a[ñn]o)?"
        rf"(?:{S}|\s*[-/]\s*|(?<=de)(?=\d{{4}}))"
    )
    year = (
        rf"(?:(?P<yd>{_YEAR})(?:{S}?\(?(?P<yw2>{year_w})\)?)?"
        rf"|(?P<yw>{year_w})\b|(?P<rel>{relative})\b)"
    )
    words_form = rf"{day}{join}(?P<mf>{full})\b(?:{year_sep}{year})?"
    abbr_form = (
        rf"(?P<ad>\d{{1,2}})(?!\d)\.?{S}?(?:de{S})?(?P<ma>{abbr})\b\.?{S}?"
        rf"(?:del?{S})?(?P<ay>\d{{4}})(?!\d)"
    )
    month_first = (
        rf"\b(?P<mb>{full}){S}(?P<db>\d{{1,2}})(?![\d:])"
        rf"(?:,?{S}(?:del?{S})?(?P<yb>{_YEAR}))?"
    )
    # A dateline with month and year only: "Morelia, Michoacán, marzo de 2024."
    month_year = rf"\b(?P<mm>{full}){S}del?{S}(?:a[ñn]o{S})?(?P<my>{_YEAR})"
    numeric = (
        r"(?<![\d/])(?P<nd>\d{1,2})(?P<sep>[/.-])(?P<nm>\d{1,2}|[IVX]{1,4})(?P=sep)"
        r"(?P<ny>\d{4}|\d{2})(?![\d/])"
    )
    # OCR misreads one letter of the month ("19, EÑeno DE2015"): one letter off a month name
    # of five letters or more, only between a day in digits and a year in digits.
    misread = (
        rf"(?P<od>\d{{1,2}})(?![\d:]){join}(?P<om>{_misread_months()})\b{year_sep}(?P<oy>{_YEAR})"
    )
    iso = r"(?<![\d/-])(?P<iy>(?:19|20)\d{2})-(?P<im>\d{2})-(?P<id>\d{2})(?![\d-])"
    pattern = "|".join(
        f"(?:{p})" for p in (words_form, abbr_form, month_first, numeric, iso, month_year, misread)
    )
    return re.compile(pattern, re.IGNORECASE)


MISREAD_MIN_LETTERS = 5  # "mayo" one letter off is too many words ("cayo", "mayor")
_MISREAD_LETTERS = {**_ACCENTS, "n": "[nñ]"}  # a speck over an n reads as ñ


def _full_months() -> list[str]:
    return [fold(r["name"]) for r in rows("months") if r["kind"] == "full"]


@cache
def _misread_months() -> str:
    """Every full month name of five letters or more with any one letter changed."""
    variants = set()
    for name in _full_months():
        if len(name) < MISREAD_MIN_LETTERS:
            continue
        loose_letters = [_MISREAD_LETTERS.get(ch, re.escape(ch)) for ch in name]
        for at in range(len(name)):
            variants.add("".join(loose_letters[:at] + [r"[^\W\d_]"] + loose_letters[at + 1 :]))
    return "|".join(sorted(variants, key=len, reverse=True))


def _misread_month(word: str) -> int | None:
    """The month a one-letter misreading stands for (the first when two would fit)."""
    folded, numbers = fold(word).replace("ñ", "n"), month_numbers()
    for name in _full_months():
        if len(name) == len(folded) and sum(a != b for a, b in zip(name, folded, strict=True)) <= 1:
            return numbers[name]
    return None


def _year_of(digits: str | None, spelled: str | None) -> int | None:
    if digits:
        digits = digits.translate(_OCR_DIGITS)
        value = int(digits)
        return value if len(digits) == 4 else (2000 + value if value < 50 else 1900 + value)
    return spelled_number(spelled) if spelled else None


def _parts(m: re.Match[str]) -> tuple[int | None, int | None, int | None, bool, str]:
    """(day, month, year, relative, form) of a match of `date_regex`."""
    g = m.groupdict()
    months = month_numbers()
    if g["mf"]:
        day = int(g["dd"]) if g["dd"] else spelled_number(g["dw"])
        year = _year_of(g["yd"], g["yw"] or g["yw2"])
        return day, months.get(fold(g["mf"])), year, bool(g["rel"]), "words"
    if g["ma"]:
        return int(g["ad"]), months.get(fold(g["ma"])), int(g["ay"]), False, "words"
    if g["mb"]:
        year = _year_of(g["yb"], None)
        return int(g["db"]), months.get(fold(g["mb"])), year, False, "month_first"
    if g["nm"]:
        nm = g["nm"]
        month = int(nm) if nm.isdigit() else _ROMAN.get(nm.casefold())
        return int(g["nd"]), month, _year_of(g["ny"], None), False, "numeric"
    if g["mm"]:
        return 1, months.get(fold(g["mm"])), _year_of(g["my"], None), False, "month"
    if g["om"]:
        return int(g["od"]), _misread_month(g["om"]), _year_of(g["oy"], None), False, "words"
    return int(g["id"]), int(g["im"]), int(g["iy"]), False, "iso"


# A break between paragraphs no date crosses: a blank line (S holds one line break at most),
# unless a dash or slash touches it (a numeric date's "\s*[-/]\s*" holds any space).
_PARAGRAPH_BREAK = re.compile(r"(?<![-/\s])[^\S\n]*\n\s*\n\s*(?![-/\s])")


@cache
def _date_sign() -> re.Pattern[str]:
    """A digit or a full month name as date_regex writes them: every date holds one."""
    full = _alternatives([r["name"] for r in rows("months") if r["kind"] == "full"])
    return re.compile(rf"\d|{full}", re.IGNORECASE)


def _date_stretches(text: str) -> list[tuple[int, int]]:
    """(start, end) of the paragraphs that may hold a date, each with the break after it: a
    date never crosses a break, and the grammar's search skips the paragraphs without one."""
    stretches: list[tuple[int, int]] = []
    start, sign = 0, _date_sign()
    for cut in (*(m.end() for m in _PARAGRAPH_BREAK.finditer(text)), len(text)):
        if sign.search(text, start, cut):
            if stretches and stretches[-1][1] == start:  # joined: one search, as before
                start = stretches.pop()[0]
            stretches.append((start, cut))
        start = cut
    return stretches


def find_dates(text: str) -> list[RawDate]:
    """Every date written in `text`, in order; impossible dates (31 de febrero) are skipped."""
    found: list[RawDate] = []
    grammar = date_regex()
    stretches = _date_stretches(text)
    for m in (m for start, end in stretches for m in grammar.finditer(text, start, end)):
        day, month, year, relative, form = _parts(m)
        if day is None or month is None or not 1 <= day <= 31:
            continue
        raw = RawDate(m.start(), m.end(), m.group(0), day, month, year, relative, form)
        if raw.to_date(year or 2000) is None:
            continue
        found.append(raw)
    return found
