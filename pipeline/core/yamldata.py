"""YAML data files (catalogue, standards, vocabularies), parsed with libyaml when PyYAML has it.

PyYAML's pure-Python parser takes some 0.4 s for junheng's data files, which every worker pays on
its first file; libyaml's (``CSafeLoader``, in PyYAML's wheels) does the same in a tenth of that.
Both build the same plain values (safe tags only).
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

YAMLError = yaml.YAMLError
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """The plain data of one YAML document (``yaml.safe_load``, faster)."""
    return yaml.load(text, Loader=_LOADER)


def package_yaml(package: str, name: str) -> Any:
    """A YAML file shipped in ``package`` (``name`` may hold a folder: ``data/segment.yaml``)."""
    return load_yaml(resources.files(package).joinpath(name).read_text(encoding="utf-8"))
