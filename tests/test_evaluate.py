"""junheng.evaluate on small hand-made gold/output pairs: the dev gold's offsets, a miss, a false
positive, a strict-only miss, a segmentation mismatch, items, inconsistencies; exact scores."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from junheng.cli import main
from junheng.core.text import dice
from junheng.evaluate import evaluate, render_scores
from junheng.evaluate.metrics import one_to_one, prf
from junheng.evaluate.offsets import TextMap
from junheng.evaluate.segmentation import title_key

# d001 (tuning): a county report; the run drops the blank line and the final line break (as the
# .txt reader does) and the normalised text drops the stray space before 3400.
D001 = (
    "县教育局工作汇报\n\n全县小学12所，在校生 3400人，其中小学2200人、初中1200人。"
    "专任教师210人，生师比16.2。\n存在问题：一是校舍不足；二是教师短缺。\n"
    "整改措施：一是新建教学楼；二是招聘教师。\n"
)
# d002 (held-out): parts that do not add up (262+247+199=708, 写共计611); raw text = file text.
D002 = "某校寄宿生一年级262人，二年级247人，三年级199人，共计611人。"


def _at(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def _figure(text: str, number: str, indicator: str, value: float, **extra: Any) -> dict:
    start, end = _at(text, number)
    return {
        "doc": 0, "start": start, "end": end, "number": number, "indicator": indicator,
        "value": value, "level": None, "year": None, "qualifier": None, **extra,
    }


def _number(text: str, number: str, role: str) -> dict:
    start, end = _at(text, number)
    return {"start": start, "end": end, "number": number, "value": float(number), "role": role}


def _gold_d001() -> dict:
    t = D001
    problem1, problem2 = _at(t, "校舍不足"), _at(t, "教师短缺")
    measure1, measure2 = _at(t, "新建教学楼"), _at(t, "招聘教师")
    return {
        "file": "d001.txt",
        "sha256": hashlib.sha256(t.encode("utf-8")).hexdigest(),
        "notes": "",
        "reports": [{"start": 0, "end": len(t) - 1, "title_start": 0, "title_end": 8,
                     "unit_name": None, "type": "汇报", "date": None, "years": []}],
        "figures": [
            _figure(t, "12", "schools", 12, level="小学"),
            _figure(t, "3400", "students", 3400),
            _figure(t, "2200", "students", 2200, level="小学"),
            _figure(t, "1200", "students", 1200, level="初中"),
            _figure(t, "210", "teachers", 210),
            _figure(t, "16.2", "student_teacher_ratio", 16.2),
            _figure(t, "210", "investment", 2100000, extra=True),  # not scored
        ],
        "items": [
            {"doc": 0, "kind": "problem", "index": 1, "start": problem1[0], "end": problem1[1],
             "status": "整改中", "deadline": None, "owner": None,
             "links": [{"kind": "measure", "index": 1}]},
            {"doc": 0, "kind": "problem", "index": 2, "start": problem2[0], "end": problem2[1],
             "status": None, "deadline": None, "owner": None,
             "links": [{"kind": "measure", "index": 2}]},
            {"doc": 0, "kind": "measure", "index": 1, "start": measure1[0], "end": measure1[1],
             "status": None, "deadline": None, "owner": None},
            {"doc": 0, "kind": "measure", "index": 2, "start": measure2[0], "end": measure2[1],
             "status": None, "deadline": None, "owner": None},
        ],
        "relations": [
            {"doc": 0, "type": "sum", "holds": True, "formula": "2200+1200=3400",
             "numbers": [_number(t, "3400", "total"), _number(t, "2200", "part"),
                         _number(t, "1200", "part")]},
            {"doc": 0, "type": "ratio", "holds": True, "formula": "3400/210=16.19",
             "numbers": [_number(t, "16.2", "quotient"), _number(t, "3400", "dividend"),
                         _number(t, "210", "divisor")]},
        ],
        "inconsistencies": [],
    }


def _gold_d002() -> dict:
    t = D002
    return {
        "file": "d002.txt",
        "sha256": hashlib.sha256(t.encode("utf-8")).hexdigest(),
        "notes": "",
        "reports": [{"start": 0, "end": len(t), "title_start": None, "title_end": None,
                     "unit_name": None, "type": "其他", "date": None, "years": []}],
        "figures": [],
        "items": [],
        "relations": [
            {"doc": 0, "type": "sum", "holds": False, "formula": "262+247+199=708, 写611",
             "numbers": [_number(t, "611", "total"), _number(t, "262", "part"),
                         _number(t, "247", "part"), _number(t, "199", "part")]},
        ],
        "inconsistencies": [{"doc": 0, "values": [611, 708], "note": "262+247+199=708, 写611"}],
    }


def _system_d001() -> dict[str, list[dict]]:
    raw = D001.replace("\n\n", "\n").rstrip("\n")
    space = raw.index(" 3400")
    norm = raw[:space] + raw[space + 1 :]
    runs = [[0, 0, space], [space, space + 1, len(norm) - space]]
    split = norm.index("整改措施")

    def fig(number: str, indicator: str, value: float, level: str | None = None,
            kind: str = "actual") -> dict:
        start, end = _at(norm, number)
        return {"file": "d001.txt", "doc": 0, "indicator": indicator, "value": value,
                "level": level, "year": None, "kind": kind, "start": start, "end": end,
                "text": ""}

    def item(kind: str, index: int, text: str, **extra: Any) -> dict:
        start, end = _at(norm, text)
        return {"file": "d001.txt", "doc": 1, "kind": kind, "index": index, "text": text,
                "start": start, "end": end, "status": None, "links": [], **extra}

    def evidence(number: str) -> dict:
        start, end = _at(norm, number)
        return {"text": number, "start": start, "end": end, "page": None, "file": "d001.txt",
                "doc": 0}

    return {
        "documents": [{"file": "d001.txt", "text": norm, "raw_text": raw, "offset_runs": runs}],
        "reports": [
            # the title with a stray 。 still counts as the same title; the unit is wrong; the
            # second report (split off at 整改措施) is one too many
            {"file": "d001.txt", "doc": 0, "title": "县教育局工作汇报。", "unit_name": "某县",
             "type": "汇报", "date": None, "start": 0, "end": split},
            {"file": "d001.txt", "doc": 1, "title": "", "unit_name": None, "type": None,
             "date": None, "start": split, "end": len(norm)},
        ],
        "figures": [
            fig("12", "schools", 12, "小学"),
            fig("3400", "students", 3400),
            fig("2200", "students", 2200, "小学"),
            fig("1200", "students", 1200),  # level missed: a strict-only miss
            fig("210", "staff", 210),  # a false positive, and teachers 210 is missed
            fig("16.2", "student_teacher_ratio", 16.2),
            fig("16.2", "student_teacher_ratio", 16.2, kind="target"),  # not actual: not scored
            fig("210", "computers", 210),  # outside the CONTRACT catalogue: not scored
        ],
        "items": [
            item("problem", 1, "校舍不足",
                 links=[{"kind": "measure", "index": 1}, {"kind": "measure", "index": 2}]),
            item("measure", 1, "新建教学楼"),
            item("measure", 2, "招聘教师"),
            item("outcome", 1, "整改措施"),  # a false positive
        ],
        "findings": [
            {"file": "d001.txt", "doc": 0, "rule": "sum_mismatch", "message": "holds, flagged",
             "values": [2200, 1200, 3400], "evidence": [evidence("2200"), evidence("3400")]},
            {"file": "d001.txt", "doc": 0, "rule": "below_standard", "message": "not arithmetic",
             "values": [16.2], "evidence": [evidence("16.2")]},
        ],
    }


def _system_d002() -> dict[str, list[dict]]:
    t = D002

    def evidence(number: str) -> dict:
        start, end = _at(t, number)
        return {"text": number, "start": start, "end": end, "page": None, "file": "d002.txt",
                "doc": 0}

    return {
        "documents": [{"file": "d002.txt", "text": t, "raw_text": t,
                       "offset_runs": [[0, 0, len(t)]]}],
        "reports": [{"file": "d002.txt", "doc": 0, "title": "", "unit_name": None,
                     "type": "其他", "date": None, "start": 0, "end": len(t)}],
        "figures": [],
        "items": [],
        "findings": [
            {"file": "d002.txt", "doc": 0, "rule": "sum_mismatch", "message": "708 ≠ 611",
             "values": [262, 247, 199, 611], "expected": 708,
             "evidence": [evidence("262"), evidence("611")]},
        ],
    }


@pytest.fixture
def dev_case(tmp_path: Path) -> tuple[Path, Path, Path]:
    """(gold dir, out dir, texts dir) of the two hand-made pages."""
    gold, out, texts = tmp_path / "gold", tmp_path / "out", tmp_path / "docs"
    for folder in (gold, out, texts):
        folder.mkdir()
    (texts / "d001.txt").write_bytes(D001.encode("utf-8"))
    (texts / "d002.txt").write_bytes(D002.encode("utf-8"))
    (gold / "d001.json").write_text(json.dumps(_gold_d001(), ensure_ascii=False), "utf-8")
    (gold / "d002.json").write_text(json.dumps(_gold_d002(), ensure_ascii=False), "utf-8")
    (gold / "heldout.txt").write_text("d002\n", "utf-8")
    system = {k: _system_d001()[k] + _system_d002()[k] for k in _system_d001()}
    for name, rows in system.items():
        with (out / f"{name}.jsonl").open("w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    manifest = {"inputs": [{"file": "d001.txt"}, {"file": "d002.txt"}]}
    (out / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    return gold, out, texts


def test_evaluate_dev_figures_miss_false_positive_strict_only(dev_case) -> None:
    scores = evaluate(*dev_case)
    d001 = scores["files"]["d001.txt"]["figures"]
    assert _counts(d001["loose"]) == prf(5, 6, 6)  # teachers 210 missed, staff 210 false
    assert _counts(d001["strict"]) == prf(4, 6, 6)  # and students 1200 without its 初中
    assert [(e["indicator"], e["value"]) for e in d001["loose"]["missed"]] == [("teachers", 210)]
    assert [(e["indicator"], e["value"]) for e in d001["loose"]["extra"]] == [("staff", 210)]
    strict_missed = [(e["indicator"], e["value"]) for e in d001["strict"]["missed"]]
    assert strict_missed == [("students", 1200), ("teachers", 210)]
    assert d001["strict"]["missed"][0]["system"] == {"level": None, "year": None}
    start = D001.index("210")
    assert (d001["loose"]["missed"][0]["start"], d001["loose"]["extra"][0]["start"]) == (
        start, start)  # the system's offsets are mapped back into the file's text
    overall = scores["splits"]["overall"]["figures"]
    assert (overall["loose"]["f1"], overall["strict"]["f1"]) == (0.8333, 0.6667)
    assert scores["splits"]["heldout"]["figures"]["loose"] == prf(0, 0, 0)


def _counts(scores: dict) -> dict:
    return {k: scores[k] for k in prf(0, 0, 0)}


def test_evaluate_dev_segmentation_mismatch(dev_case) -> None:
    scores = evaluate(*dev_case)
    seg = scores["files"]["d001.txt"]["segmentation"]
    assert (seg["gold"], seg["system"], seg["matched"], seg["count_exact"]) == (1, 2, 1, False)
    assert seg["correct"] == {"title": 1, "unit_name": 0, "type": 1, "date": 1}
    assert [e["what"] for e in seg["mismatches"]] == ["unit_name"]
    assert [e["report"] for e in seg["extra"]] == [1]
    tuning = scores["splits"]["tuning"]["segmentation"]
    assert tuning["count_exact"] == 0 and tuning["reports"] == prf(1, 1, 2)
    overall = scores["splits"]["overall"]["segmentation"]
    assert overall["count_exact"] == 1
    assert overall["reports"] == prf(2, 2, 3)
    assert overall["field_accuracy"] == {"title": 1.0, "unit_name": 0.5, "type": 1.0, "date": 1.0}


def test_evaluate_dev_items(dev_case) -> None:
    items = evaluate(*dev_case)["splits"]["overall"]["items"]
    assert items["problem"] == prf(1, 2, 1)
    assert items["measure"] == prf(2, 2, 2)
    assert items["outcome"] == prf(0, 0, 1)
    links = items["links"]
    assert (links["correct"], links["gold"], links["all_gold"], links["recall"]) == (1, 1, 2, 0.5)
    assert (links["system_correct"], links["system"], links["precision"]) == (1, 2, 0.5)
    assert items["status"] == {"gold": 1, "correct": 0, "accuracy": 0.0}


def test_evaluate_dev_inconsistencies_and_false_findings(dev_case) -> None:
    scores = evaluate(*dev_case)
    d001 = scores["files"]["d001.txt"]["relations"]
    assert (d001["gold"], d001["arithmetic"], d001["false"], d001["false_on_holding"]) == (
        0, 1, 1, 1)
    assert d001["false_findings"][0]["on_holding"] == ["2200+1200=3400"]
    heldout = scores["splits"]["heldout"]["relations"]
    assert {k: heldout[k] for k in ("gold", "found_values", "found_evidence", "false")} == {
        "gold": 1, "found_values": 1, "found_evidence": 1, "false": 0}
    assert scores["splits"]["overall"]["relations"]["false"] == 1


def test_evaluate_dev_notes_the_whitespace_alignment(dev_case) -> None:
    notes = evaluate(*dev_case)["notes"]
    assert any(n.startswith("1 files: the run's raw_text drops blank lines") for n in notes)


def test_evaluate_dev_render_lists_every_miss(dev_case) -> None:
    text = render_scores(evaluate(*dev_case), verbose=True)
    start = D001.index("210")
    assert f"figure missed: teachers=210 at {start}-{start + 3} …" in text
    assert f"figure false positive: staff=210 at {start}-{start + 3}" in text
    assert "figure strict miss: students=1200 (初中), system level=None year=None" in text
    assert "report extra: system report 1" in text
    assert "item missed: problem 2" in text and "item false positive: outcome 1" in text
    assert "false sum_mismatch (on holding 2200+1200=3400)" in text
    assert "[210]人" in text  # the span in its context
    table = render_scores(evaluate(*dev_case))
    assert "held-out (1 files)" in table and "tuning (1 files)" in table
    assert "figure missed" not in table


def test_evaluate_dev_render_keeps_heldout_misses_unlisted(dev_case) -> None:
    gold, out, texts = dev_case
    findings = out / "findings.jsonl"
    kept = [r for r in findings.read_text("utf-8").splitlines() if '"d002.txt"' not in r]
    findings.write_text("".join(r + "\n" for r in kept), "utf-8")  # d002 (held out) now misses
    scores = evaluate(gold, out, texts)
    listing = render_scores(scores, verbose=True)
    assert "d001.txt (tuning)" in listing and "d002.txt" not in listing
    assert "1 held-out files with misses not listed" in listing
    shown = render_scores(scores, verbose=True, heldout=True)
    assert "d002.txt (heldout)" in shown and "inconsistency not found: [611, 708]" in shown


def test_evaluate_dev_without_texts_is_skipped(dev_case, tmp_path: Path) -> None:
    gold, out, _ = dev_case
    scores = evaluate(gold, out, tmp_path / "absent")
    assert "skipped" in scores and "absent" in scores["skipped"]
    assert render_scores(scores).startswith("dev gold: skipped: the development corpus's texts")


def test_evaluate_dev_changed_text_is_left_out(dev_case) -> None:
    gold, out, texts = dev_case
    (texts / "d002.txt").write_text(D002 + "。", "utf-8")
    scores = evaluate(gold, out, texts)
    assert list(scores["files"]) == ["d001.txt"]
    assert any("sha256 differs" in n for n in scores["notes"])


def test_evaluate_dev_cli_writes_json(dev_case, capsys: pytest.CaptureFixture[str]) -> None:
    gold, out, texts = dev_case
    json_path = out.parent / "scores.json"
    assert main(["eval", str(gold), str(out), "--texts", str(texts), "--json", str(json_path)]) == 0
    assert "figures (actual, CONTRACT catalogue" in capsys.readouterr().out
    written = json.loads(json_path.read_text("utf-8"))
    assert written["splits"]["overall"]["figures"]["loose"]["matched"] == 5


def test_evaluate_text_map_alignment() -> None:
    file_text = "\ufeff标题\n\n正文 一\r\n"
    raw = "标题\n正文 一"
    norm = "标题\n正文一"
    spans = TextMap.build([[0, 0, 5], [5, 6, 1]], raw, file_text, len(norm))
    assert spans.how == "whitespace"
    assert file_text[slice(*spans.span(5, 6))] == "一"
    assert file_text[slice(*spans.span(0, 2))] == "标题"
    diffed = TextMap.build([[0, 0, 4]], "标题X正文", "标题正文", 4)
    assert diffed.how == "diff" and diffed.matched == 4
    assert TextMap.build([[0, 0, 2]], "正文", "正文", 2).span(0, 2) == (0, 2)


def test_evaluate_helpers() -> None:
    assert one_to_one([[0, 1], [0]]) == {0: 1, 1: 0}
    assert title_key("县教育局 工作汇报。") == title_key("縣教育局工作匯報")
    assert dice("生均图书不足,缺600册", "生均图书不足，缺600册") == 1.0
    assert dice("", "x") == 0.0
