"""What published press releases carry around their text: front matter, Markdown marks and HTML
remnants. Each function keeps the line structure (datelines and signature blocks depend on it)."""

from __future__ import annotations

import html
import re

from extractors import cues
from models.normalise import fold

YAML_FENCE = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
FIELD = re.compile(r"^([A-Za-zÁÉÍÓÚáéíóúñ_][\w-]*)[ \t]*:[ \t]?(.*)$")
KEY_VALUE_BLOCK = re.compile(r"\A((?:[A-Za-z_][\w-]*[ \t]*:.*\n){2,})(?:[ \t]*\n|\Z)")


def front_matter_keys() -> dict[str, str]:
    """Front matter keys (lower case) and what to keep of each: headline, line or drop."""
    return {row["key"]: row["keep"] for row in cues.rows("reader_front_matter")}


def strip_front_matter(text: str) -> str:
    """Replace YAML (--- fenced) or Pelican ("Key: value" lines) front matter by its headline and
    date lines; text without front matter comes back unchanged."""
    match = YAML_FENCE.match(text)
    if match is None:
        match = KEY_VALUE_BLOCK.match(text)
        if match is None or not _all_known(match.group(1)):
            return text
    body = text[match.end() :].lstrip("\n")
    headlines, lines = _kept_lines(match.group(1))
    if headlines and _opens(body, headlines[0]):
        first, _, rest = body.partition("\n")  # the body's own headline stays first
        return "\n".join([first, *lines]) + "\n\n" + rest.lstrip("\n")
    kept = headlines + lines
    return "\n".join(kept) + "\n\n" + body if kept else body


def _opens(body: str, line: str) -> bool:
    """True when the body's first line already is `line` (a headline printed twice)."""
    first = next((row for row in body.splitlines() if row.strip()), "")
    return fold(first.strip(" \t#*_")) == fold(line)


def _all_known(block: str) -> bool:
    """A Pelican header is only front matter when every key is a known one (not "ASUNTO:")."""
    keys = front_matter_keys()
    fields = [FIELD.match(line) for line in block.splitlines()]
    return all(f is not None and f.group(1).lower() in keys for f in fields)


def _kept_lines(block: str) -> tuple[list[str], list[str]]:
    """The headline values and the "key: value" lines worth keeping, in their order."""
    keys = front_matter_keys()
    headlines: list[str] = []
    lines: list[str] = []
    for line in block.splitlines():
        field = FIELD.match(line)
        if field is None:
            continue
        key, value = field.group(1), _unquote(field.group(2))
        keep = keys.get(key.lower(), "drop")
        if value and keep == "headline":
            headlines.append(value)
        elif value and keep == "line":
            lines.append(f"{key}: {value}")
    return headlines, lines


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1].strip()
    return value


HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
LINE_BREAK_TAG = re.compile(r"<\s*/?\s*br\s*/?\s*>[ \t]*\n?", re.I)
BLOCK_TAG = re.compile(
    r"<\s*/?\s*(?:p|div|center|li|ul|ol|h[1-6]|tr|table|blockquote|section|article)\b[^<>]*>",
    re.I,
)
ANY_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")


def strip_html_remnants(text: str) -> str:
    """Drop HTML tags left in text (block tags and <br> become line breaks) and decode entities."""
    text = HTML_COMMENT.sub("", text)
    text = LINE_BREAK_TAG.sub("\n", text)
    text = BLOCK_TAG.sub("\n", text)
    text = ANY_TAG.sub("", text)
    return html.unescape(text)


IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
LINK = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)")
AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]*(.*?)[ \t]*#*[ \t]*$", re.M)
RULE = re.compile(r"^[ \t]*(?:[-*][ \t]*){3,}$", re.M)  # not ___: a signature line in letters
TABLE_RULE = re.compile(r"^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*:?-*:?[ \t]*(?:\n|$)", re.M)
QUOTE = re.compile(r"^[ \t]*>[ \t]?", re.M)
BULLET = re.compile(r"^([ \t]*)[*+][ \t]+", re.M)
STRONG = re.compile(r"(\*\*|__)(?=[^\s*_])(.+?)(?<=[^\s*_])\1", re.S)
# Emphasis may wrap onto the next line of hard-wrapped Markdown, never across a blank line.
EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)((?:[^*\n]|\n(?!\n))+?)(?<=\S)\*(?![\w*])")
UNDERSCORE = re.compile(r"(?<![\w_])_(?=\S)((?:[^_\n]|\n(?!\n))+?)(?<=\S)_(?![\w_])")
HARD_BREAK = re.compile(r"[ \t]*\\$", re.M)


def strip_markdown(text: str) -> str:
    """Markdown to plain text: links keep their words, images and rules go, headings, quotes,
    bullets and emphasis lose their marks. Lines stay lines."""
    text = IMAGE.sub("", text)
    text = LINK.sub(r"\1", text)
    text = AUTOLINK.sub(r"\1", text)
    text = TABLE_RULE.sub("", text)
    text = RULE.sub("", text)
    text = HEADING.sub(r"\1", text)
    text = QUOTE.sub("", text)
    text = BULLET.sub(r"\1", text)
    text = STRONG.sub(r"\2", text)
    text = EMPHASIS.sub(r"\1", text)
    text = UNDERSCORE.sub(r"\1", text)
    return HARD_BREAK.sub("", text)
