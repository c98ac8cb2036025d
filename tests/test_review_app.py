"""The review app through Starlette's TestClient: the guard, the actions, redrafting, re-runs."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from junheng.batch.store import STORE_NAME, Store
from junheng.cli import main
from junheng.core.codec import read_jsonl
from junheng.draft.corrected import REVIEW_DIR
from junheng.review.app import create_app
from junheng.review.security import Secrets
from review_support import docx_text, run_into, seed_out
from starlette.routing import Route
from starlette.testclient import TestClient

JSON = {"accept": "application/json"}


class Review:
    """A client logged in with the token, and the app's state."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.secrets = Secrets()
        self.app = create_app(out, out / STORE_NAME, self.secrets)
        self.client = TestClient(self.app, base_url="http://127.0.0.1")
        assert self.client.get(f"/?token={self.secrets.token}").status_code == 200
        self.state = self.app.state.pages.state

    def figure_at(self, value: float) -> int:
        found = [i for i, f in enumerate(self.state.rows.figures) if f["value"] == value]
        assert len(found) == 1, found
        return found[0]

    def post(self, path: str, **data: str) -> dict:
        response = self.client.post(path, data={"csrf": self.secrets.csrf, **data}, headers=JSON)
        return {"status": response.status_code, **response.json()}

    def redraft(self) -> str:
        """Press 重新生成, wait until the drafting in the background is done, and return the
        page that says what changed."""
        started = self.client.post("/redraft", data={"csrf": self.secrets.csrf})
        assert started.status_code == 200, started.text
        deadline = time.monotonic() + 120
        while self.client.get("/redraft/progress").json()["running"]:
            assert time.monotonic() < deadline, "重新生成 did not finish"
            time.sleep(0.05)
        return self.client.get("/redraft").text

    def correct(self, i: int, **changes: str) -> dict:
        row = self.state.rows.figures[i]
        fields = {
            "value": str(row["value"]),
            "indicator": row["indicator"],
            "level": row.get("level") or "",
            "year": str(row.get("year") or ""),
            **changes,
        }
        return self.post(f"/figure/{i}", action="correct", **fields)


@pytest.fixture(scope="module")
def batch_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("review-batch")


@pytest.fixture
def batch(batch_root: Path, tmp_path: Path) -> tuple[Path, Path]:
    return seed_out(batch_root, tmp_path)


@pytest.fixture
def review(batch: tuple[Path, Path]) -> Review:
    return Review(batch[1])


# --- the guard ----------------------------------------------------------------------------


def test_review_refuses_without_the_token(review: Review) -> None:
    fresh = TestClient(review.app, base_url="http://127.0.0.1")
    assert fresh.get("/report/0").status_code == 403
    assert fresh.get("/?token=wrong").status_code == 403
    answer = fresh.get(f"/?token={review.secrets.token}", follow_redirects=False)
    assert answer.status_code == 303 and "token" not in answer.headers["location"]
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie


def test_review_refuses_another_host(review: Review) -> None:
    other = TestClient(review.app, base_url="http://evil.example")
    assert other.get(f"/?token={review.secrets.token}").status_code == 400


def test_review_every_post_needs_the_csrf_token(review: Review) -> None:
    posts = [r for r in review.app.routes if isinstance(r, Route) and "POST" in (r.methods or ())]
    assert len(posts) >= 6
    for route in posts:
        path = route.path.replace("{i:int}", "0").replace("{x:int}", "0").replace("{n:int}", "0")
        response = review.client.post(path, data={"action": "confirm"})
        assert response.status_code == 403, route.path
        forged = review.client.post(
            path,
            data={"action": "confirm", "csrf": review.secrets.csrf},
            headers={"origin": "http://evil.example"},
        )
        assert forged.status_code == 403, route.path
    assert review.state.overlay.all() == []


def test_review_pages_forbid_outside_resources(review: Review) -> None:
    page = review.client.get("/report/0")
    csp = page.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "http" not in page.text.split("<body")[0].replace("http-equiv", "")  # no CDN
    forms = [f.split("</form>")[0] for f in page.text.split("<form")[1:]]
    posts = [f for f in forms if 'method="post"' in f.split(">")[0]]
    assert len(posts) >= 3 and len(forms) - len(posts) == 1  # the search of the list is a GET
    for form in posts:
        assert f'name="csrf" value="{review.secrets.csrf}"' in form


def test_review_escapes_report_text(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "x.txt").write_text(
        "<script>alert(1)</script>学校工作汇报\n我校现有在校学生1200人<b>，专任教师80人。\n",
        encoding="utf-8",
    )
    review = Review(run_into(inputs, tmp_path / "OUT"))
    page = review.client.get("/report/0").text
    assert "<script>alert" not in page and "<b>，" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# --- the actions ------------------------------------------------------------------------------


