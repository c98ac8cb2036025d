"""Build tests/data/draft/OUT: a small, realistic `junheng run` output to draft from.

documents.jsonl and reports.jsonl come from a real run over three seeds (cut to four reports);
figures, items and findings are written by hand as the extractors and the validator will emit them,
with every offset computed here from the document text, never typed.

    /work/venv/bin/python tests/data/draft/make_fixture.py [RUN_DIR]

RUN_DIR, when given, is an existing `junheng run` over the three seeds made from corpus/seeds
(useful while the tree's pipeline is mid-edit); without it the installed `junheng` runs.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
OUT = HERE / "OUT"
SEEDS = HERE.parents[2] / "corpus" / "seeds"
F001, F000, F003 = (
    "001_ea2f5b18e91f2ba8.txt",
    "000_23018ebd59d83b14.txt",
    "003_1231b9b084b91a9d.txt",
)
KEEP = {(F001, 0), (F001, 21), (F000, 11), (F003, 0)}
UNITS = {F001: None, F000: "义马市", F003: None}
SENTENCE_END = re.compile(r"[。！？\n]")


def run_pipeline() -> Path:
    """Run the real pipeline from the seeds folder so `file` is the bare file name."""
    tmp = Path(tempfile.mkdtemp()) / "OUT"
    junheng = Path(sys.executable).with_name("junheng")
    subprocess.run(
        [str(junheng), "run", F001, F000, F003, "--out", str(tmp), "--quiet"], cwd=SEEDS, check=True
    )
    return tmp


class Doc:
    """One file's normalised text and its reports, for locating hand-written rows."""

    def __init__(self, document: dict[str, Any], reports: list[dict[str, Any]]) -> None:
        self.file = document["file"]
        self.text: str = document["text"]
        self.reports = {r["doc"]: r for r in reports if r["file"] == self.file}

    def find(self, doc: int, needle: str, after: str = "") -> int:
        """Offset of ``needle`` inside report ``doc`` (after the text ``after``); it must exist."""
        report = self.reports[doc]
        base = report["start"]
        if after:
            base = self.text.index(after, base, report["end"]) + len(after)
        at = self.text.index(needle, base, report["end"])
        return at

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        left = max((m.end() for m in SENTENCE_END.finditer(self.text, 0, start)), default=0)
        match = SENTENCE_END.search(self.text, end)
        right = match.end() if match else len(self.text)
        return left, right

    def figure(
        self,
        doc: int,
        context: str,
        number: str,
        indicator: str,
        value: float,
        unit: str,
        level: str | None = None,
        year: int | None = None,
        kind: str = "actual",
        qualifier: str | None = None,
        unit_name: str | None = None,
    ) -> dict[str, Any]:
        at = self.find(doc, context)
        start = self.text.index(number, at, at + len(context))
        end = start + len(number)
        s_start, s_end = self.sentence(start, end)
        return {
            "file": self.file,
            "doc": doc,
            "unit_name": unit_name or UNITS[self.file],
            "indicator": indicator,
            "value": value,
            "unit": unit,
            "level": level,
            "year": year,
            "kind": kind,
            "qualifier": qualifier,
            "text": self.text[s_start:s_end].strip(),
            "page": None,
            "start": start,
            "end": end,
            "sentence_start": s_start,
            "sentence_end": s_end,
        }

    def item(
        self,
        doc: int,
        kind: str,
        index: int,
        text: str,
        category: str,
        status: str | None = None,
        links: list[tuple[str, int]] = (),
        owner: str | None = None,
        deadline: str | None = None,
        after: str = "",
    ) -> dict[str, Any]:
        start = self.find(doc, text, after)
        return {
            "file": self.file,
            "doc": doc,
            "unit_name": UNITS[self.file],
            "page": None,
            "start": start,
            "end": start + len(text),
            "kind": kind,
            "index": index,
            "text": text,
            "category": category,
            "status": status,
            "links": [{"kind": k, "index": i} for k, i in links],
            "deadline": deadline,
            "owner": owner,
            "figures": [],
        }


def evidence(figure: dict[str, Any]) -> dict[str, Any]:
    return {
        "file": figure["file"],
        "doc": figure["doc"],
        "text": figure["text"],
        "start": figure["start"],
        "end": figure["end"],
        "page": figure["page"],
    }


