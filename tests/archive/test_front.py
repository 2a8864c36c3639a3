"""The archivists' front page: search boxes, counts, recent documents, the chart per month."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sqlite_utils

from archive.front import CHART_HEIGHT, month_bars

from .conftest import LETTER, PRESS, sha
from .test_datasette import get
from .test_pages import text_of


@pytest.fixture()
def served(filled: sqlite_utils.Database, archive_path: Path) -> Path:
    filled.close()
    return archive_path


def test_month_bars_run_oldest_first_the_busiest_full_height() -> None:
    bars = month_bars([{"month": "2024-02", "documents": 4}, {"month": "2023-11", "documents": 1}])
    assert [(b["month"], b["x"], b["height"]) for b in bars] == [
        ("2023-11", 0, CHART_HEIGHT / 4),
        ("2023-12", 1, 0),  # months without documents keep their place on the axis
        ("2024-01", 2, 0),
        ("2024-02", 3, CHART_HEIGHT),
    ]
    assert month_bars([]) == []
    assert month_bars([{"month": "0000-00", "documents": 3}]) == []  # not a month


def test_front_page_counts_charts_and_lists_recent_documents(served: Path) -> None:
    (page,) = get(served, "/")
    assert page.status_code == 200
    text = text_of(page.text)
    assert "2 documentos" in text
    assert "Oficio o carta 1" in text and "Comunicado de prensa 1" in text
    assert "2024 1" in text and "2023 1" in text
    bars = re.findall(r"<rect [^>]*><title>([0-9-]+): (\d+)</title>", page.text)
    assert len(bars) == 11 and bars[0] == ("2023-06", "1") and bars[-1] == ("2024-04", "1")
    assert {count for _, count in bars[1:-1]} == {"0"}
    recent = re.findall(r'<a class="document" href="/archive/documents/([0-9a-f]{64})"', page.text)
    assert recent == [sha(LETTER), sha(PRESS)]  # newest first
    # Nothing fetched from elsewhere: no remote script, image or stylesheet.
    assert not re.search(r'src="https?://|<link[^>]+href="https?://(?!localhost/)', page.text)


def test_front_page_search_ignores_accents(served: Path) -> None:
    (page,) = get(served, "/?q=mexico")
    text = text_of(page.text)
    assert "2 documentos con «mexico»" in text
    assert "Programa municipal de transparencia." in text
    assert "Alcaldía Cuauhtlán instala comité de gobierno abierto" in text
    (none,) = get(served, '/?q="unclosed')
    assert none.status_code == 200 and "0 documentos" in text_of(none.text)


def test_front_page_signatory_search_forgives_honorific_and_typo(served: Path) -> None:
    (page,) = get(served, "/?firmante=Lic.+Fernanda+Ochao")
    text = text_of(page.text)
    assert "1 documento firmado por «Lic. Fernanda Ochao»" in text
    assert "firma MARÍA FERNANDA OCHOA BRAVO (Presidenta Municipal)" in text
    assert f'class="document" href="/archive/documents/{sha(LETTER)}"' in page.text
