"""The versioned names of the registry's extractors, in the order they run: what the archive
records a document or a failure was extracted by. Plain names, importable without spaCy: a
re-run with nothing new compares them and needs no extractor (extractors/ takes its names
from here; a test checks the registry runs exactly these)."""

KIND = "kind.v1"
TITLES = "titles.v1"
DATES = "dates.v1"
INSTITUTIONS = "institutions.v1"
SIGNATORIES = "signatories.v1"
PEOPLE = "people.v1"
COMMITMENTS = "commitments.v1"

VERSIONS: tuple[str, ...] = (KIND, TITLES, DATES, INSTITUTIONS, SIGNATORIES, PEOPLE, COMMITMENTS)
