"""Whether a search finds a name: folded (models/normalise.py), a typo per word forgiven."""

from __future__ import annotations

from rapidfuzz import fuzz

from models.normalise import MIN_TYPO_WORD, TYPO_WORD_RATIO, fold_person


def _word_matches(query_word: str, name_words: list[str]) -> bool:
    for word in name_words:
        if word.startswith(query_word):
            return True
        if len(query_word) >= MIN_TYPO_WORD and fuzz.ratio(query_word, word) >= TYPO_WORD_RATIO:
            return True
    return False


def name_matches(query: str | None, name: str | None) -> bool:
    """Whether a search for `query` finds `name`: folded substring, or every query word starts
    a name word or is that word with a typo ("ortga vidal" finds "Lic. Ramiro Ortega Vidal")."""
    wanted, folded = fold_person(query), fold_person(name)
    if not wanted or not folded:
        return False
    if wanted in folded:
        return True
    name_words = folded.split()
    return all(_word_matches(word, name_words) for word in wanted.split())
