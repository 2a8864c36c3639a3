"""Signatory candidates: every signer the signature rules read (closing blocks, gazette
signatures, signing lists, layout tables, acta attendees, name-over-title runs) and every other
name printed on a line of its own, each with the weak signals around it that the trained
scorer (scorer.py) weighs: which rules found it, where it stands, what is printed above and
below it. What a rule read stands; the scorer decides on the names no rule read, which is where
signers in prose roll calls, name lists and OCR-broken blocks are."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from extractors.context import Context
from extractors.cues import pattern
from extractors.gazette import acta_attendees, gazette_signatures, signing_lists
from extractors.names import (
    NAME_RE,
    honorific_starts,
    looks_like_name,
    split_honorific,
)
from extractors.signature_block import (
    COLUMN_GAP,
    END_OF_BLOCK,
    Entry,
    Line,
    closing_blocks,
    columns,
    formula_re,
    is_closing,
    lines_of,
    name_at,
)
from extractors.signature_layout import table_signers
from extractors.signature_runs import name_title_runs, opens_title
from models.normalise import OCR_NAME_RATIO, OCR_WORD_RATIO, fold, role_honorifics, same_name

NEAR_LINES = 8  # a closing formula this close above a name heads its signature block
FAR_LINES = 40
HEAD_LINES = 12  # letterhead and addressee
PROSE_WORDS = 12  # a line this long is a sentence, not a name line
GENERATED = frozenset({"line", "honorific", "entity"})  # candidates no signature rule read
RUBRICA = pattern("signature_mark")
ROLL_CALL = pattern("roll_call")


@dataclass
class Candidate:
    """A name that may be a signer, the rules that read it, and the line it is printed on."""

    entry: Entry
    sources: set[str] = field(default_factory=set)
    line: int = 0
    features: dict[str, float] = field(default_factory=dict)

    @property
    def read_by_rules(self) -> bool:
        """Whether a signature rule read it (those stand; the scorer weighs the others)."""
        return bool(self.sources - GENERATED)


@dataclass(frozen=True)
class Layout:
    """What the candidates' features look up in the document: its lines and where the closing
    formulas, "PRESENTE" lines and copy lists stand."""

    text: str
    folded: str
    lines: list[Line]
    starts: list[int]
    closings: list[int]
    presente: list[int]
    copies: list[int]

    @classmethod
    def of(cls, text: str) -> Layout:
        lines = lines_of(text)
        starts = [line.start for line in lines]
        closings = {i for i, line in enumerate(lines) if is_closing(line.text)}
        for m in formula_re("signing", "signing_all").finditer(text):
            closings.add(bisect_right(starts, m.end() - 1) - 1)
        presente = [
            i
            for i, line in enumerate(lines)
            if pattern("addressee_presente_loose").match(line.stripped)
        ]
        copies = [i for i, line in enumerate(lines) if END_OF_BLOCK.match(line.stripped)]
        return cls(text, fold(text), lines, starts, sorted(closings), presente, copies)

    def line_of(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)


def rule_entries(ctx: Context) -> list[tuple[str, Entry]]:
    """Every signer the signature rules read, tagged with the rule, cells of layout tables first."""
    text = ctx.text
    found: list[tuple[str, Entry]] = [("table", e) for e in table_signers(ctx.document)]
    found += sorted(
        [
            *(("closing", e) for e in closing_blocks(text)),
            *(("gazette", e) for e in gazette_signatures(text)),
            *(("signing_list", e) for e in signing_lists(text)),
        ],
        key=lambda pair: pair[1].start,
    )
    if formula_re("signing_all").search(text):
        found += [("attendees", e) for e in acta_attendees(text)]
    formulas = [m.end() for m in formula_re("closing", "signing", "signing_all").finditer(text)]
    press = ctx.kind is not None and ctx.kind.kind == "press_release"
    found += [("runs", e) for e in name_title_runs(text, formulas, last_only=press)]
    return found


def line_names(layout: Layout) -> Iterable[Entry]:
    """Every name printed alone on a line or in a column of it (an honorific allowed)."""
    for line in layout.lines:
        text = line.stripped
        if not text or len(text.split()) > PROSE_WORDS:
            continue
        for piece, offset in columns(line):
            entry = name_at(line, piece, offset)
            if entry is not None:
                yield entry


def honorific_names(text: str) -> Iterable[Entry]:
    """Every name printed after an honorific, in prose too ("Regidor Mtra. Ana Ruiz Gil, ...")."""
    for at in honorific_starts(text):
        honorific, rest, offset = split_honorific(text[at : at + 120])
        run = NAME_RE.match(rest) if honorific else None
        words = run.group(0).split() if run else []
        while len(words) > 2 and not looks_like_name(" ".join(words)):
            words.pop()
        name = " ".join(words)
        if looks_like_name(name) and text.startswith(name, at + offset):
            yield Entry(name, at + offset, at + offset + len(name), honorific)


def entity_names(ctx: Context) -> Iterable[Entry]:
    """The people spaCy's recogniser finds that read as a full name."""
    for ent in ctx.doc.ents:
        if ent.label_ == "PER" and "\n" not in ent.text and looks_like_name(ent.text):
            yield Entry(ent.text, ent.start_char, ent.end_char)


