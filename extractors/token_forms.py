"""The forms of a Doc's tokens the rules read token by token (text, lower case, lemma, part of
speech, morphology, folded text and lemma), read once per document through `Doc.to_array`:
creating a spaCy Token object per token, and folding its text each time, cost more than the
rules that read them. Index i holds what `doc[i]` would give."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spacy.attrs import LEMMA, LOWER, MORPH, ORTH, POS
from spacy.tokens import Doc, MorphAnalysis

from models.normalise import fold

NO_VALUES: tuple[str, ...] = ()


@dataclass(frozen=True)
class TokenForms:
    text: Sequence[str]  # token.text
    lower: Sequence[str]  # token.lower_
    lemma: Sequence[str]  # token.lemma_
    pos: Sequence[str]  # token.pos_
    folded: Sequence[str]  # fold(token.text)
    folded_lemma: Sequence[str]  # fold(token.lemma_)
    morph: Sequence[Mapping[str, tuple[str, ...]]]  # field -> token.morph.get(field)

    @classmethod
    def of(cls, doc: Doc) -> TokenForms:
        """The forms of every token of `doc`, in order."""
        strings, vocab = doc.vocab.strings, doc.vocab
        orth, lower, lemma, pos, morph = doc.to_array([ORTH, LOWER, LEMMA, POS, MORPH]).T.tolist()
        # Each distinct word, lemma and analysis is looked up (and folded) once per document.
        text_of = {key: strings[key] for key in {*orth, *lower, *lemma, *pos}}
        folded_of = {key: fold(text_of[key]) for key in {*orth, *lemma}}
        analyses = {key: MorphAnalysis.from_id(vocab, key) for key in set(morph)}
        morph_of = {
            key: {name: tuple(a.get(name, [])) for name in a.to_dict()}
            for key, a in analyses.items()
        }
        return cls(
            text=[text_of[key] for key in orth],
            lower=[text_of[key] for key in lower],
            lemma=[text_of[key] for key in lemma],
            pos=[text_of[key] for key in pos],
            folded=[folded_of[key] for key in orth],
            folded_lemma=[folded_of[key] for key in lemma],
            morph=[morph_of[key] for key in morph],
        )

    def __len__(self) -> int:
        return len(self.text)

    def feature(self, i: int, name: str) -> Sequence[str]:
        """The values of the morphological feature `name` of token i (none: empty)."""
        return self.morph[i].get(name, NO_VALUES)
