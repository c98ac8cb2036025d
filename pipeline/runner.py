"""The batch: walk the inputs, read and segment each file, and account for every one of them.

:func:`iter_inputs` lists the files (folders walked recursively, in sorted order) with the name each
gets in the outputs; :func:`process_file` turns one file into a
:class:`~junheng.core.model.FileResult` and never raises for a bad file: whatever goes
wrong ends in the result's ``status`` and ``error``.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
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
from junheng.ingest.reasons import is_library_error, library_reason
from junheng.segment import segment
from junheng.validate import validate_document


@dataclass(frozen=True, slots=True)
class InputFile:
    path: Path
    name: str  # relative to the folder it was found in, with "/" separators; printable
    outside: bool = False  # a symlink that leads out of the folder it was found in


def printable(name: str) -> str:
    """A file name as it can be written to the outputs: bytes that are not UTF-8 (carried by
    :func:`os.fsdecode` as lone surrogates) spelt ``\\xNN``.

    >>> printable(os.fsdecode(b"\\xd5\\xfb.txt"))
    '\\\\xd5\\\\xfb.txt'
    """
    return os.fsencode(name).decode("utf-8", "backslashreplace")


class NotARegularFile(OSError):
    """The input is a FIFO, a device, a socket or a folder: never opened (a FIFO or a terminal
    would block the run, a device never ends)."""


_KINDS = (
    (stat.S_ISFIFO, "命名管道（FIFO）"),
    (stat.S_ISCHR, "字符设备文件"),
    (stat.S_ISBLK, "块设备文件"),
    (stat.S_ISSOCK, "套接字"),
    (stat.S_ISDIR, "文件夹"),
)


def _check_regular(mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    kind = next((name for test, name in _KINDS if test(mode)), "特殊文件")
    raise NotARegularFile(errno.EINVAL, f"不是普通文件（{kind}），未读取")


_OS_REASONS = {
    errno.ELOOP: "符号链接循环（链接指向自身或互相指向），未读取",
    errno.ENOENT: "文件不存在（可能是断开的符号链接或已被删除）",
    errno.EACCES: "没有读取权限",
    errno.EPERM: "没有读取权限",
    errno.EISDIR: "是文件夹，不是文件",
    errno.ENAMETOOLONG: "文件名或路径过长",
    errno.EIO: "读取时发生输入输出错误（磁盘或网络存储故障）",
}


def os_reason(exc: OSError) -> str:
    """A one-line Chinese reason for an error of the operating system while opening a file."""
    if isinstance(exc, NotARegularFile):
        return str(exc.strerror)
    reason = _OS_REASONS.get(exc.errno or 0)
    return f"无法读取文件: {reason}" if reason else f"无法读取文件（错误码 {exc.errno}）"


def iter_inputs(paths: list[Path], exclude: Iterable[Path] = ()) -> Iterator[InputFile]:
    """Every input file, in order: files as given, folders walked recursively and sorted.

    Hidden files and folders (``.git``, ``.DS_Store``) are not inputs, nor are the folders and
    files in ``exclude`` (OUT and the store, when they lie inside an input folder). Symlinked
    folders are not followed; a symlinked file that resolves outside its folder is listed (so the
    manifest shows it) but marked ``outside`` and not read. A file reached twice (the same folder
    given twice) is listed once. When two inputs would get the same name (``r.txt`` in two input
    folders), every name is taken relative to the inputs' common folder instead (``east/r.txt``,
    ``west/r.txt``).
    """
    skip = frozenset(os.path.realpath(path) for path in exclude)
    found: list[tuple[Path, InputFile]] = []
    seen: set[str] = set()
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise UsageError(f"输入不存在: {path}")
        items = (
            _walk(path, skip) if path.is_dir() else [InputFile(path, printable(path.as_posix()))]
        )
        for item in items:
            key = os.path.abspath(item.path)
            if key not in seen:
                seen.add(key)
                found.append((path, item))
    if len({item.name for _, item in found}) < len(found):
        found = _from_common_root(found)
    for _, item in found:
        yield item


def _from_common_root(found: list[tuple[Path, InputFile]]) -> list[tuple[Path, InputFile]]:
    """The inputs found in folders named relative to the folder those are all in (files given
    as such keep their names), or, if names still repeat, every input relative to the folder all
    the inputs are in."""
    renamed = _relative_to(found, [root for root, item in found if root != item.path])
    if len({item.name for _, item in renamed}) < len(renamed):
        renamed = _relative_to(found, [root for root, _ in found], files_too=True)
    return renamed


def _relative_to(
    found: list[tuple[Path, InputFile]], roots: list[Path], files_too: bool = False
) -> list[tuple[Path, InputFile]]:
    base = os.path.commonpath([os.path.abspath(root) for root in roots]) if roots else "."
    renamed = []
    for root, item in found:
        if root != item.path or files_too:
            relative = os.path.relpath(os.path.abspath(item.path), base)
            item = replace(item, name=printable(Path(relative).as_posix()))
        renamed.append((root, item))
    return renamed


def _leads_outside(path: Path, resolved_root: Path) -> bool:
    if not path.is_symlink():
        return False
    try:
        return not path.resolve().is_relative_to(resolved_root)
    except (OSError, RuntimeError):  # a symlink loop: listed, and failed when it is opened
        return False


def _walk(root: Path, skip: frozenset[str] = frozenset()) -> Iterator[InputFile]:
    resolved_root = root.resolve()
    if os.path.realpath(root) in skip:
        return
    skipped_names = {os.path.basename(path) for path in skip}
    for folder, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(
            d
            for d in dirnames
            if not d.startswith(".") and os.path.realpath(os.path.join(folder, d)) not in skip
        )
        for filename in sorted(filenames):
            if filename.startswith("."):
                continue
            path = Path(folder) / filename
            if filename in skipped_names and os.path.realpath(path) in skip:
                continue
            name = printable(path.relative_to(root).as_posix())
            yield InputFile(path, name, _leads_outside(path, resolved_root))


def file_digest(path: Path) -> tuple[str, int]:
    """The file's sha256 (hex) and size, read in 1 MiB chunks.

    Raises :class:`NotARegularFile` for a FIFO, device, socket or folder, checked before it is
    opened and again on what was opened (without blocking), and OSError when it cannot be read.
    """
    _check_regular(os.stat(path).st_mode)
    sha = hashlib.sha256()
    size = 0
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with open(fd, "rb") as handle:
        _check_regular(os.fstat(fd).st_mode)  # swapped for a FIFO since the check above
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            sha.update(chunk)
            size += len(chunk)
    return sha.hexdigest(), size


def process_file(
    item: InputFile, limits: Limits = DEFAULT_LIMITS, standard: str | None = None
) -> FileResult:
    """Read one file, find its reports, figures and items, and check them against ``standard``
    (a profile name or YAML path; None: youzhi-2017). Never raises for a bad file."""
    fmt = format_for(item.path) or printable(item.path.suffix.lower().lstrip(".")) or None
    result = FileResult(item.name, str(item.path), None, None, fmt, Status.FAILED)
    if item.outside:
        return replace(result, status=Status.SKIPPED, error="符号链接指向输入目录之外，未读取")
    try:
        sha, size = file_digest(item.path)
    except NotARegularFile as exc:
        return replace(result, status=Status.SKIPPED, error=os_reason(exc))
    except OSError as exc:
        return replace(result, error=os_reason(exc))
    result = replace(result, sha256=sha, bytes=size)
    try:
        doc = read_file(item.path, item.name, limits)
    except UnsupportedInput as exc:
        return replace(result, status=Status.SKIPPED, error=str(exc))
    except InputError as exc:
        return replace(result, error=str(exc))
    except MemoryError:
        return replace(result, error="处理时内存不足，文件过大或结构异常")
    except Exception as exc:  # a library on a damaged file, or a bug in junheng: the batch goes on
        if is_library_error(exc):
            return replace(result, error=f"文件已损坏，无法读取：{library_reason(exc)}")
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
