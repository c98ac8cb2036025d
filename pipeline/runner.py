"""The batch: walk the inputs, read and segment each file, and account for every one of them.

:func:`iter_inputs` lists the files (folders walked recursively, in sorted order) with the name each
gets in the outputs; :func:`process_file` turns one file into a
:class:`~junheng.core.model.FileResult` and never raises for a bad file: whatever goes
wrong ends in the result's ``status`` and ``error``.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from junheng.core.errors import InputError, UnsupportedInput, UsageError
from junheng.core.ground import ground
from junheng.core.model import FileResult, Status
from junheng.extractors.figures import extract as extract_figures
from junheng.extractors.lists import extract as extract_items
from junheng.extractors.numbers import Quantities
from junheng.ingest import format_for, read_file
from junheng.ingest.limits import DEFAULT_LIMITS, Limits
from junheng.segment import segment
from junheng.validate import validate_document


@dataclass(frozen=True, slots=True)
class InputFile:
    path: Path
    name: str  # relative to the folder it was found in, with "/" separators
    outside: bool = False  # a symlink that leads out of the folder it was found in


def iter_inputs(paths: list[Path]) -> Iterator[InputFile]:
    """Every input file, in order: files as given, folders walked recursively and sorted.

    Hidden files and folders (``.git``, ``.DS_Store``) are not inputs. Symlinked folders are not
    followed; a symlinked file that resolves outside its folder is listed (so the manifest shows
    it) but marked ``outside`` and not read.
    """
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise UsageError(f"输入不存在: {path}")
        if path.is_dir():
            yield from _walk(path)
        else:
            yield InputFile(path, path.as_posix())


def _walk(root: Path) -> Iterator[InputFile]:
    resolved_root = root.resolve()
    for folder, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            if filename.startswith("."):
                continue
            path = Path(folder) / filename
            name = path.relative_to(root).as_posix()
            outside = path.is_symlink() and not path.resolve().is_relative_to(resolved_root)
            yield InputFile(path, name, outside)


def file_digest(path: Path) -> tuple[str, int]:
    """The file's sha256 (hex) and size, read in 1 MiB chunks."""
    sha = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            sha.update(chunk)
            size += len(chunk)
    return sha.hexdigest(), size


def process_file(
    item: InputFile, limits: Limits = DEFAULT_LIMITS, standard: str | None = None
) -> FileResult:
    """Read one file, find its reports, figures and items, and check them against ``standard``
    (a profile name or YAML path; None: youzhi-2017). Never raises for a bad file."""
    fmt = format_for(item.path) or item.path.suffix.lower().lstrip(".") or None
    result = FileResult(item.name, str(item.path), None, None, fmt, Status.FAILED)
    if item.outside:
        return replace(result, status=Status.SKIPPED, error="符号链接指向输入目录之外，未读取")
    try:
        sha, size = file_digest(item.path)
    except OSError as exc:
        return replace(result, error=f"无法读取文件: {exc.strerror or exc}")
    result = replace(result, sha256=sha, bytes=size)
    try:
        doc = read_file(item.path, item.name, limits)
    except UnsupportedInput as exc:
        return replace(result, status=Status.SKIPPED, error=str(exc))
    except InputError as exc:
        return replace(result, error=str(exc))
    except MemoryError:
        return replace(result, error="处理时内存不足，文件过大或结构异常")
    except Exception as exc:  # a bug in junheng: this file fails, the batch goes on
        return replace(result, error=f"内部错误（请报告此问题）: {type(exc).__name__}: {exc}")
    try:
        reports = segment(doc)
    except Exception as exc:  # a bug in segmentation must not cost the batch
        return replace(
            result, document=doc, error=f"内部错误（分篇失败）: {type(exc).__name__}: {exc}"
        )
    status = Status.PARTIAL if doc.warnings else Status.OK
    error = "; ".join(doc.warnings) if doc.warnings else None
    if not reports:
        status, error = Status.PARTIAL, error or "文件中没有找到报告正文"
    try:
        numbers = Quantities.of(doc.text)  # read once, for the extractor and the validator
        found = extract_figures(doc, reports, numbers)
        entries = extract_items(doc, reports, found)
        grounded, figures, items = ground(doc, item.name, reports, found, entries)
        findings = validate_document(
            doc, grounded, figures, items, profile=standard, file=item.name, quantities=numbers
        )
    except Exception as exc:  # a bug in an extractor costs this file's figures, not the batch
        error = f"内部错误（数据抽取失败）: {type(exc).__name__}: {exc}"
        grounded, _, _ = ground(doc, item.name, reports, ())
        return replace(result, status=Status.PARTIAL, reports=grounded, document=doc, error=error)
    return replace(
        result,
        status=status,
        error=error,
        reports=grounded,
        figures=figures,
        items=items,
        findings=tuple(findings),
        document=doc,
    )