def figures_of(d000: Doc, d001: Doc, d003: Doc) -> list[dict[str, Any]]:
    f = d000.figure
    yima = [
        f(11, "全市现有中小学校26所", "26", "schools", 26, "所"),
        f(11, "全市现有教职工1573人", "1573", "staff", 1573, "人"),
        f(11, "在校中小学生18601人", "18601", "students", 18601, "人"),
        f(11, "初中学生4432人", "4432", "students", 4432, "人", level="初中"),
        f(11, "小学生10973人", "10973", "students", 10973, "人", level="小学"),
        f(11, "08年比07年增长61%", "61", "funding_growth", 61, "%", year=2008),
        f(11, "财政对教育拨款07年比06年增长25.7%", "25.7", "funding_growth", 25.7, "%", year=2007),
        f(11, "2007年征收教育费附加1130万元", "1130万", "edu_surcharge", 11300000, "元", year=2007),
        f(11, "2008年征收教育费附加1669万元", "1669万", "edu_surcharge", 16690000, "元", year=2008),
        f(11, "2009年征收教育费附加1924万元", "1924万", "edu_surcharge", 19240000, "元", year=2009),
        f(11, "市一中有寄宿生262人", "262", "boarding_students", 262, "人", unit_name="义马市一中"),
        f(11, "市二中有寄宿生247人", "247", "boarding_students", 247, "人", unit_name="义马市二中"),
        f(
            11,
            "东区中心小学有寄宿生199人",
            "199",
            "boarding_students",
            199,
            "人",
            unit_name="义马市东区中心小学",
        ),
        f(11, "全市共计611人", "611", "boarding_students", 611, "人"),
        f(
            11,
            "小学阶段适龄儿童入学率达100%",
            "100",
            "enrollment_rate",
            100,
            "%",
            level="小学",
            year=2009,
        ),
        f(11, "年辍学率为0;", "0", "dropout_rate", 0, "%", level="小学", year=2009),
        f(
            11,
            "初中阶段人口入学率达166%",
            "166",
            "gross_enrollment_rate",
            166,
            "%",
            level="初中",
            year=2009,
        ),
        f(
            11,
            "初中适龄人口入学率达99.74%",
            "99.74",
            "enrollment_rate",
            99.74,
            "%",
            level="初中",
            year=2009,
        ),
        f(11, "在校生年辍学率为0.26%", "0.26", "dropout_rate", 0.26, "%", level="初中", year=2009),
        f(11, "三类残疾儿童入学率为100%", "100", "disabled_enrollment_rate", 100, "%", year=2009),
    ]
    g = d003.figure
    school = [
        g(0, "学校现有10个教学班", "10", "classes", 10, "个", level="初中"),
        g(0, "学校占地面积19980平方米", "19980", "land_area", 19980, "平方米"),
        g(0, "生均占地面积40平方米", "40", "land_area_per_student", 40, "平方米"),
        g(
            0,
            "校舍建筑总面积8380平方米,生均16平方米",
            "16",
            "building_area_per_student",
            16,
            "平方米",
        ),
        g(0, "图书19800册", "19800", "books", 19800, "册"),
        g(0, "生均图书38册", "38", "books_per_student", 38, "册"),
        g(0, "微机室有微机60台", "60", "computers", 60, "台"),
        g(0, "活动场地面积是3600平方米", "3600", "sports_area", 3600, "平方米"),
        g(0, "专任教师46人", "46", "teachers", 46, "人"),
        g(0, "学历合格率100%", "100", "teacher_qualified_rate", 100, "%"),
        g(0, "全校学生510人", "510", "students", 510, "人", level="初中"),
        g(0, "师生比1:11", "1:11", "student_teacher_ratio", 11, "人/师"),
        g(0, "我校辍学率为0", "0", "dropout_rate", 0, "%"),
    ]
    h = d001.figure
    rectified = [
        h(21, "适龄儿童少年入学率为100%", "100", "enrollment_rate", 100, "%"),
        h(21, "巩固率98%以上", "98", "retention_rate", 98, "%", qualifier="以上"),
    ]
    return yima + school + rectified


