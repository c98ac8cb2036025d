"""How fast `junheng review` answers over a large OUT (issue 20: first page < 1 s, a correction
< 200 ms, with 1,000 files' outputs).

    python benchmarks/review_speed.py [--out OUT] [--files 1000] [--work DIR]

Without --out it makes the batch first: ``--files`` synthetic .txt files from the seed corpus
(:func:`junheng.bench.synth.corpus_mix`) run by ``junheng run`` into WORK/out (minutes). Then, in
this process with Starlette's TestClient (the app as served, without the socket): loading OUT
(the app's start), the first page, a report page, 20 corrections of flagged figures, and one
「重新生成」 — started, then its progress asked every 200 ms until it is done (the time of each
step as the page saw it, and the slowest answer of the progress while it ran); a markdown table
of the times. The corrections are undone at the end (the store is left as it was); the redraft
rewrites OUT's drafts.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def make_batch(files: int, work: Path) -> Path:
    from junheng.bench.synth import corpus_mix
    from junheng.cli import main

    inputs = work / "in"
    corpus_mix(ROOT / "corpus" / "seeds", inputs, files, forms=(".txt",))
    main(["run", str(inputs), "--out", str(work / "out"), "--quiet"])
    return work / "out"


def measure(out: Path) -> list[tuple[str, float, str]]:
    from junheng.batch.store import STORE_NAME
    from junheng.review.app import create_app
    from junheng.review.security import Secrets
    from starlette.testclient import TestClient

    rows: list[tuple[str, float, str]] = []
    secrets = Secrets()
    started = time.perf_counter()
    app = create_app(out, out / STORE_NAME, secrets)
    state = app.state.pages.state
    rows.append(
        (
            "load OUT (app start)",
            time.perf_counter() - started,
            f"{len(state.rows.inputs)} files, {len(state.reports)} reports, "
            f"{len(state.rows.figures)} figures, {len(state.rows.findings)} findings",
        )
    )
    client = TestClient(app, base_url="http://127.0.0.1")
    started = time.perf_counter()
    page = client.get(f"/?token={secrets.token}")
    rows.append(
        (
            "first page (token → report with findings)",
            time.perf_counter() - started,
            f"{len(page.content) / 1e6:.1f} MB HTML",
        )
    )
    flagged = sorted(state.flagged)[:20]
    n = next(e.n for e in state.reports if flagged[0] in e.figures)
    started = time.perf_counter()
    client.get(f"/report/{n}")
    rows.append(("a report page", time.perf_counter() - started, ""))
    times = []
    for i in flagged:
        row = state.rows.figures[i]
        data = {
            "csrf": secrets.csrf,
            "action": "correct",
            "value": str(row["value"] + 1),
            "indicator": row["indicator"],
            "level": row.get("level") or "",
            "year": str(row.get("year") or ""),
        }
        started = time.perf_counter()
        answer = client.post(f"/figure/{i}", data=data, headers={"accept": "application/json"})
        times.append(time.perf_counter() - started)
        assert answer.json()["ok"], answer.text
    rows.append(
        ("a correction (median of 20)", statistics.median(times), f"max {max(times) * 1000:.0f} ms")
    )
    rows += _redraft(client, secrets.csrf)
    for i in flagged:
        client.post(
            f"/figure/{i}",
            data={"csrf": secrets.csrf, "action": "reset"},
            headers={"accept": "application/json"},
        )
    return rows


def _redraft(client: Any, csrf: str) -> list[tuple[str, float, str]]:
    """「重新生成」 as the page sees it: started, its progress polled until done."""
    started = time.perf_counter()
    client.post("/redraft", data={"csrf": csrf}, follow_redirects=False)
    steps: list[tuple[str, float]] = []
    answers = []
    while True:
        asked = time.perf_counter()
        status = client.get("/redraft/progress").json()
        answers.append(time.perf_counter() - asked)
        if not status["running"]:
            break
        name = f"{status['step']}/{status['steps']} {status['name']}"
        if not steps or steps[-1][0] != name:
            steps.append((name, time.perf_counter()))
        time.sleep(0.2)
    finished = time.perf_counter()
    assert status["error"] is None, status["error"]
    page = client.get("/redraft")
    assert "已重新生成" in page.text, page.text[:500]
    rows = [("重新生成 (recheck + drafts + what changed)", finished - started, "")]
    ends = [at for _, at in steps[1:]] + [finished]
    for (name, at), end in zip(steps, ends, strict=True):
        rows.append((f"  step {name}", end - at, "as the progress showed it"))
    rows.append(
        (
            "  progress answer while drafting (slowest)",
            max(answers),
            f"{len(answers)} answers",
        )
    )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", help="an OUT a run wrote (default: make one)")
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--work", help="where the made batch goes (default: a temporary folder)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="junheng-review-bench-") as scratch:
        out = Path(args.out) if args.out else make_batch(args.files, Path(args.work or scratch))
        rows = measure(out)
    print("| step | time | |\n| --- | --- | --- |")
    for name, seconds, note in rows:
        shown = f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"
        print(f"| {name} | {shown} | {note} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
