"""A seeded mutation fuzzer: damaged, truncated and odd copies of the seed files.

:func:`mutants` writes N files made from the seeds (``corpus/seeds``: .txt, .docx, .pdf), each by
one mutation drawn for its format with a :class:`random.Random` seeded by ``seed`` and the file's
number, so the same arguments always give the same bytes. The mutations are those found to matter
in issue 17:

- every format: bytes flipped, the file truncated, a run of bytes zeroed or repeated, bytes
  inserted (control characters, NULs, invalid UTF-8);
- .txt: a byte-order mark added (UTF-8 twice, UTF-16 before UTF-8, UTF-32), the text re-encoded
  (GBK, UTF-16 with or without a BOM), control and invisible characters (bidi marks, U+2028,
  zero-width) inserted as text, all lines joined into one;
- .docx: one member damaged inside an intact ZIP (bytes flipped or truncated in its XML, dropped),
  control or invisible characters in the text runs, the main part re-encoded as UTF-16, the main
  part renamed (the relationship and content type follow), the ZIP directory damaged;
- .pdf: the cross-reference offsets shifted, the trailer cut, bytes flipped inside a stream.

Run ``python -m junheng.bench.fuzz corpus/seeds OUT_DIR --count 300 --seed 17`` and then
``junheng run OUT_DIR --out OUT``; ``tests/test_fuzz.py`` does this and checks the manifest.
"""

from __future__ import annotations

import argparse
import io
import random
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

FORMS = (".txt", ".docx", ".pdf")
Mutation = Callable[[bytes, random.Random], bytes]

_CONTROLS = [bytes([c]) for c in (*range(0, 9), 11, 12, *range(14, 32), 127)]
_ODD_TEXT = ["\x01", "\x1f", "\x7f", "\x85", "\u2028", "\u2029", "\u200b", "\u202e", "\ufeff",
             "\ufffe", "\ufffd", "\ud800", "\x0c", "\r"]  # fmt: skip
_BOMS = [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"]


# --- any format ---------------------------------------------------------------------------------


def flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out[rng.randrange(len(out))] ^= rng.randint(1, 255)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, len(data))]