def test_review_correction_is_kept_with_who_and_when(review: Review) -> None:
    i = review.figure_at(3.74)
    answer = review.correct(i, value="4。74")
    assert answer["status"] == 200 and answer["state"] == "correct"
    assert answer["value"] == "4.74平方米" and answer["behind"] is True
    (kept,) = review.state.overlay.all()
    assert kept.key.target == "figure" and kept.changes == {"value": 4.74}
    assert kept.was["value"] == 3.74 and kept.who and kept.at
    assert kept.key.sha256 == review.state.rows.shas[kept.key.file]
    page = review.client.get(f"/report/{_report_of(review, i)}").text
    assert f'id="row-f{i}"' in page and "4.74平方米" in page and "已更正" in page


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("value", "四点七"),
        ("value", "1/0"),
        ("indicator", "no_such"),
        ("level", "大学"),
        ("year", "1800"),
    ],
)
def test_review_refuses_a_bad_correction(review: Review, field: str, value: str) -> None:
    answer = review.correct(review.figure_at(3.74), **{field: value})
    assert answer["status"] == 400 and not answer["ok"] and answer["error"]
    assert review.state.overlay.all() == []


def test_review_redraft_applies_the_correction_and_says_what_changed(review: Review) -> None:
    out = review.out
    assert "3.74平方米（" in docx_text(out / "report.docx")
    findings_before = len(list(read_jsonl(out / "findings.jsonl")))
    review.correct(review.figure_at(3.74), value="4.74")
    page = review.redraft()
    assert "已重新生成" in page and "report.docx" in page and "4.74平方米（" in page
    text = docx_text(out / "report.docx")
    assert "4.74平方米（" in text and "3.74平方米（" not in text
    assert len(list(read_jsonl(out / "findings.jsonl"))) == findings_before - 1
    (row,) = [r for r in read_jsonl(out / "figures.jsonl") if r.get("review")]
    assert row["value"] == 4.74 and row["review"]["was"] == {"value": 3.74}
    extracted = out / REVIEW_DIR / "extracted" / "figures.jsonl"
    assert any(r["value"] == 3.74 for r in read_jsonl(extracted))  # the run's rows, kept aside
    assert not review.state.drafts_behind()


def test_review_not_a_figure_leaves_the_drafts(review: Review) -> None:
    i = review.figure_at(3.74)
    assert review.post(f"/figure/{i}", action="reject")["state"] == "reject"
    review.redraft()
    assert all(r["value"] != 3.74 for r in read_jsonl(review.out / "figures.jsonl"))
    assert "3.74平方米（" not in docx_text(review.out / "report.docx")


def test_review_dismissed_finding_needs_a_reason_and_leaves_the_drafts(review: Review) -> None:
    x = next(x for x, f in enumerate(review.state.rows.findings) if 3.74 in f["values"])
    assert review.post(f"/finding/{x}", action="dismiss")["status"] == 400
    answer = review.post(f"/finding/{x}", action="dismiss", reason="该校已于2019年达标")
    assert answer["state"] == "dismiss"
    review.redraft()
    assert all(3.74 not in f["values"] for f in read_jsonl(review.out / "findings.jsonl"))
    (dismissed,) = read_jsonl(review.out / REVIEW_DIR / "dismissed.jsonl")
    assert dismissed["review"]["reason"] == "该校已于2019年达标"
    n = _report_of_finding(review, dismissed)
    assert "已排除：该校已于2019年达标" in review.client.get(f"/report/{n}").text


def test_review_item_owner_and_deadline_reach_the_ledger(review: Review) -> None:
    from openpyxl import load_workbook

    i = next(i for i, it in enumerate(review.state.rows.items) if it["kind"] == "problem")
    item = review.state.rows.items[i]
    answer = review.post(
        f"/item/{i}",
        action="correct",
        kind="problem",
        status="整改中",
        owner="县教育局基教股",
        deadline="2025年6月",
    )
    assert answer["state"] == "correct"
    review.redraft()
    (row,) = [r for r in read_jsonl(review.out / "items.jsonl") if r.get("review")]
    assert (row["owner"], row["deadline"], row["status"]) == (
        "县教育局基教股",
        "2025年6月",
        "整改中",
    )
    assert row["text"] == item["text"]
    sheet = load_workbook(review.out / "ledger.xlsx", read_only=True)["整改台账"]
    assert any("县教育局基教股" in [str(v) for v in r] for r in sheet.iter_rows(values_only=True))


def test_review_item_link_moves_to_another_problem(review: Review) -> None:
    rows = review.state.rows.items
    measure = next(
        i
        for i, it in enumerate(rows)
        if it["kind"] == "measure"
        and sum(
            1
            for p in rows
            if p["kind"] == "problem" and (p["file"], p["doc"]) == (it["file"], it["doc"])
        )
        >= 2
    )
    report = (rows[measure]["file"], rows[measure]["doc"])
    before = review.state.problem_of(measure)
    target = next(
        p["index"]
        for p in rows
        if p["kind"] == "problem" and (p["file"], p["doc"]) == report and p["index"] != before
    )
    review.post(
        f"/item/{measure}",
        action="correct",
        kind="measure",
        status="",
        owner="",
        deadline="",
        problem=str(target),
    )
    assert review.state.problem_of(measure) == target
    review.redraft()
    link = {"kind": "measure", "index": rows[measure]["index"]}
    problems = [
        r
        for r in read_jsonl(review.out / "items.jsonl")
        if r["kind"] == "problem" and (r["file"], r["doc"]) == report
    ]
    assert [p["index"] for p in problems if link in p["links"]] == [target]


