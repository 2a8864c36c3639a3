"""spaCy parses of whole documents of any length: a text longer than PIECE_CHARS is cut at
paragraph, line, sentence or word boundaries, the pieces parsed with `nlp.pipe`, and joined
back into one Doc whose text is the original text, so every character offset stays valid."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

# Well under spaCy's max_length (1,000,000, error E088); parser and NER memory grow with a text's
# length, and a letter or press release (under 20,000 characters) is still parsed in one piece.
PIECE_CHARS = 50_000
# Where a piece may end, best first: after a blank line, a line, a sentence, a word.
BOUNDARIES = ("\n\n", "\n", ". ", " ")


def pieces(text: str, size: int = PIECE_CHARS) -> list[str]:
    """`text` cut into pieces of at most `size` characters that join back into `text`; each cut
    falls after the best boundary in the second half of the piece (mid-word only when a piece
    has no space at all)."""
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        end = start + size
        for boundary in BOUNDARIES:
            at = text.rfind(boundary, start + size // 2, end)
            if at != -1:
                end = at + len(boundary)
                break
        out.append(text[start:end])
        start = end
    out.append(text[start:])
    return out


def parse_all(
    nlp: Language, texts: Iterable[str], batch_size: int = 16, piece_chars: int = PIECE_CHARS
) -> Iterator[Doc]:
    """One Doc per text, in order, parsed in `nlp.pipe` batches; long texts in pieces."""
    split = [pieces(text, piece_chars) for text in texts]
    parsed = nlp.pipe((piece for parts in split for piece in parts), batch_size=batch_size)
    for parts in split:
        docs = [next(parsed) for _ in parts]
        if len(docs) == 1:
            yield docs[0]
            continue
        # Joined as they are (no space added between pieces), the text is the original one.
        yield Doc.from_docs(docs, ensure_whitespace=False)