def zero_run(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    size = rng.randint(1, 512)
    return data[:start] + bytes(min(size, len(data) - start)) + data[start + size :]


def repeat_run(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    chunk = data[start : start + rng.randint(1, 4096)]
    return data[:start] + chunk * rng.randint(2, 4) + data[start:]


def insert_bytes(data: bytes, rng: random.Random) -> bytes:
    out = data
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(out))
        junk = rng.choice([*_CONTROLS, b"\x00", b"\xff\xfe", b"\xc3", b"\xe4\xb8", b"\x80"])
        out = out[:at] + junk + out[at:]
    return out


# --- .txt ---------------------------------------------------------------------------------------


def _decoded(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def add_bom(data: bytes, rng: random.Random) -> bytes:
    return rng.choice(_BOMS) + data


def reencode(data: bytes, rng: random.Random) -> bytes:
    name = rng.choice(["gbk", "gb18030", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
    return _decoded(data).encode(name, "replace")


def odd_characters(data: bytes, rng: random.Random) -> bytes:
    text = _decoded(data)
    for _ in range(rng.randint(1, 20)):
        at = rng.randrange(len(text))
        text = text[:at] + rng.choice(_ODD_TEXT) + text[at:]
    return text.encode("utf-8", "surrogatepass")


def one_line(data: bytes, rng: random.Random) -> bytes:
    return re.sub(rb"\r?\n", rng.choice([b"", b" ", b"\r"]), data)


# --- .docx --------------------------------------------------------------------------------------

_MAIN = "word/document.xml"
_TEXT_RUN = re.compile(r"(<w:t(?:\s[^>]*)?>)([^<]+)(</w:t>)")


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            # a fixed timestamp: the same seed gives the same bytes whenever it runs
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()


def _xml_member(members: dict[str, bytes], rng: random.Random) -> str:
    names = [name for name in members if name.endswith((".xml", ".rels"))]
    return _MAIN if rng.random() < 0.5 else rng.choice(names)


def member_flip(data: bytes, rng: random.Random) -> bytes:
    members = _members(data)
    name = _xml_member(members, rng)
    members[name] = flip(members[name], rng)
    return _zipped(members)


def member_truncate(data: bytes, rng: random.Random) -> bytes:
    members = _members(data)
    name = _xml_member(members, rng)
    members[name] = truncate(members[name], rng) if members[name] else b""
    return _zipped(members)


def member_drop(data: bytes, rng: random.Random) -> bytes:
    members = _members(data)
    del members[_xml_member(members, rng)]
    return _zipped(members)


def member_text(data: bytes, rng: random.Random) -> bytes:
    """Control or invisible characters (as raw characters or character references) in the text
    runs of the main part."""
    members = _members(data)
    xml = members[_MAIN].decode("utf-8")
    runs = list(_TEXT_RUN.finditer(xml))
    for match in sorted(rng.sample(runs, min(len(runs), rng.randint(1, 10))),
                        key=lambda m: -m.start()):  # fmt: skip
        odd = rng.choice([*_ODD_TEXT, "&#1;", "&#x1F;", "&#xFFFE;", "&#133;", "&#8232;"])
        text = match.group(2)
        at = rng.randrange(len(text) + 1)
        xml = xml[: match.start(2)] + text[:at] + odd + text[at:] + xml[match.end(2) :]
    members[_MAIN] = xml.encode("utf-8", "surrogatepass")
    return _zipped(members)


def member_utf16(data: bytes, rng: random.Random) -> bytes:
    members = _members(data)
    xml = members[_MAIN].decode("utf-8").replace("UTF-8", "UTF-16", 1)
    members[_MAIN] = xml.encode(rng.choice(["utf-16", "utf-16-le", "utf-16-be"]))
    return _zipped(members)


def rename_main(data: bytes, rng: random.Random) -> bytes:
    members = _members(data)
    new = rng.choice(["word/evil.png", "word/main.bin", "word/document2.xml"])
    members[new] = members.pop(_MAIN)
    members["_rels/.rels"] = members["_rels/.rels"].replace(_MAIN.encode(), new.encode())
    if f"word/_rels/{_MAIN[5:]}.rels" in members:
        members[f"word/_rels/{new[5:]}.rels"] = members.pop(f"word/_rels/{_MAIN[5:]}.rels")
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        f'PartName="/{_MAIN}"'.encode(), f'PartName="/{new}"'.encode()
    )
    return _zipped(members)


def directory_damage(data: bytes, rng: random.Random) -> bytes:
    """Bytes flipped in one entry of the ZIP's central directory (names, sizes, offsets)."""
    entries = [m.start() for m in re.finditer(b"PK\x01\x02", data)]
    if not entries:
        return flip(data, rng)
    start = rng.choice(entries)
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        out[min(len(out) - 1, start + rng.randrange(4, 46))] ^= rng.randint(1, 255)
    return bytes(out)


# --- .pdf ---------------------------------------------------------------------------------------


def xref_shift(data: bytes, rng: random.Random) -> bytes:
    """Offsets in the cross-reference table changed (objects no longer where it says)."""
    entries = list(re.finditer(rb"(?m)^(\d{10}) (\d{5}) n", data))
    out = bytearray(data)
    for match in rng.sample(entries, min(len(entries), rng.randint(1, 5))) if entries else ():
        value = (int(match.group(1)) + rng.randint(-500, 500)) % 10**10
        out[match.start(1) : match.end(1)] = b"%010d" % value
    return bytes(out) if entries else flip(data, rng)


def cut_trailer(data: bytes, rng: random.Random) -> bytes:
    at = data.rfind(rng.choice([b"xref", b"trailer", b"startxref", b"%%EOF"]))
    return data[: at if at > 0 else len(data) // 2]


def stream_flip(data: bytes, rng: random.Random) -> bytes:
    starts = [m.end() for m in re.finditer(rb"stream\r?\n", data)]
    if not starts:
        return flip(data, rng)
    out = bytearray(data)
    at = rng.choice(starts)
    for _ in range(rng.randint(1, 6)):
        position = min(len(out) - 1, at + rng.randrange(2000))
        out[position] ^= rng.randint(1, 255)
    return bytes(out)


_ANY: dict[str, Mutation] = {
    "flip": flip, "truncate": truncate, "zero": zero_run, "repeat": repeat_run,
    "insert": insert_bytes,
}  # fmt: skip
MUTATIONS: dict[str, dict[str, Mutation]] = {
    ".txt": {**_ANY, "bom": add_bom, "reencode": reencode, "odd": odd_characters,
             "oneline": one_line},
    ".docx": {**_ANY, "member-flip": member_flip, "member-truncate": member_truncate,
              "member-drop": member_drop, "member-text": member_text,
              "member-utf16": member_utf16, "rename-main": rename_main,
              "directory": directory_damage},
    ".pdf": {**_ANY, "xref": xref_shift, "trailer": cut_trailer, "stream": stream_flip},
}  # fmt: skip
"""The mutations of each format, by name (a mutant's file name says which it got)."""


def mutate(data: bytes, form: str, rng: random.Random) -> tuple[str, bytes]:
    """One mutation for a file of ``form`` drawn with ``rng``: its name and the mutated bytes
    (never empty: an empty file is a case of its own)."""
    name = rng.choice(sorted(MUTATIONS[form]))
    out = MUTATIONS[form][name](data, rng)
    return name, out or data[:1]


def mutants(seeds: Path, out: Path, count: int, seed: int = 17) -> list[Path]:
    """Write ``count`` mutants of the seed files in ``seeds`` to ``out``, cycling through the seeds
    and forms; the same arguments give the same files. Returns their paths."""
    sources = sorted(path for path in seeds.iterdir() if path.suffix in FORMS)
    if not sources:
        raise ValueError(f"no .txt, .docx or .pdf files in {seeds}")
    out.mkdir(parents=True, exist_ok=True)
    originals = {path: path.read_bytes() for path in sources}
    written = []
    for number in range(count):
        source = sources[number % len(sources)]
        rng = random.Random(f"{seed}:{number}")
        name, data = mutate(originals[source], source.suffix, rng)
        path = out / f"{number:04d}_{name}_{source.stem[:3]}{source.suffix}"
        path.write_bytes(data)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write seeded mutants of the seed files.")
    parser.add_argument("seeds", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args(argv)
    print(len(mutants(args.seeds, args.out, args.count, args.seed)), "mutants in", args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