# --- re-runs, export and import -------------------------------------------------------------------


def test_review_rerun_keeps_the_correction_of_an_unchanged_file(
    batch: tuple[Path, Path],
) -> None:
    inputs, out = batch
    first = Review(out)
    first.correct(first.figure_at(3.74), value="4.74")
    run_into(inputs, out)  # the re-run drafts with the correction ...
    text = docx_text(out / "report.docx")
    assert "4.74平方米（" in text and "3.74平方米（" not in text
    again = Review(out)  # ... which is still there, holds, and is in the drafts already
    assert len(again.state.sorted.holding) == 1 and not again.state.sorted.recheck
    assert not again.state.drafts_behind()
    again.redraft()
    assert "4.74平方米（" in docx_text(out / "report.docx")


def test_review_rerun_of_a_changed_file_asks_to_check_again(batch: tuple[Path, Path]) -> None:
    inputs, out = batch
    first = Review(out)
    first.correct(first.figure_at(3.74), value="4.74")
    (seed,) = inputs.glob("*.txt")
    seed.write_text("补充说明：本文件已更新。\n" + seed.read_text("utf-8"), encoding="utf-8")
    run_into(inputs, out)
    assert "3.74平方米（" in docx_text(out / "report.docx")  # not laid over the new version
    again = Review(out)
    assert not again.state.sorted.holding
    ((correction, why),) = again.state.sorted.recheck
    assert "改变" in why and correction.changes == {"value": 4.74}
    page = again.client.get("/recheck").text
    assert "待复核 1" in page and "生均教学及辅助用房" in page
    again.client.post("/recheck/0", data={"csrf": again.secrets.csrf, "action": "carry"})
    assert len(again.state.sorted.holding) == 1 and not again.state.sorted.recheck
    again.redraft()
    assert "4.74平方米（" in docx_text(out / "report.docx")


def test_review_store_layout_change_keeps_the_corrections(review: Review) -> None:
    review.correct(review.figure_at(3.74), value="4.74")
    store = review.out / STORE_NAME
    import sqlite3

    with sqlite3.connect(store) as db:
        db.execute("PRAGMA user_version=0")  # as if an older junheng wrote it
    Store(store, "v").close()  # drops the cached results ...
    assert len(Review(review.out).state.sorted.holding) == 1  # ... not the overlay


def test_review_export_import_round_trip(review: Review, tmp_path: Path) -> None:
    review.correct(review.figure_at(3.74), value="4.74")
    exported = review.client.get("/export")
    assert "attachment" in exported.headers["content-disposition"]
    data = exported.json()
    assert data["format"] == "junheng-corrections" and len(data["corrections"]) == 1
    other = tmp_path / "other"
    shutil.copytree(review.out, other)
    (other / STORE_NAME).unlink()
    target = Review(other)
    files = {"file": ("corrections.json", json.dumps(data).encode(), "application/json")}
    target.client.post("/import", data={"csrf": target.secrets.csrf}, files=files)
    assert [c.changes for c in target.state.overlay.all()] == [{"value": 4.74}]
    assert len(target.state.sorted.holding) == 1
    bad = target.client.post(
        "/import",
        data={"csrf": target.secrets.csrf},
        files={"file": ("x.json", b'{"format": "other"}', "application/json")},
    )
    assert bad.status_code == 400 and "不是 junheng review 导出的更正文件" in bad.text


def test_review_command_exports_imports_and_redrafts(review: Review, tmp_path: Path) -> None:
    review.correct(review.figure_at(3.74), value="4.74")
    exported = tmp_path / "c.json"
    assert main(["review", str(review.out), "--export", str(exported)]) == 0
    other = tmp_path / "other"
    shutil.copytree(review.out, other)
    (other / STORE_NAME).unlink()
    assert main(["review", str(other), "--import", str(exported), "--redraft"]) == 0
    assert "4.74平方米（" in docx_text(other / "report.docx")
    assert main(["review", str(tmp_path / "nothing")]) == 2


def test_review_command_has_help_and_example() -> None:
    from junheng.cli import build_parser

    sub = build_parser()._subparsers._group_actions[0].choices["review"]  # type: ignore[union-attr]
    assert sub.description and "Example: junheng review" in (sub.epilog or "")


def _report_of(review: Review, i: int) -> int:
    return next(e.n for e in review.state.reports if i in e.figures)


def _report_of_finding(review: Review, finding: dict) -> int:
    return next(
        e.n
        for e in review.state.reports
        if (e.row["file"], e.row["doc"]) == (finding["file"], finding["doc"])
    )
