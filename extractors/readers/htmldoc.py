"""A whole HTML page to plain text: scripts, styles and the head dropped, block elements as line
breaks, entities decoded."""

from __future__ import annotations

import re
from html.parser import HTMLParser

BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
HIDDEN = frozenset({"script", "style", "head", "noscript", "template", "svg", "iframe"})
PARAGRAPHS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "ul", "ol"})
HTML_DOCUMENT = re.compile(r"^\s*(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])", re.I)
TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
# What a script that built the page wrote for a missing value ("" + undefined): a text node that
# is only one of these is never the document's text ("losundefined catorce undefineddías"); it
# stood where the page had a space or a line break, so it becomes a space.
SCRIPT_PLACEHOLDERS = frozenset({"undefined", "null", "NaN", "[object Object]"})


def looks_like_html_document(text: str) -> bool:
    """True when the text is a whole HTML page (doctype, <html>, <head> or <body> at its start)."""
    return HTML_DOCUMENT.match(text[:2000]) is not None


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN:
            self.hidden += 1
        elif tag in BLOCKS:
            self.parts.append("\n\n" if tag in PARAGRAPHS else "\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCKS and tag != "br":
            self.parts.append("\n\n" if tag in PARAGRAPHS else "\n")

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        self.parts.append(" " if data.strip() in SCRIPT_PLACEHOLDERS else re.sub(r"\s+", " ", data))


def html_to_text(page: str) -> str:
    """The visible text of an HTML page with paragraph breaks; its <title> if the body is empty."""
    collector = _TextCollector()
    collector.feed(page)
    collector.close()
    text = re.sub(r"[ \t]{2,}", " ", "".join(collector.parts))  # as a browser collapses them
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    if text.strip():
        return text
    title = TITLE.search(page)
    return title.group(1) if title else ""
