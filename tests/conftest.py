"""Fixtures shared by the whole suite: ../shared (corpus and seeds) and the real spaCy model."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Prefect hermetic for the suite: its own home, no configured server, no telemetry (no network).
os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="expediente-prefect-")
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ.pop("PREFECT_API_URL", None)
# OCR results cached per test session, never in the user's ~/.cache.
os.environ["EXPEDIENTE_OCR_CACHE"] = tempfile.mkdtemp(prefix="expediente-ocr-cache-")

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("EXPEDIENTE_SHARED", ROOT.parent / "shared"))
SAMPLES = ROOT / "samples"


def _need_shared(path: Path) -> Path:
    if path.exists():
        return path
    message = (
        f"{path} is missing: this test reads ../shared (corpus and seeds) beside the repository"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared; fails in CI when missing, skips elsewhere."""
    return _need_shared(SHARED)


@pytest.fixture(scope="session")
def seeds(shared: Path) -> dict[str, Path]:
    """The two seed documents by gold id: S000 (press release) and S003 (letter of intent)."""
    folder = _need_shared(shared / "seeds")
    return {
        "S000": next(folder.glob("000_*.txt")),
        "S003": next(folder.glob("003_*.txt")),
    }


@pytest.fixture(scope="session")
def dev_corpus(shared: Path) -> Path:
    return _need_shared(shared / "corpus" / "dev")


@pytest.fixture(scope="session")
def nlp():
    """What an extractor's Doc holds before the extractors run: the model's parse, the folded
    norms and the catalogue matches (the extraction pipeline without the extractors)."""
    from extractors.nlp import extraction_pipeline

    return extraction_pipeline()


@pytest.fixture(scope="session")
def prefect_harness():
    """One real Prefect server for the whole session (starting one costs ~13 s)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
