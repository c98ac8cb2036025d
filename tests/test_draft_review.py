"""review.html parsed: every figure and finding present and linked, text escaped, offline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from junheng.draft import draft
from lxml import html

FIXTURE = Path(__file__).parent / "data" / "draft" / "OUT"


def _cls(name: str) -> str:
    return f"[contains(concat(' ', @class, ' '), ' {name} ')]"


def _has(tag: str, name: str) -> str:
    return f"//{tag}{_cls(name)}"


def _rows(out: Path, name: str) -> list[dict]:
    return [json.loads(line) for line in (out / name).read_text("utf-8").splitlines()]


@pytest.fixture(scope="module")
def page(drafted_out: Path) -> html.HtmlElement:
    return html.fromstring((drafted_out / "review.html").read_text("utf-8"))


def test_draft_review_lists_every_report(page) -> None:
    reports = _rows(FIXTURE, "reports.jsonl")
    assert len(page.xpath("//nav//ol[@class='reports']/li")) == len(reports)
    assert len(page.xpath("//article[contains(@class, 'report')]")) == len(reports)
    for link in page.xpath("//nav//ol[@class='reports']//a"):
        assert page.get_element_by_id(link.get("href")[1:]) is not None


def test_draft_review_highlights_every_figure(page) -> None:
    figures = _rows(FIXTURE, "figures.jsonl")
    texts = {d["file"]: d["text"] for d in _rows(FIXTURE, "documents.jsonl")}
    marks = page.xpath(_has("div", "text") + "//span" + _cls("fig"))
    assert len(page.xpath(_has("div", "text") + "//a[contains(@id, '-f')]")) == len(figures)
    shown = "".join(m.text_content() for m in marks)
    for figure in figures:
        assert texts[figure["file"]][figure["start"] : figure["end"]] in shown
    title = next(m.get("title") for m in marks if m.text_content() == "611")
    assert "寄宿生" in title and "611人" in title


def test_draft_review_every_finding_jumps_to_its_evidence(page) -> None:
    findings = _rows(FIXTURE, "findings.jsonl")
    items = page.xpath(_has("section", "findings") + "//li")
    assert len(items) == len(findings)
    for item, finding in zip(items, findings, strict=True):
        jumps = item.xpath(".//span[@class='jumps']/a")
        assert len(jumps) == len(finding["evidence"])
        for jump in jumps:
            target = page.get_element_by_id(jump.get("href")[1:])
            marked = target.getnext()
            while marked.get("class") == "anchor":  # a figure's anchor may sit at the same place
                marked = marked.getnext()
            assert item.get("id") in marked.get("data-findings", "").split()
    assert len(page.xpath("//ol[@class='all-findings']/li")) == len(findings)
    assert page.xpath(_has("div", "text") + "//span" + _cls("sev-error"))


def test_draft_review_is_self_contained(page) -> None:
    assert not page.xpath("//script[@src] | //link[@rel='stylesheet']")
    assert page.xpath("//style") and page.xpath("//script")
    assert "Noto Sans CJK SC" in page.xpath("//style")[0].text


@pytest.mark.slow
def test_draft_review_escapes_report_text(draft_out: Path) -> None:
    out = draft_out
    documents = _rows(out, "documents.jsonl")
    report = _rows(out, "reports.jsonl")[0]
    doc = next(d for d in documents if d["file"] == report["file"])
    evil = "<script>alert(1)</script>"
    at = report["start"] + 10
    doc["text"] = doc["text"][:at] + evil[: len(evil)] + doc["text"][at + len(evil) :]
    (out / "documents.jsonl").write_text(
        "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in documents), "utf-8"
    )
    draft(out)
    source = (out / "review.html").read_text("utf-8")
    assert evil not in source
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in source
