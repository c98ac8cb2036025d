"""「重新生成」 runs in the background and the page shows how far it is (issue 20: 1,000 files took
92 s with nothing shown). A drafting held at a step by the test shows the app's answers while it
runs; a real one shows every step it tells."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from junheng.core.errors import UsageError
from junheng.draft.progress import Progress
from junheng.review.app import BUSY, create_app
from junheng.review.jobs import RedraftJob, Run
from junheng.review.redraft import STEPS, Redrafted, redraft
from junheng.review.security import Secrets
from junheng.review.state import State
from review_support import docx_text, seed_out
from starlette.testclient import TestClient

JSON = {"accept": "application/json"}


@pytest.fixture(scope="module")
def batch_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("jobs-batch")


@pytest.fixture
def out(batch_root: Path, tmp_path: Path) -> Path:
    return seed_out(batch_root, tmp_path)[1]


class Held:
    """A drafting that tells step 4 and waits there until released."""

    def __init__(self) -> None:
        self.at_step = threading.Event()
        self.release = threading.Event()

    def __call__(self, state: State, progress: Progress) -> Redrafted:
        progress(4, STEPS, "ledger.xlsx")
        self.at_step.set()
        assert self.release.wait(30)
        return Redrafted(corrected=1, findings=(7, 6))


def _client(out: Path, run: Run) -> tuple[TestClient, Secrets, RedraftJob]:
    secrets = Secrets()
    app = create_app(out, out / ".junheng-store.sqlite", secrets)
    job = app.state.pages.job = RedraftJob(app.state.pages.state, run)
    client = TestClient(app, base_url="http://127.0.0.1")
    assert client.get(f"/?token={secrets.token}").status_code == 200
    return client, secrets, job


def test_review_redraft_progress_while_it_runs(out: Path) -> None:
    held = Held()
    client, secrets, job = _client(out, held)
    assert client.get("/redraft/progress").json()["done"] is False  # nothing started yet
    started = client.post("/redraft", data={"csrf": secrets.csrf}, headers=JSON)
    assert started.status_code == 202 and started.json()["running"]
    assert held.at_step.wait(30)
    status = client.get("/redraft/progress").json()
    assert status["running"] and (status["step"], status["steps"]) == (4, STEPS)
    assert status["name"] == "ledger.xlsx" and status["percent"] == round(100 * 3 / STEPS)
    page = client.get("/redraft")  # the page says how far, and asks again
    assert page.status_code == 200 and 'id="redrafting"' in page.text
    assert f"第 4/{STEPS} 步：ledger.xlsx" in page.text and "<progress" in page.text
    assert 'http-equiv="refresh"' in page.text  # without script, the page reloads itself
    moved = client.get("/report/0", follow_redirects=False)  # other pages: the progress
    assert moved.status_code == 303 and moved.headers["location"] == "/redraft"
    confirm = {"csrf": secrets.csrf, "action": "confirm"}
    refused = client.post("/figure/0", data=confirm, headers=JSON)
    assert refused.status_code == 409 and refused.json()["error"] == BUSY
    again = client.post("/redraft", data={"csrf": secrets.csrf}, headers=JSON)
    assert again.status_code == 202 and not job.start()  # one drafting at a time
    held.release.set()
    status = job.wait(30).row()
    assert not status["running"] and status["done"] and status["percent"] == 100
    done = client.get("/redraft")
    assert 'id="redrafted"' in done.text and "核查发现 7 → 6 条" in done.text
    assert client.get("/report/0").status_code == 200  # the app is back


def test_review_redraft_says_why_it_failed(out: Path) -> None:
    def locked(state: State, progress: Progress) -> Redrafted:
        raise UsageError("输出文件夹 OUT 正被另一个 junheng 使用")

    client, secrets, job = _client(out, locked)
    client.post("/redraft", data={"csrf": secrets.csrf}, headers=JSON)
    assert job.wait(30).error == "输出文件夹 OUT 正被另一个 junheng 使用"
    assert client.get("/redraft/progress").json()["error"]
    page = client.get("/redraft")
    assert page.status_code == 409 and "正被另一个 junheng 使用" in page.text


def test_review_redraft_tells_every_step_in_order(out: Path) -> None:
    state = State(out, out / ".junheng-store.sqlite")
    told: list[tuple[int, int, str]] = []
    result = redraft(state, lambda step, steps, name: told.append((step, steps, name)))
    assert result.error is None
    steps = [step for step, _, _ in told]
    assert steps == sorted(steps) and steps[0] == 1 and steps[-1] == STEPS
    assert {steps for _, steps, _ in told} == {STEPS}
    names = [name for _, _, name in told]
    for name in ("读取原稿", "应用更正", "重新核查", "report.docx", "ledger.xlsx", "比较变化"):
        assert name in names
    assert "3.74平方米（" in docx_text(out / "report.docx")
