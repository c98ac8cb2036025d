"""Bad and hostile files: each fails alone, with one clear line, in bounded time and memory.

Every file is built here, in ``tmp_path``, and read through :func:`junheng.ingest.read_file`, so
the registry's checks (extension, sniffed content, size) are exercised along with the readers.
"""

from __future__ import annotations

import hashlib
import io
import random
import re
import struct
import time
import tracemalloc
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from junheng.core.errors import InputError, UnsupportedInput
from junheng.ingest import read_file, sniff
from junheng.ingest.limits import DEFAULT_LIMITS, Limits
from junheng.ingest.office import soffice

MiB = 1 << 20
MAX_SECONDS = 5.0
MAX_PEAK_BYTES = 64 * MiB
"""Far below the 1.1 GB the bomb inflates to, and below what python-docx would hold for it."""


# --- builders -----------------------------------------------------------------------------------


def valid_docx() -> bytes:
    document = docx.Document()
    document.add_heading("某某县义务教育均衡发展工作汇报", level=1)
    for number in range(40):
        document.add_paragraph(f"第{number}段：全县义务教育学校办学条件进一步改善。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def rebuild_docx(replace: dict[str, bytes], *, drop: tuple[str, ...] = ()) -> bytes:
    """A valid .docx with some members replaced, added or dropped."""
    source = zipfile.ZipFile(io.BytesIO(valid_docx()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename not in drop and info.filename not in replace:
                target.writestr(info, source.read(info))
        for name, data in replace.items():
            target.writestr(name, data)
    return buffer.getvalue()


def plain_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE w:document [\n<!ENTITY lol "lol">\n'
    + b"".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" if n > 1 else "&lol;"}'.encode()
        + (f"&lol{n - 1};" if n > 1 else "&lol;").encode() * 9
        + b'">\n'
        for n in range(1, 10)
    )
    + b']>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)


def deflated_zeros(size: int) -> tuple[bytes, int]:
    """A raw deflate stream of ``size`` zero bytes and their CRC, built in well under a second.

    After a full flush the compressor forgets its history, so every MiB of zeros compresses to
    the same bytes: compress one and repeat it, instead of deflating a gigabyte.
    """
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(MiB)) + compressor.flush(zlib.Z_FULL_FLUSH)
    stream = block * (size // MiB) + compressor.flush()
    crc = 0
    zeros = bytes(MiB)
    for _ in range(size // MiB):
        crc = zlib.crc32(zeros, crc)
    return stream, crc


def one_member_zip(name: str, size: int, declared_size: int | None = None) -> bytes:
    """A ZIP whose only member inflates to ``size`` zeros; the directory may lie about it."""
    payload, crc = deflated_zeros(size)
    declared = size if declared_size is None else declared_size
    encoded = name.encode()
    common = (0, 8, 0, 0x21, crc, len(payload), declared, len(encoded))
    local = struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, *common, 0) + encoded
    central = (
        struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 3, 20, 0, *common, 0, 0, 0, 0, 0, 0)
        + encoded
    )
    body = local + payload
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 1, 1, len(central), len(body), 0)
    return body + central + end


def zip_with_encrypted_member() -> bytes:
    """A .docx whose members are flagged as (ZIP-)encrypted; zipfile cannot write one, so the
    flag bit is set in the local and central headers afterwards."""
    data = bytearray(valid_docx())
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            data[start + flags_at] |= 0x1
            start += 4
    return bytes(data)


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def ole_file(*streams: str) -> bytes:
    """An OLE compound-file header followed by directory entries naming ``streams``."""
    header = OLE_MAGIC + bytes(504)
    entries = b"".join(name.encode("utf-16-le").ljust(128, b"\x00") for name in streams)
    return header + entries + bytes(1024)


def random_bytes(size: int, seed: int = 7) -> bytes:
    return random.Random(seed).randbytes(size)


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random_bytes(2000, seed=3)
HTML_PAGE = "<!DOCTYPE html><html><head><title>报告</title></head><body><p>正文</p></body></html>"


# --- a bounded read -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    error: BaseException
    seconds: float
    peak: int


def bounded_read(path: Path, limits: Limits = DEFAULT_LIMITS) -> Outcome:
    """Read ``path`` expecting a refusal; measure the time and the peak of Python allocations."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        read_file(path, limits=limits)
    except (InputError, UnsupportedInput) as exc:
        error: BaseException = exc
    else:
        pytest.fail(f"{path.name} was read without an error")
    finally:
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return Outcome(error, seconds, peak)


def assert_refused(outcome: Outcome, kind: type[Exception], message: str) -> None:
    assert type(outcome.error) is kind, repr(outcome.error)
    text = str(outcome.error)
    assert re.search(message, text), text
    assert text and "\n" not in text, "an error message is one line"
    assert outcome.seconds < MAX_SECONDS
    assert outcome.peak < MAX_PEAK_BYTES, f"peak {outcome.peak / MiB:.0f} MiB"


# --- cases --------------------------------------------------------------------------------------

Case = tuple[str, Callable[[], bytes], type[Exception], str]

_OLD_WORD: tuple[type[Exception], str] = (
    (InputError, "LibreOffice 无法转换")
    if soffice()
    else (UnsupportedInput, "apt-get install libreoffice-writer-nogui.*另存为 .docx")
)

CASES: list[Case] = [
    ("empty.txt", lambda: b"", InputError, "文件为空"),
    ("empty.docx", lambda: b"", InputError, "文件为空"),
    ("empty.pdf", lambda: b"", InputError, "文件为空"),
    ("empty.html", lambda: b"", InputError, "文件为空"),
    ("blank.html", lambda: b"   \n\t  ", InputError, "网页"),
    (
        "truncated.docx",
        lambda: valid_docx()[: len(valid_docx()) // 2],
        InputError,
        "docx 文件已损坏",
    ),
    ("random.docx", lambda: random_bytes(20_000), InputError, "扩展名为 .docx"),
    ("random.pdf", lambda: random_bytes(20_000), InputError, "扩展名为 .pdf"),
    ("random.txt", lambda: random_bytes(20_000), InputError, "不是文本文件"),
    ("random.html", lambda: random_bytes(20_000), InputError, "不是文本文件"),
    ("png.txt", lambda: PNG, InputError, "不是文本文件"),
    ("page.pdf", lambda: HTML_PAGE.encode(), InputError, "扩展名为 .pdf.*HTML"),
    ("report.docx.txt", valid_docx, InputError, "扩展名为 .txt.*ZIP"),
    ("notword.docx", lambda: plain_zip({"a.txt": b"hello"}), InputError, "不是 Word 文档"),
    (
        "sheet.docx",
        lambda: plain_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<w/>"}),
        InputError,
        "不是 Word 文档.*Excel",
    ),
    (
        "laughs.docx",
        lambda: rebuild_docx({"word/document.xml": BILLION_LAUGHS}),
        InputError,
        "文档 XML 含实体声明（DTD），出于安全原因拒绝处理",
    ),
    (
        "styles-dtd.docx",
        lambda: rebuild_docx(
            {"word/styles.xml": b'<?xml version="1.0"?><!DOCTYPE s SYSTEM "http://x/s.dtd"><s/>'}
        ),
        InputError,
        "实体声明（DTD）",
    ),
    (
        "bomb.docx",
        lambda: one_member_zip("word/document.xml", 1100 * MiB),
        InputError,
        "疑似压缩炸弹",
    ),
    (
        "ratio-bomb.docx",
        lambda: one_member_zip("word/media/image1.png", 60 * MiB),
        InputError,
        "疑似压缩炸弹.*压缩比",
    ),
    (
        "lying-bomb.docx",
        lambda: one_member_zip("word/document.xml", 1100 * MiB, declared_size=8 * MiB),
        InputError,
        "docx 文件已损坏",
    ),
    ("encrypted-member.docx", zip_with_encrypted_member, InputError, "已加密"),
    (
        "macro.docx",
        lambda: rebuild_docx(
            {
                "[Content_Types].xml": zipfile.ZipFile(io.BytesIO(valid_docx()))
                .read("[Content_Types].xml")
                .replace(
                    b"wordprocessingml.document.main+xml",
                    b"ms-word.document.macroEnabled.main+xml",
                )
            }
        ),
        InputError,
        "macroEnabled.*另存为 .docx",
    ),
    (
        "broken-xml.docx",
        lambda: rebuild_docx({"word/document.xml": b"<w:document><w:body><w:p>"}),
        InputError,
        "docx 文件无法解析",
    ),
    (
        "password.docx",
        lambda: ole_file("Root Entry", "EncryptionInfo", "EncryptedPackage"),
        InputError,
        "文档受密码保护",
    ),
    (
        "old.docx",
        lambda: ole_file("Root Entry", "WordDocument", "1Table"),
        InputError,
        "旧版 .doc 文件.*另存为 .docx",
    ),
    # read through LibreOffice (junheng.ingest.office): a stub OLE file is one it cannot convert;
    # without LibreOffice the file is skipped with what to install
    ("old.doc", lambda: ole_file("Root Entry", "WordDocument"), *_OLD_WORD),
    ("old.wps", lambda: ole_file("Root Entry", "WordDocument"), *_OLD_WORD),
    ("report.xyz", lambda: b"text", UnsupportedInput, "不支持的文件类型"),
    ("no-extension", lambda: b"text", UnsupportedInput, "无扩展名"),
]


@pytest.mark.parametrize(
    ("name", "build", "kind", "message"), CASES, ids=[case[0] for case in CASES]
)
def test_invalid_input_is_refused_in_bounded_time_and_memory(
    tmp_path: Path, name: str, build: Callable[[], bytes], kind: type[Exception], message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(build())
    assert_refused(bounded_read(path), kind, message)


@pytest.mark.parametrize("member", ["../evil.txt", "word/../../evil.txt", "/tmp/evil.txt"])
def test_invalid_input_zip_slip_member_is_refused_and_nothing_is_written(
    tmp_path: Path, member: str
) -> None:
    work = tmp_path / "in"
    work.mkdir()
    path = work / "slip.docx"
    path.write_bytes(rebuild_docx({member: b"pwned"}))
    targets = [tmp_path / "evil.txt", Path("/tmp/evil.txt"), Path.cwd() / "evil.txt"]
    existed = [target.exists() for target in targets]
    before = sorted(tmp_path.rglob("*"))
    assert_refused(bounded_read(path), InputError, "不安全的成员路径")
    assert sorted(tmp_path.rglob("*")) == before, "nothing is extracted, not even inside tmp"
    assert [target.exists() for target in targets] == existed


@pytest.mark.slow
def test_invalid_input_zipfile_zip64_bomb_is_refused_before_inflating(tmp_path: Path) -> None:
    """The same bomb as ``bomb.docx`` but written by zipfile itself (zip64 extra fields)."""
    path = tmp_path / "zip64-bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            zeros = bytes(MiB)
            for _ in range(1100):
                member.write(zeros)
    assert path.stat().st_size < 10 * MiB
    assert_refused(bounded_read(path), InputError, "疑似压缩炸弹")


def test_invalid_input_too_many_zip_members(tmp_path: Path) -> None:
    path = tmp_path / "many.docx"
    path.write_bytes(rebuild_docx({f"word/extra{n}.xml": b"<x/>" for n in range(60)}))
    outcome = bounded_read(path, Limits(max_zip_members=50))
    assert_refused(outcome, InputError, "成员过多")


def test_invalid_input_member_limit_applies_to_real_bytes(tmp_path: Path) -> None:
    """A member under the declared limit is still counted as it inflates (bounded chunks)."""
    path = tmp_path / "big.docx"
    path.write_bytes(rebuild_docx({"word/media/blob.bin": random_bytes(3 * MiB)}))
    outcome = bounded_read(path, Limits(max_zip_member_bytes=2 * MiB))
    assert_refused(outcome, InputError, "疑似压缩炸弹")


def test_invalid_input_file_over_size_limit_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes("正文".encode() * 1000)
    assert_refused(bounded_read(path, Limits(max_file_bytes=100)), InputError, "文件过大")


def test_invalid_input_valid_docx_still_reads(tmp_path: Path) -> None:
    """The defences do not refuse an ordinary document."""
    path = tmp_path / "ok.docx"
    path.write_bytes(valid_docx())
    doc = read_file(path)
    assert doc.blocks[0].text == "某某县义务教育均衡发展工作汇报"
    assert len(doc.blocks) == 41


def test_invalid_input_embedded_svg_with_doctype_is_not_refused(tmp_path: Path) -> None:
    """An image is an opaque blob for python-docx; only XML parts are scanned for a DTD."""
    svg = b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x"><svg/>'
    path = tmp_path / "svg.docx"
    path.write_bytes(rebuild_docx({"word/media/image1.svg": svg}))
    assert read_file(path).blocks


# --- the registry's sniffing --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"", "empty"),
        (b"%PDF-1.7\n", "pdf"),
        (b"\xef\xbb\xbf  %PDF-1.4", "pdf"),
        (b"PK\x03\x04rest", "zip"),
        (b"PK\x05\x06" + bytes(18), "zip"),
        (OLE_MAGIC + bytes(8), "ole"),
        (b"<!DOCTYPE html><html>", "html"),
        (b"  <HTML><BODY>", "html"),
        (b"\xff\xfe" + "<html><body>".encode("utf-16-le"), "html"),
        ("某某县工作汇报\n一、基本情况".encode(), "text"),
        ("某某县工作汇报".encode("gbk"), "text"),
    ],
)
def test_ingest_sniff_recognises_content(head: bytes, expected: str) -> None:
    assert sniff(head) == expected


def test_ingest_sniff_recognises_utf16_be_html() -> None:
    assert sniff(b"\xfe\xff" + "<html><body>".encode("utf-16-be")) == "html"


# --- PDF cases: the PDF reader is another module; run them once it exists ----------------------


def minimal_pdf(
    content: bytes = b"BT /F1 24 Tf 72 720 Td (Hello) Tj ET", *, trailer: bytes = b""
) -> bytes:
    """A one-page PDF with a correct xref. The big content stream comes first, so cutting the
    file in half loses the catalog and the page tree."""
    objects = [
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Page /Parent 4 0 R /MediaBox [0 0 612 792] /Contents 1 0 R "
        b"/Resources << /Font << /F1 2 0 R >> >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Catalog /Pages 4 0 R >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 5 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        trailer,
        xref,
    )
    return bytes(out)


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    i = j = 0
    out = bytearray()
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def encrypted_pdf(user_password: bytes = b"secret") -> bytes:
    """A PDF under the standard security handler (RC4 40-bit, revision 2) with a user password,
    so no reader can open it without the password."""
    file_id = b"0123456789abcdef"
    padded = (user_password + _PAD)[:32]
    owner = _rc4(hashlib.md5((b"owner" + _PAD)[:32]).digest()[:5], padded)
    permissions = -4
    key = hashlib.md5(padded + owner + struct.pack("<i", permissions) + file_id).digest()[:5]
    user = _rc4(key, _PAD)
    content = b"BT /F1 24 Tf 72 720 Td (Secret) Tj ET"
    object_key = hashlib.md5(key + struct.pack("<i", 1)[:3] + b"\x00\x00").digest()[:10]
    encrypt = (
        b"/Encrypt << /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >> /ID [<%s><%s>] "
        % (
            owner.hex().encode(),
            user.hex().encode(),
            permissions,
            file_id.hex().encode(),
            file_id.hex().encode(),
        )
    )
    return minimal_pdf(_rc4(object_key, content), trailer=encrypt)


PDF_CASES: list[Case] = [
    ("truncated.pdf", lambda: minimal_pdf(b"BT ET " * 400)[:1300], InputError, "."),
    ("encrypted.pdf", encrypted_pdf, InputError, "密码|加密"),
    ("garbage.pdf", lambda: b"%PDF-1.7\n" + random_bytes(5000), InputError, "."),
]


@pytest.mark.parametrize(
    ("name", "build", "kind", "message"), PDF_CASES, ids=[case[0] for case in PDF_CASES]
)
def test_invalid_input_pdf_is_refused(
    tmp_path: Path, name: str, build: Callable[[], bytes], kind: type[Exception], message: str
) -> None:
    pytest.importorskip("junheng.ingest.pdf")
    path = tmp_path / name
    path.write_bytes(build())
    assert_refused(bounded_read(path), kind, message)


# --- damaged packages: a Chinese one-line reason, never an internal error (issue 17) -------------

KNOWN_WORDS = re.compile(r"\S+\.(?:xml|rels)\b|\b(?:docx|Word|PDF|ZIP|LZMA|HTML|FIFO|OCR)\b")


def english(message: str) -> list[str]:
    """The English words of a message, besides format names and the package's member names."""
    return re.findall(r"[A-Za-z]{4,}", KNOWN_WORDS.sub("", message))


def _damaged_docx(kind: str) -> bytes:
    data = bytearray(valid_docx())
    if kind == "negative_seek":  # a central directory that points before the file's start
        end = data.rindex(b"PK\x05\x06")
        struct.pack_into("<I", data, end + 16, struct.unpack_from("<I", data, end + 16)[0] + 9999)
    elif kind == "lzma":  # a member that says LZMA but holds garbage
        header = data.index(b"PK\x03\x04")
        struct.pack_into("<H", data, header + 8, zipfile.ZIP_LZMA)
        central = data.index(b"PK\x01\x02")
        struct.pack_into("<H", data, central + 10, zipfile.ZIP_LZMA)
    elif kind == "crc":  # one flipped byte inside a compressed member
        start = data.index(b"word/document.xml") + 40
        data[start] ^= 0xFF
    elif kind == "magic":
        data[data.index(b"PK\x03\x04", 10) + 1] = 0
    elif kind == "cut":
        data = data[: len(data) // 2]
    return bytes(data)


@pytest.mark.parametrize("kind", ["negative_seek", "lzma", "crc", "magic", "cut"])
def test_invalid_input_damaged_docx_fails_with_a_chinese_reason(tmp_path: Path, kind: str) -> None:
    from junheng.core.model import Status
    from junheng.runner import InputFile, process_file

    path = tmp_path / f"{kind}.docx"
    path.write_bytes(_damaged_docx(kind))
    result = process_file(InputFile(path, path.name))
    assert result.status is Status.FAILED
    assert result.error and "内部错误" not in result.error, result.error
    assert "\n" not in result.error and not english(result.error), result.error
