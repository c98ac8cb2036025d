"""The package list of pyproject.toml names every package folder, so a wheel leaves none out."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_packaging_lists_every_package_folder() -> None:
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    found = set()
    for package, folder in setuptools["package-dir"].items():
        for init in (ROOT / folder).rglob("__init__.py"):
            relative = init.parent.relative_to(ROOT / folder).parts
            if relative and any(f"{package}.{relative[0]}" == p for p in setuptools["package-dir"]):
                continue  # a folder mapped under its own name
            found.add(".".join((package, *relative)))
    assert found == set(setuptools["packages"])
