"""The files a batch could not read, in report.docx: named in the text when few, listed with their
reasons in an attachment when more (a justified sentence of many file names is unreadable)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from junheng.cli import main

_REPORT = (
    "青山县义务教育均衡发展整改情况报告\n"
    "一、存在的问题\n1、学校运动场地不足,部分学校未建标准跑道。\n"
    "二、整改措施\n1、新建标准化运动场3个,年底前完成。\n"
)


def _report_text(tmp_path: Path, broken: int) -> list[str]:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_report.txt").write_text(_REPORT, "utf-8")
    for n in range(broken):
        (folder / f"b_broken_{n}.docx").write_bytes(b"not a zip at all")
    out = tmp_path / "OUT"
    main(["run", str(folder), "--out", str(out), "--quiet", "--workers", "1"])  # 1: some failed
    return [p.text for p in docx.Document(str(out / "report.docx")).paragraphs]


def test_draft_unread_files_few_are_named_in_the_text(tmp_path: Path) -> None:
    texts = _report_text(tmp_path, 2)
    line = next(t for t in texts if "未能读取" in t)
    assert "b_broken_0.docx" in line and "b_broken_1.docx" in line
    assert "未能读取的文件" not in texts


@pytest.mark.slow
def test_draft_unread_files_many_are_listed_with_their_reasons(tmp_path: Path) -> None:
    texts = _report_text(tmp_path, 5)
    line = next(t for t in texts if "个文件未能读取" in t)
    assert "5个文件未能读取" in line and "见附件2" in line and "b_broken_0" not in line
    assert "2.未能读取的文件" in texts  # named under 附件： at the end of the body
    listed = texts[texts.index("未能读取的文件") + 1 :]
    rows = [t for t in listed if ".docx" in t]
    assert [t.split(" ", 1)[1].split("：", 1)[0] for t in rows] == [
        f"b_broken_{n}.docx" for n in range(5)
    ]
    assert all("：" in t and "docx" in t.split("：", 1)[1] for t in rows)  # each with its reason
