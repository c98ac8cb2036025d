"""The pipeline version a stored result is keyed by.

``junheng.__version__`` alone is not enough: it changes at releases, while a rule in
``segment.yaml`` or a fix in a reader changes the rows between them. So the key is
``__version__`` plus a digest of every source and data file of the packages that make the rows
(``pipeline`` and ``extractors``): any edit re-reads every file, and nothing stale survives.
"""

from __future__ import annotations

import hashlib
import importlib.util
from functools import cache
from pathlib import Path

from junheng.core.version import __version__

PACKAGES = ("junheng", "junheng.extractors")
SUFFIXES = frozenset({".py", ".yaml", ".yml", ".json", ".txt", ".j2"})


def _package_files(package: str) -> list[tuple[str, Path]]:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return []
    files: list[tuple[str, Path]] = []
    for location in spec.submodule_search_locations:
        root = Path(location)
        for path in root.rglob("*"):
            if path.suffix in SUFFIXES and "__pycache__" not in path.parts and path.is_file():
                files.append((f"{package}/{path.relative_to(root).as_posix()}", path))
    return sorted(files)


@cache
def pipeline_version() -> str:
    """``"0.1.0+<12 hex>"``: the release and a digest of the code and data that make the rows."""
    digest = hashlib.sha256()
    for package in PACKAGES:
        for name, path in _package_files(package):
            digest.update(name.encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return f"{__version__}+{digest.hexdigest()[:12]}"