def candidates(ctx: Context) -> list[Candidate]:
    """The document's signatory candidates, one per name (same name or same OCR reading), in
    the rules' order and then reading order, each with its features."""
    layout = Layout.of(ctx.text)
    found: list[Candidate] = []
    generated = [
        *rule_entries(ctx),
        *(("line", e) for e in line_names(layout)),
        *(("honorific", e) for e in honorific_names(ctx.text)),
        *(("entity", e) for e in entity_names(ctx)),
    ]
    for source, entry in generated:
        same = next((c for c in found if _same(c.entry, entry)), None)
        if same is None:
            found.append(Candidate(entry, {source}, layout.line_of(entry.start)))
        else:
            same.sources.add(source)
            if not same.entry.title_lines and entry.title_lines:
                same.entry.title_lines = entry.title_lines
    others = {c.line for c in found}
    scanned = any(w.confidence is not None for p in ctx.document.pages for w in p.words)
    kind = ctx.kind.kind if ctx.kind is not None else "other_official"
    for c in found:
        if not c.read_by_rules:  # what a rule read stands: the scorer never weighs it
            c.features = features(c, layout, others, kind=kind, scanned=scanned)
    return found


def _same(a: Entry, b: Entry) -> bool:
    return a.start == b.start or same_signer(a.name, b.name)


def same_signer(a: str, b: str) -> bool:
    """One signer found twice: a name in the other, OCR slips, or one name read twice by OCR."""
    return same_name(
        a,
        b,
        min_ratio=OCR_NAME_RATIO,
        word_ratio=OCR_WORD_RATIO,
        contained=True,
        reread=True,
        cut_words=True,
    )


def features(
    c: Candidate, layout: Layout, name_lines: set[int], *, kind: str, scanned: bool
) -> dict[str, float]:
    """The weak signals about one candidate, as named features (1.0 when present)."""
    f: dict[str, float] = {"bias": 1.0, f"kind:{kind}": 1.0}
    f["rules:none"] = 1.0  # a name no rule read: the only kind the scorer weighs
    n = len(layout.lines) or 1
    f[f"position:{min(4, 5 * c.line // n)}"] = 1.0
    if c.line < HEAD_LINES:
        f["head"] = 1.0
    above = [c.line - i for i in layout.closings if i < c.line]
    distance = min(above, default=None)
    if distance is not None and distance <= NEAR_LINES:
        f["closing_above:near"] = 1.0
    elif distance is not None and distance <= FAR_LINES:
        f["closing_above:far"] = 1.0
    elif layout.closings:
        f["closing_above:none" if distance is None else "closing_above:distant"] = 1.0
    else:
        f["closings:none"] = 1.0
    if any(i > c.line for i in layout.closings):
        f["closing_below"] = 1.0
    if any(0 <= i - c.line <= 4 for i in layout.presente):
        f["presente_below"] = 1.0
    if any(0 < c.line - i <= 12 for i in layout.copies):
        f["copies_above"] = 1.0
    entry = c.entry
    if entry.honorific:
        f["honorific"] = 1.0
        if fold(entry.honorific) in role_honorifics():
            f["honorific:role"] = 1.0
    if entry.title_lines:
        f["title"] = 1.0
    below = _next_printed(layout, c.line)
    if below is not None and opens_title(layout.lines[below].stripped):
        f["title_below"] = 1.0
    if entry.name.isupper():
        f["capitals"] = 1.0
    text = layout.lines[c.line].stripped
    if len(text.split()) > PROSE_WORDS:
        f["prose"] = 1.0
    elif COLUMN_GAP.search(text):
        f["columns"] = 1.0
    for source in c.sources & GENERATED:
        f[f"found_as:{source}"] = 1.0
    line = layout.lines[c.line]
    before = layout.text[line.start : entry.start]
    if not before.strip() or (entry.honorific and len(before.split()) <= 2):
        f["line_start"] = 1.0
    after = layout.text[entry.end : entry.end + 30]
    if after.startswith(","):
        f["comma_after"] = 1.0
    if any(ch.isdigit() for ch in after):
        f["digits_after"] = 1.0  # a street number, a postcode, a date: not a signature line
    paragraph_end = layout.text.find("\n\n", entry.end)
    paragraph = layout.folded[entry.end : paragraph_end if paragraph_end >= 0 else len(layout.text)]
    if ROLL_CALL.search(paragraph[:300]):
        f["present_after"] = 1.0
    words = len(entry.name.split())
    f[f"words:{min(words, 5)}"] = 1.0
    if any(0 < abs(line - c.line) <= 3 for line in name_lines):
        f["names_near"] = 1.0
    mentions = layout.folded.count(fold(entry.name))
    if mentions > 1:
        f["mentioned_again"] = 1.0
    if RUBRICA.search(layout.text, entry.end, entry.end + 80):
        f["rubrica"] = 1.0
    if scanned:
        f["scanned"] = 1.0
        f["scanned:line"] = 1.0
    f[f"kind:{kind}:line"] = 1.0
    return f


def _next_printed(layout: Layout, i: int) -> int | None:
    for j in range(i + 1, min(len(layout.lines), i + 4)):
        if layout.lines[j].stripped:
            return j
    return None
