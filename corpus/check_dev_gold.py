"""Check the development-corpus gold (corpus/gold/dev/*.json) against the texts in ../shared.

Every offset must cut out exactly what the gold says is there, every enum must be one of its
values, and every span must lie inside its report. Run it as a script (exit 1 and one line per
problem) or call `check_all()` from a test.

Example:
    python corpus/check_dev_gold.py            # all files
    python corpus/check_dev_gold.py d017.json  # one file
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from junheng.core.levels import LEVELS as LEVEL_NAMES

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "corpus" / "gold" / "dev"
DOCS_DIR = ROOT.parent / "shared" / "devcorpus" / "docs"

CATALOGUE = {
    "enrollment_rate", "gross_enrollment_rate", "disabled_enrollment_rate", "dropout_rate",
    "retention_rate", "students", "boarding_students", "schools", "classes", "staff", "teachers",
    "teacher_shortage", "student_teacher_ratio", "teacher_qualified_rate",
    "building_area_per_student", "teaching_area_per_student", "sports_area_per_student",
    "land_area_per_student", "equipment_value_per_student", "books_per_student", "books",
    "computers_per_100_students", "multimedia_rooms_per_100_students", "funding_growth",
    "revenue_growth", "public_funds_per_student", "edu_surcharge",
}
EXTRA = {"investment", "computers", "boarding_subsidy"}
LEVELS = {None, *LEVEL_NAMES}
TYPES = {"汇报", "总结", "计划", "整改报告", "自查", "推进情况", "报告", "其他"}
KINDS = {"problem", "measure", "outcome"}
STATUSES = {None, "已整改", "整改中", "未整改"}
RELATIONS = {"sum", "percent", "ratio", "per_student", "per_100", "class_size", "difference",
             "growth"}


def read_text(name: str) -> str:
    """The page's text as the offsets count it: UTF-8, no newline translation."""
    return (DOCS_DIR / name).read_bytes().decode("utf-8")


def check_file(path: Path) -> list[str]:
    """Every problem with one gold file, as 'dNNN.json: what is wrong'."""
    out: list[str] = []

    def bad(msg: str) -> None:
        out.append(f"{path.name}: {msg}")

    gold = json.loads(path.read_text(encoding="utf-8"))
    src = DOCS_DIR / gold["file"]
    text = read_text(gold["file"])
    if gold.get("sha256") != hashlib.sha256(src.read_bytes()).hexdigest():
        bad("sha256 does not match the text in ../shared")
    reports = gold.get("reports", [])
    if not reports:
        bad("no reports")
    for i, r in enumerate(reports):
        if not 0 <= r["start"] < r["end"] <= len(text):
            bad(f"report {i}: bad span {r['start']}-{r['end']}")
        if i and r["start"] < reports[i - 1]["end"]:
            bad(f"report {i} overlaps report {i - 1}")
        if (r.get("title_start") is None) != (r.get("title_end") is None):
            bad(f"report {i}: title_start and title_end must both be set or both null")
        if r.get("title_start") is not None and not (
                r["start"] <= r["title_start"] < r["title_end"] <= r["end"]):
            bad(f"report {i}: title outside the report")
        if r.get("type") not in TYPES:
            bad(f"report {i}: type {r.get('type')!r}")

    def in_doc(doc: int, start: int, end: int, what: str) -> None:
        if not 0 <= doc < len(reports):
            bad(f"{what}: doc {doc} does not exist")
        elif not reports[doc]["start"] <= start < end <= reports[doc]["end"]:
            bad(f"{what}: {start}-{end} is outside report {doc}")

    last = -1
    for k, f in enumerate(gold.get("figures", [])):
        what = f"figure {k} ({f.get('number')!r})"
        if text[f["start"]:f["end"]] != f["number"]:
            bad(f"{what}: text there is {text[f['start']:f['end']]!r}")
        in_doc(f["doc"], f["start"], f["end"], what)
        ids = CATALOGUE | EXTRA if f.get("extra") else CATALOGUE
        if f["indicator"] not in ids:
            bad(f"{what}: indicator {f['indicator']!r}")
        if f.get("level") not in LEVELS:
            bad(f"{what}: level {f.get('level')!r}")
        if not isinstance(f.get("value"), int | float):
            bad(f"{what}: value {f.get('value')!r}")
        if f["start"] < last:
            bad(f"{what}: figures out of text order")
        last = f["start"]
    for k, it in enumerate(gold.get("items", [])):
        what = f"item {k} ({it.get('kind')} {it.get('index')})"
        if it.get("kind") not in KINDS or it.get("status") not in STATUSES:
            bad(f"{what}: kind or status")
        in_doc(it["doc"], it["start"], it["end"], what)
        for link in it.get("links", []):
            if not any(o["doc"] == it["doc"] and o["kind"] == link["kind"]
                       and o["index"] == link["index"] for o in gold["items"]):
                bad(f"{what}: link to missing {link}")
    for k, rel in enumerate(gold.get("relations", [])):
        what = f"relation {k} ({rel.get('formula')})"
        if rel.get("type") not in RELATIONS or not isinstance(rel.get("holds"), bool):
            bad(f"{what}: type or holds")
        for n in rel.get("numbers", []):
            if text[n["start"]:n["end"]] != n["number"]:
                bad(f"{what}: number {n['number']!r} not at {n['start']}")
    return out


def check_all(names: list[str] | None = None) -> list[str]:
    """Problems over every gold file (or the named ones)."""
    paths = [GOLD_DIR / n for n in names] if names else sorted(GOLD_DIR.glob("d*.json"))
    return [msg for p in paths for msg in check_file(p)]


if __name__ == "__main__":
    problems = check_all(sys.argv[1:] or None)
    print("\n".join(problems) or "ok")
    sys.exit(1 if problems else 0)
