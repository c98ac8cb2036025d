"""Old office formats (.doc, .wps; .xls/.et as a fallback) through LibreOffice in headless mode.

``soffice --headless --convert-to docx`` turns the file into a .docx, which the .docx reader
(:mod:`junheng.ingest.docx`) then reads with all its checks, so a .doc gives the same blocks as
the same report saved as .docx. LibreOffice is a system dependency (Debian:
``apt-get install libreoffice-writer-nogui``, and ``libreoffice-calc-nogui`` for sheets); where it
is absent the file is skipped with a message that says so.

Each worker process keeps its own LibreOffice profile directory (``-env:UserInstallation``): two
instances sharing a profile block each other, and a profile kept across files makes a conversion
after the first about twice as fast (2 s instead of 4.4 s on the benchmark machine). LibreOffice
runs in its own process group, dies with the worker (``PR_SET_PDEATHSIG``) and is killed, group and
all, when it overruns ``Limits.max_convert_seconds``.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import dataclasses
import os
import resource
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path

from junheng.core.errors import InputError, UnsupportedInput
from junheng.core.model import Document
from junheng.ingest import docx
from junheng.ingest.limits import Limits

INSTALL_HINT = {
    "docx": "libreoffice-writer-nogui",
    "xlsx": "libreoffice-calc-nogui",
}
_PR_SET_PDEATHSIG = 1
_OFFICE_ADDRESS_SPACE = 8 * 1024**3
"""LibreOffice's own address-space cap: it reserves more virtual memory than the worker's cap
(``--max-memory``, counted from the worker's size) leaves, and would fail to start under it."""


def soffice() -> str | None:
    """The LibreOffice command on PATH, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def missing_message(suffix: str, target: str = "docx") -> str:
    package = INSTALL_HINT[target]
    return (
        f"读取 {suffix} 文件需要 LibreOffice，本机未安装：请安装 {package}"
        f"（Debian/Ubuntu：apt-get install {package}）后重试，或用 Word/WPS 另存为 .{target}"
    )


def _profile_dir() -> Path:
    """This worker's LibreOffice profile (one per process and thread, kept across files and
    removed when the process exits normally)."""
    name = f"junheng-lo-{os.getuid()}-{os.getpid()}-{threading.get_ident()}"
    path = Path(tempfile.gettempdir()) / name
    if path not in _PROFILES:
        _PROFILES.add(path)
        atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


_PROFILES: set[Path] = set()


def _child_setup() -> None:  # pragma: no cover - runs in the forked child
    """In LibreOffice's process: die with the worker, and its own address-space cap."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = _OFFICE_ADDRESS_SPACE if hard == resource.RLIM_INFINITY else hard
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (min(soft, _OFFICE_ADDRESS_SPACE), hard))


def convert(data: bytes, suffix: str, limits: Limits, target: str = "docx") -> bytes:
    """``data`` (a file named ``*suffix``) converted by LibreOffice to ``target``'s bytes.

    Raises :class:`UnsupportedInput` when LibreOffice is not installed and :class:`InputError`
    when it fails, overruns the time limit or writes nothing (a damaged or encrypted file).
    """
    command = soffice()
    if command is None:
        raise UnsupportedInput(missing_message(suffix, target))
    with tempfile.TemporaryDirectory(prefix="junheng-office-") as work:
        source = Path(work) / f"input{suffix}"
        source.write_bytes(data)
        out = Path(work) / "out"
        _run(command, source, out, target, limits.max_convert_seconds)
        produced = out / f"input.{target}"
        if not produced.is_file() or produced.stat().st_size == 0:
            raise InputError(f"LibreOffice 无法转换此 {suffix} 文件（文件可能已损坏或已加密）")
        if produced.stat().st_size > limits.max_file_bytes:
            raise InputError(f"转换后的文件过大（上限 {limits.max_file_bytes} 字节）")
        return produced.read_bytes()


def _run(command: str, source: Path, out: Path, target: str, seconds: float) -> None:
    args = [
        command,
        f"-env:UserInstallation={_profile_dir().as_uri()}",
        "--headless", "--invisible", "--nologo", "--norestore", "--nolockcheck", "--nodefault",
        "--convert-to", target, "--outdir", str(out), str(source),
    ]  # fmt: skip
    env = {**os.environ, "SAL_USE_VCLPLUGIN": "svp"}
    process = subprocess.Popen(
        args,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        preexec_fn=_child_setup,
        env=env,
    )
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        _kill(process)
        raise InputError(f"LibreOffice 转换超时（超过 {seconds:g} 秒），已停止") from None
    except BaseException:  # the worker is being stopped: LibreOffice goes with it
        _kill(process)
        raise


def _kill(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _read_word(data: bytes, source: str, limits: Limits, fmt: str) -> Document:
    converted = convert(data, f".{fmt}", limits)
    return dataclasses.replace(docx.read(converted, source, limits), format=fmt)


def read_doc(data: bytes, source: str, limits: Limits) -> Document:
    """A Word 97–2003 .doc, through LibreOffice, then the .docx reader."""
    return _read_word(data, source, limits, "doc")


def read_wps(data: bytes, source: str, limits: Limits) -> Document:
    """A WPS 文字 .wps, through LibreOffice, then the .docx reader."""
    return _read_word(data, source, limits, "wps")
