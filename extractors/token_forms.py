"""The forms of a Doc's tokens the rules read token by token (text, lower case, lemma, part of
speech, morphology, folded text and lemma), read once per document through `Doc.to_array`:
creating a spaCy Token object per token, and folding its text each time, cost more than the
rules that read them. Index i holds what `doc[i]` would give."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spacy.attrs import LEMMA, LOWER, MORPH, ORTH, POS
from spacy.tokens import Doc

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
        strings = doc.vocab.strings
        orth, lower, lemma, pos, morph = doc.to_array([ORTH, LOWER, LEMMA, POS, MORPH]).T.tolist()
        # Each distinct word, lemma and analysis is looked up (and folded) once per document.
        text_of = {key: strings[key] for key in {*orth, *lower, *lemma, *pos}}
        folded_of = {key: fold(text_of[key]) for key in {*orth, *lemma}}
        # An analysis's key names its features string ("Mood=Ind|Tense=Fut"): read as text, it
        # costs less than a MorphAnalysis object per key.
        morph_of = {key: _features(strings[key]) for key in set(morph)}
        words, folded_words = text_of.__getitem__, folded_of.__getitem__
        return cls(
            text=list(map(words, orth)),
            lower=list(map(words, lower)),
            lemma=list(map(words, lemma)),
            pos=list(map(words, pos)),
            folded=list(map(folded_words, orth)),
            folded_lemma=list(map(folded_words, lemma)),
            morph=list(map(morph_of.__getitem__, morph)),
        )

    def __len__(self) -> int:
        return len(self.text)

    def feature(self, i: int, name: str) -> Sequence[str]:
        """The values of the morphological feature `name` of token i (none: empty)."""
        return self.morph[i].get(name, NO_VALUES)


def _features(analysis: str) -> dict[str, tuple[str, ...]]:
    """Field -> values of a features string ("Mood=Ind|Person=1,3": {"Person": ("1", "3")}), as
    MorphAnalysis.get gives them."""
    fields: dict[str, tuple[str, ...]] = {}
    if analysis in ("", "_"):  # the empty analysis
        return fields
    for feature in analysis.split("|"):
        name, _, values = feature.partition("=")
        fields[name] = tuple(values.split(","))
    return fields
