"""Make the committed PDF fixtures of tests/test_ingest_pdf.py (run by hand; CI only reads them).

Needs LibreOffice, a CJK font and qpdf::

    apt-get install -y libreoffice-writer-nogui fonts-noto-cjk qpdf
    /work/venv/bin/python tests/data/pdf/make_fixtures.py

* ``report.pdf``: a three-page report laid out by LibreOffice: a running header (the title),
  ``第 N 页 共 M 页`` at the foot, long paragraphs that wrap and run over page breaks, headings,
  quotes (which LibreOffice draws out of order) and short closing lines. ``report.json`` holds
  the paragraphs as written, which is what the reader must give back.
* ``table.pdf``: a paragraph, a ruled 4 × 3 table, a paragraph. ``table.json`` holds the cells.
* ``encrypted.pdf``: ``table.pdf`` encrypted by qpdf with the user password ``secret``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2] / "corpus"))

from render import docx_to_pdf, new_document  # noqa: E402

TITLE = "某县义务教育均衡发展工作汇报"
CLAUSES = [
    "近年来，我县坚持把义务教育均衡发展作为教育工作的重中之重",
    "按照“政府主导、部门协作、学校落实、社会参与”的思路",
    "累计投入资金3.{n}亿元，新建和改扩建校舍12.{n}万平方米",
    "全县中小学生均教学及辅助用房面积达到5.{n}平方米",
    "农村学校的办学条件得到明显改善，城乡差距逐步缩小",
    "教师交流轮岗制度全面落实，每年交流校长和教师2{n}余人",
    "“县管校聘”改革稳步推进，优质教育资源覆盖面不断扩大",
]


def _paragraph(seed: int, clauses: int) -> str:
    """A long paragraph with commas only inside and 。 at the end, so every line break the PDF
    shows inside it is a broken line that the reader must join back. The numbers differ from
    clause to clause, so that any stretch of a line is found in one paragraph only."""
    parts = [CLAUSES[(seed + k) % len(CLAUSES)].format(n=f"{seed:02d}{k}") for k in range(clauses)]
    return "，".join(parts) + "。"


def report_paragraphs() -> list[str]:
    paragraphs = [TITLE, "尊敬的各位领导："]
    headings = ["一、基本情况", "二、主要做法", "（一）改善办学条件", "三、存在的问题"]
    for index, heading in enumerate(headings):
        paragraphs.append(heading)
        for k in range(3):
            paragraphs.append(_paragraph(index * 3 + k, 5 + (index + k) % 4))
    paragraphs += ["特此汇报。", "谢谢！", "某县教育局", "2024年5月10日"]
    return paragraphs


def make_report(out: Path) -> None:
    paragraphs = report_paragraphs()
    document = new_document(TITLE, ("第 ", "PAGE", " 页 共 ", "NUMPAGES", " 页"))
    for text in paragraphs:
        document.add_paragraph(text)
    _save_pdf(document, out / "report.pdf")
    (out / "report.json").write_text(json.dumps(paragraphs, ensure_ascii=False, indent=1) + "\n")


TABLE = [
    ["指标", "2023年", "2024年"],
    ["生均教学及辅助用房面积（平方米）", "5.2", "5.8"],
    ["生均体育运动场馆面积（平方米）", "6.1", "7.3"],
    ["每百名学生拥有高于规定学历教师数（人）", "4.2", "4.9"],
]


def make_table(out: Path) -> None:
    document = new_document("表格测试", ("— ", "PAGE", " —"))
    document.add_paragraph("全县主要办学指标对比情况如下：")
    table = document.add_table(rows=len(TABLE), cols=len(TABLE[0]))
    table.style = "Table Grid"
    for r, row in enumerate(TABLE):
        for c, text in enumerate(row):
            table.cell(r, c).paragraphs[0].text = text
            table.cell(r, c).paragraphs[0].paragraph_format.first_line_indent = 0
    document.add_paragraph("以上指标均达到省定标准。")
    _save_pdf(document, out / "table.pdf")
    (out / "table.json").write_text(json.dumps(TABLE, ensure_ascii=False, indent=1) + "\n")


def make_encrypted(out: Path) -> None:
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        raise SystemExit("qpdf not found: apt-get install -y qpdf")
    subprocess.run(
        [
            qpdf,
            "--encrypt",
            "secret",
            "owner",
            "256",
            "--",
            str(out / "table.pdf"),
            str(out / "encrypted.pdf"),
        ],
        check=True,
    )


def _save_pdf(document, target: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        docx_path = Path(tmp) / f"{target.stem}.docx"
        document.save(str(docx_path))
        shutil.move(docx_to_pdf(docx_path, Path(tmp)), target)


if __name__ == "__main__":
    make_report(HERE)
    make_table(HERE)
    make_encrypted(HERE)
    for path in sorted(HERE.glob("*.pdf")):
        print(path.name, path.stat().st_size)
