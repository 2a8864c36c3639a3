"""Imported once by the fork server that local worker processes are forked from (parallel.py):
the extraction pipeline built here, for the configured spaCy model, is inherited by every
worker, which then starts in milliseconds instead of importing spaCy and building the pipeline
on its own (4-9 s each on 2 busy cores; the fork server does it once)."""

from extractors import pipeline
from models import Settings

pipeline(Settings.from_env().spacy_model)
