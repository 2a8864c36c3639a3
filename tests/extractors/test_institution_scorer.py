"""The trained institution scorer: its committed weights, the candidates' features, and how
the institutions extractor uses it (catalogued bodies stand; the scorer drops the found names
it takes for noise)."""

from __future__ import annotations

from extractors import Context, extracted_docs, institutions
from extractors.institution_candidates import Candidate, candidates
from extractors.scorer import Scorer, load
from models import DocumentText

DROP_ALL = Scorer("all", {"bias": 30.0})  # scores every candidate as noise
DROP_NONE = Scorer("none", {"bias": -30.0})

# A letter naming a catalogued ministry, an uncatalogued municipal body (invented place) and
# a table header that opens with a head noun.
LETTER = (
    "H. AYUNTAMIENTO DE SAN ISIDRO DE LAS PALMAS\n"
    "DIRECCIÓN DE DESARROLLO RURAL\n\n"
    "Oficio núm. DDR/118/2025\n\n"
    "San Isidro de las Palmas, a 14 de mayo de 2025\n\n"
    "Mtra. Graciela Ontiveros Llamas\nPRESENTE\n\n"
    "Por este medio la Dirección de Desarrollo Rural informa que la Secretaría de Hacienda y "
    "Crédito Público (SHCP) autorizó los recursos del programa. La Dirección de Desarrollo "
    "Rural entregará el padrón la próxima semana.\n\n"
    "ATENTAMENTE\n\nING. ROMÁN QUEZADA BARRIOS\nDIRECTOR DE DESARROLLO RURAL\n"
)


NOISE = "CENTRO XRVQ TLPZK WMBRT"  # a head noun and misread words, on a line of its own
OFFICE = "DIRECCIÓN DE DESARROLLO RURAL"  # as first printed, in the letterhead


def _context(text: str) -> Context:
    return Context.of(next(extracted_docs([DocumentText.from_text(text)])))


def _candidates(text: str) -> dict[str, Candidate]:
    ctx = _context(text)
    return {c.institution.name: c for c in candidates(ctx, *institutions.found_institutions(ctx))}


def test_the_committed_weights_load_as_a_noise_scorer() -> None:
    scorer = load(institutions.SCORER)
    assert scorer.name == "institutions"
    assert 0.5 <= scorer.threshold < 1.0  # dropping a body costs more than keeping noise
    assert {"bias", "garbage_share", "near_copy", "found_by:head"} <= set(scorer.weights)


def test_features_name_what_they_should() -> None:
    found = _candidates(LETTER)
    ministry = found["Secretaría de Hacienda y Crédito Público"]
    assert ministry.stands
    assert {"acronym", "article_before"} <= set(ministry.features)
    office = found[OFFICE]
    assert not office.stands
    assert {"found_by:head", "head_noun:direccion", "words:4", "mentions:3"} <= set(office.features)
    assert office.features["garbage_share"] == 0.0


def test_catalogued_institutions_stand_whatever_the_scorer_says() -> None:
    ctx = _context(LETTER)
    kept = {i.name for i in institutions.extract(ctx, scorer=DROP_ALL)}
    everything = {i.name for i in institutions.extract(ctx, scorer=DROP_NONE)}
    assert "Secretaría de Hacienda y Crédito Público" in kept
    assert OFFICE in everything - kept
    assert all(i.catalog_id for i in institutions.extract(ctx, scorer=DROP_ALL))


def test_the_committed_weights_drop_a_clear_noise_span_and_keep_a_body() -> None:
    text = LETTER.replace(
        "Mtra. Graciela",
        "CENTRO XRVQ TLPZK WMBRT\n\nMtra. Graciela",
    )
    found = _candidates(text)
    scorer = load(institutions.SCORER)
    noise = found[NOISE]
    assert noise.features["garbage_share"] > 0.5
    assert scorer.accepts(noise.features)  # scored as noise: dropped
    assert not scorer.accepts(found[OFFICE].features)
    names = {i.name for i in institutions.extract(_context(text))}
    assert NOISE not in names
    assert OFFICE in names
