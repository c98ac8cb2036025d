"""Synthetic inputs: many distinct reports from a few, for the benchmark and the batch tests.

Why synthetic: a batch of 1,000 real reports is not something the repository can hold, and the
store and the workers care that files differ (each has its own hash and its own numbers), not that
they are new prose. :func:`corpus_mix` turns the seed corpus into N files, cycling through the seeds
and the three forms (.txt, .docx, .pdf):

- ``.txt`` and ``.docx``: every digit of the text goes through a permutation of 0–9 drawn for that
  copy, so the numbers vary (the .docx is edited in its ``word/document.xml``, text runs only, so
  no attribute, size or style changes);
- ``.pdf``: the committed seed PDF as is, with a comment appended after ``%%EOF`` that makes its
  hash unique. Its text is the seed's: rewriting digits inside a subset-font PDF is not cheap.

:func:`small_reports` writes tiny .txt reports from a template, for tests that need many fast files.
"""

from __future__ import annotations

import random
import re
import zipfile
from pathlib import Path

FORMS = (".txt", ".docx", ".pdf")
_DIGITS = "0123456789"
_TEXT_RUN = re.compile(r"(<w:t(?:\s[^>]*)?>)([^<]*)(</w:t>)")

TEMPLATE = (
    "{name}推进义务教育均衡发展工作汇报\n"
    "我校现有教学班{classes}个，在校学生{students}人，专任教师{teachers}人。\n"
    "一、基本情况\n学校占地面积{area}平方米，生均校舍建筑面积{per}平方米。\n"
    "二、存在问题\n1.运动场地不足。\n2.教师结构性缺编{short}人。\n"
    "{name}\n20{year:02d}年{month}月{day}日\n"
)


def small_reports(folder: Path, count: int, seed: int = 0) -> list[Path]:
    """``count`` short .txt reports named ``r000.txt``…, each with its own numbers."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        text = TEMPLATE.format(
            name=f"第{index + 1}中心小学",
            classes=rng.randint(6, 60),
            students=rng.randint(100, 3000),
            teachers=rng.randint(10, 200),
            area=rng.randint(5000, 90000),
            per=round(rng.uniform(3, 12), 2),
            short=rng.randint(1, 30),
            year=rng.randint(8, 20),
            month=rng.randint(1, 12),
            day=rng.randint(1, 28),
        )
        path = folder / f"r{index:03d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _permutation(rng: random.Random) -> dict[int, int]:
    digits = list(_DIGITS)
    rng.shuffle(digits)
    return str.maketrans(_DIGITS, "".join(digits))


def _docx_copy(source: Path, target: Path, table: dict[int, int]) -> None:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                xml = data.decode("utf-8")
                xml = _TEXT_RUN.sub(lambda m: m[1] + m[2].translate(table) + m[3], xml)
                data = xml.encode("utf-8")
            zout.writestr(info, data)


def corpus_mix(seeds: Path, folder: Path, count: int, forms: tuple[str, ...] = FORMS) -> list[Path]:
    """``count`` files made from the seeds in ``seeds``, cycling through seeds and ``forms``."""
    stems = sorted(p.stem for p in seeds.glob("*.txt"))
    if not stems:
        raise FileNotFoundError(f"no seed .txt files in {seeds}")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        stem = stems[index % len(stems)]
        form = forms[(index // len(stems)) % len(forms)]
        source = seeds / f"{stem}{form}"
        target = folder / f"{index:05d}_{stem[:3]}{form}"
        table = _permutation(random.Random(index))
        if form == ".txt":
            target.write_text(source.read_text("utf-8").translate(table), encoding="utf-8")
        elif form == ".docx":
            _docx_copy(source, target, table)
        else:
            target.write_bytes(source.read_bytes() + f"\n%junheng-bench copy {index}\n".encode())
        paths.append(target)
    return paths
