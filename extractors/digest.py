"""The digest of the extraction code and data, kept with every extraction."""

from __future__ import annotations

import hashlib
from pathlib import Path


def code_digest(*folders: Path) -> str:
    """A short digest of every source and data file under `folders` (names and bytes): it
    changes whenever what extraction runs could, whether or not a version name was bumped."""
    sha = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in {".py", ".csv", ".json", ".jsonl", ".toml"}:
                sha.update(path.relative_to(folder.parent).as_posix().encode() + b"\0")
                sha.update(path.read_bytes() + b"\0")
    return sha.hexdigest()[:16]


# What `expediente reextract` compares with each document's: the rules, cues, catalogues,
# trained weights (extractors/) and the shared records and folding (models/).
DIGEST = code_digest(Path(__file__).parent, Path(__file__).parent.parent / "models")
