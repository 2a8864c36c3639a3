"""archive/ never pulls in spaCy, Prefect or the extractors, even indirectly."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT

CHECK = """
import sys
import archive
import archive.datasette, archive.search, archive.store, archive.resolve
loaded = {name.split(".")[0] for name in sys.modules}
print(",".join(sorted(loaded & {"spacy", "prefect", "extractors", "flows"})))
"""


def test_importing_archive_loads_no_spacy_prefect_or_extractors() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