PROBLEMS_001 = [  # (text, category, status, outcome indexes, measure indexes, owner, deadline)
    ("运动场不达标,无100米直跑道", "办学条件", "整改中", [1], [7], None, None),
    ("音、体、美器材不足", "办学条件", "整改中", [2], [3], "教育局", None),
    ("生均图书不足,缺600册", "办学条件", "已整改", [3], [3], None, None),
    ("卫生保健室设备不足", "办学条件", "已整改", [4], [], None, None),
    ("心理咨询室设备不足", "办学条件", "已整改", [5], [], None, None),
    ("没有符合条件的心理健康教师", "师资队伍", "已整改", [6], [], None, None),
    ("教师培训费未达到年度公用经费总额的5%", "经费保障", "未整改", [7], [], None, "下年"),
    (
        "对均衡发展学习、宣传不够,相关人员标准不熟,底子不清",
        "学校管理",
        "已整改",
        [8],
        [1, 8],
        None,
        None,
    ),
    ("校园文化氛围薄弱", "学校管理", "已整改", [8], [5], None, None),
    (
        "功能室管理不够规范(卫生保健室、心理咨询室、音乐教室、美术教室氛围不浓,各功能室前、后、"
        "侧墙布置欠缺,实验记载不规范,无新增图书登记册)",
        "学校管理",
        "已整改",
        [9],
        [4],
        None,
        None,
    ),
    ("图书仪器利用率不高", "教育质量", "已整改", [10, 11], [4], None, None),
    ("无专任美术、音乐教师", "师资队伍", "未整改", [], [], "学区", None),
    ("资料收集不够齐全", "学校管理", "已整改", [12], [6], None, None),
]
MEASURES_001 = [  # (text, category)
    (
        "加大宣传力度,设置均衡发展专栏或均衡发展专题会,提高对标准化学校建设重要意义的认识,"
        "熟悉各项指标",
        "学校管理",
    ),
    ("全校教师在“国庆”节加班,并充分利用午休时间,课外活动和课余时间,整改存在的问题", "其他"),
    ("积极协调相关部门,配备音体美器材,购买图书", "办学条件"),
    ("规范功能室管理,提高图书、实验仪器的利用率", "学校管理"),
    ("加强校园文化建设,凸现校园文化主题", "学校管理"),
    ("按40项指标分盒收集整理2013年以来的档案资料", "学校管理"),
    ("制定整改方案,明确整改措施、责任人、整改时限,逐一整改落实", "其他"),
    (
        "认真学习《甘肃省办学基本标准》和《督导评估细则》,进一步明确义务教育均衡发展标准和内容",
        "学校管理",
    ),
]
OUTCOMES_001 = [  # (text, category)
    ("针对运动场不达标,无100米直跑道,学校联系村委会,已修建5米宽60米长水泥直跑道", "办学条件"),
    (
        "重新按照音、体、美器材配备标准,将现有音、体、美器材登记造册,不足部分上报教育局,"
        "争取配足配齐",
        "办学条件",
    ),
    ("近期联系图书富裕学校援助图书600册,生均图书已达标", "办学条件"),
    ("卫生保健室配置了观察床,配备了床单、被褥等设备", "办学条件"),
    ("心理咨询室已配备了沙发、茶几,摆放了鲜花", "办学条件"),
    ("心理健康教师取得了合格证,有了符合条件的心理健康教师", "师资队伍"),
    ("今后将加大教师培训力度,提高教师培训费在公用经费中的比例", "经费保障"),
    (
        "近期,在校园里悬挂了义务教育均衡发展标准化学校建设的横幅,刊登学校均衡发展的黑板报,"
        "营造了标准化学校建设的氛围",
        "学校管理",
    ),
    ("强化功能室管理,做到规范化管理", "学校管理"),
    ("利用中午和课外活动时间开放图书室、阅览室,提高了图是借阅率", "教育质量"),
    (
        "严格规范各年级科学课、数学课教学,要求科学实验规范化,数学教师作图规范化,提高了仪器利用率",
        "教育质量",
    ),
    ("按照区教育局档案目录,分小组分项目进行资料的收集、整理、归档", "学校管理"),
]


def items_of(d001: Doc, d003: Doc) -> list[dict[str, Any]]:
    rows = []
    for i, (text, cat, status, outs, meas, owner, deadline) in enumerate(PROBLEMS_001, 1):
        links = [("measure", m) for m in meas] + [("outcome", o) for o in outs]
        rows.append(d001.item(21, "problem", i, text, cat, status, links, owner, deadline))
    for i, (text, cat) in enumerate(MEASURES_001, 1):
        rows.append(d001.item(21, "measure", i, text, cat, after="二、整改措施和方法"))
    for i, (text, cat) in enumerate(OUTCOMES_001, 1):
        rows.append(d001.item(21, "outcome", i, text, cat, after="三、整改情况"))
    school_problems = [
        ("教师潜力有待充分挖掘。一些教师特长还没有得到充分发挥。", "师资队伍"),
        (
            "课堂改革还没有完全适应,特别是一些老教师,虽然形式上接受了课改理念,"
            "但心理上还是有些排斥。",
            "教育质量",
        ),
        ("学校部分器材陈旧,现代化教学设施有待完善。", "办学条件"),
    ]
    for i, (text, cat) in enumerate(school_problems, 1):
        rows.append(d003.item(0, "problem", i, text, cat, None, [("measure", 1)]))
    rows.append(
        d003.item(
            0,
            "measure",
            1,
            "继续大力推进义务教育均衡发展工作,办人民满意教育。",
            "其他",
            after="(七)改进措施",
        )
    )
    return rows


