"""spaCy parses of whole documents of any length: a text longer than PIECE_CHARS is cut at
paragraph, line, sentence or word boundaries, the pieces parsed with `nlp.pipe`, and joined
back into one Doc whose text is the original text, so every character offset stays valid;
the components that read the whole document (ours) run on the joined Doc."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

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
    nlp: Language,
    texts: Iterable[str],
    batch_size: int = 16,
    piece_chars: int = PIECE_CHARS,
    *,
    n_process: int = 1,
    after: Sequence[str] = (),
    prepare: Callable[[Doc, int], None] | None = None,
) -> Iterator[Doc]:
    """One Doc per text, in order. Texts of up to `piece_chars` go through one `nlp.pipe` with
    every component (in `n_process` processes). A longer text is parsed in pieces with the
    components named in `after` disabled, the pieces joined, and those components then run on
    the joined Doc. `prepare(doc, i)` is called on the i-th text's Doc before any component
    named in `after` sees it (to set its extensions)."""
    texts = list(texts)
    short = (i for i, text in enumerate(texts) if len(text) <= piece_chars)
    whole = nlp.pipe(
        (_made(nlp, texts[i], i, prepare) for i in short),
        batch_size=batch_size,
        n_process=n_process,
    )
    for i, text in enumerate(texts):
        if len(text) <= piece_chars:
            yield next(whole)
            continue
        parsed = nlp.pipe(pieces(text, piece_chars), batch_size=batch_size, disable=after)
        # Joined as they are (no space added between pieces), the text is the original one.
        doc = Doc.from_docs(list(parsed), ensure_whitespace=False)
        if prepare is not None:
            prepare(doc, i)
        if after:
            (doc,) = nlp.pipe([doc], disable=_others(nlp, after))
        yield doc
    for _ in whole:  # every short text was yielded: ends the worker processes, if any
        raise RuntimeError("nlp.pipe returned more Docs than it was given")


def _made(nlp: Language, text: str, i: int, prepare: Callable[[Doc, int], None] | None) -> Doc:
    doc = nlp.make_doc(text)
    if prepare is not None:
        prepare(doc, i)
    return doc


def _others(nlp: Language, names: Sequence[str]) -> list[str]:
    return [name for name in nlp.pipe_names if name not in names]