def findings_of(figures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by = {(f["file"], f["indicator"], f["value"]): f for f in figures}
    parts = [by[(F000, "boarding_students", v)] for v in (262, 247, 199, 611)]
    land, books, students = (
        by[(F003, "land_area", 19980)],
        by[(F003, "books", 19800)],
        by[(F003, "students", 510)],
    )
    sports = by[(F003, "sports_area", 3600)]
    base = {"page": None}
    return [
        {
            **base,
            "file": F000,
            "doc": 11,
            "unit_name": "义马市",
            "rule": "sum_mismatch",
            "severity": "error",
            "message": "寄宿生分项262+247+199=708人，与报告所写合计611人不符。",
            "values": [262, 247, 199, 611],
            "expected": 708,
            "standard": None,
            "evidence": [evidence(p) for p in parts],
        },
        {
            **base,
            "file": F003,
            "doc": 0,
            "unit_name": None,
            "rule": "below_standard",
            "severity": "error",
            "indicator": "sports_area_per_student",
            "level": "初中",
            "message": "生均体育运动场馆面积3600÷510≈7.06平方米，低于初中标准10.2平方米。",
            "values": [3600, 510],
            "expected": 10.2,
            "standard": "《县域义务教育优质均衡发展督导评估办法》（教督〔2017〕6号）第六条："
            "初中生均体育运动场馆面积不低于10.2平方米",
            "evidence": [evidence(sports), evidence(students)],
        },
        {
            **base,
            "file": F003,
            "doc": 0,
            "unit_name": None,
            "rule": "ratio_mismatch",
            "severity": "warning",
            "indicator": "land_area_per_student",
            "message": "占地面积19980平方米÷学生510人≈39.2平方米，报告写生均40平方米。",
            "values": [19980, 510, 40],
            "expected": 39.18,
            "standard": None,
            "evidence": [
                evidence(land),
                evidence(students),
                evidence(by[(F003, "land_area_per_student", 40)]),
            ],
        },
        {
            **base,
            "file": F003,
            "doc": 0,
            "unit_name": None,
            "rule": "ratio_mismatch",
            "severity": "info",
            "indicator": "books_per_student",
            "message": "图书19800册÷学生510人≈38.8册，与报告所写生均38册相符（取整）。",
            "values": [19800, 510, 38],
            "expected": 38.82,
            "standard": None,
            "evidence": [evidence(books), evidence(students)],
        },
    ]


def cut_document(document: dict[str, Any], end: int) -> dict[str, Any]:
    """The document up to ``end`` (the last kept report's end): text, source and map cut alike."""
    runs = [[t, r, min(n, end - t)] for t, r, n in document["offset_runs"] if t < end]
    raw_end = runs[-1][1] + runs[-1][2] if runs else 0
    return {
        **document,
        "text": document["text"][:end],
        "raw_text": document["raw_text"][:raw_end],
        "offset_runs": runs,
        "page_starts": [p for p in document["page_starts"] if p < end],
    }


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def main() -> None:
    run = Path(sys.argv[1]) if len(sys.argv) > 1 else run_pipeline()
    OUT.mkdir(parents=True, exist_ok=True)
    documents = read_jsonl(run / "documents.jsonl")
    reports = [r for r in read_jsonl(run / "reports.jsonl") if (r["file"], r["doc"]) in KEEP]
    ends = {}
    for report in reports:
        ends[report["file"]] = max(ends.get(report["file"], 0), report["end"])
    documents = [cut_document(d, ends[d["file"]]) for d in documents if d["file"] in ends]
    docs = {d["file"]: Doc(d, reports) for d in documents}
    figures = figures_of(docs[F000], docs[F001], docs[F003])
    items = items_of(docs[F001], docs[F003])
    findings = findings_of(figures)
    for row in items:  # the point of the fixture: every offset is real
        assert docs[row["file"]].text[row["start"] : row["end"]] == row["text"], row
    for row in figures:
        sentence = docs[row["file"]].text[row["sentence_start"] : row["sentence_end"]]
        assert sentence.strip() == row["text"], row
        assert row["sentence_start"] <= row["start"] < row["end"] <= row["sentence_end"], row
    for name, rows in (
        ("documents", documents),
        ("reports", reports),
        ("figures", figures),
        ("items", items),
        ("findings", findings),
    ):
        write_jsonl(OUT / f"{name}.jsonl", rows)
    (OUT / "manifest.json").write_text((run / "manifest.json").read_text("utf-8"), "utf-8")
    print(
        f"{len(reports)} reports, {len(figures)} figures, {len(items)} items, "
        f"{len(findings)} findings → {OUT}"
    )


if __name__ == "__main__":
    main()
