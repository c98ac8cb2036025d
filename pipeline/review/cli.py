"""``junheng review OUT``: the subcommand (its options, and errors as messages)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from junheng.core.errors import UsageError
from junheng.draft.overlay import STORE_NAME


def _store(args: argparse.Namespace) -> Path:
    return Path(args.store) if args.store else Path(args.out) / STORE_NAME


def _need_extra() -> None:
    try:
        import multipart  # noqa: F401  (python-multipart: the forms)
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        raise UsageError("junheng review 需要 pip install 'junheng[review]'") from None


def cmd_review(args: argparse.Namespace) -> int:
    """Open a local web page (127.0.0.1 only, a random token in its URL) where a person checks
    every flagged figure in its sentence — confirm it, correct its value, indicator, level or year,
    or mark it "not a figure" —, confirms or dismisses each finding, sets the items' kind, status,
    owner, deadline and link, and drafts again (「重新生成」) with the corrections applied. The
    corrections are kept in the store (OUT/.junheng-store.sqlite, or --store), keyed by file hash
    and span, with who and when: `junheng run` and `junheng draft` draft with those of unchanged
    files too, and the page lists those of changed files as 待复核. --export/--import move them
    as a JSON file; --redraft drafts again without opening the page."""
    out = Path(args.out)
    if not (out / "reports.jsonl").is_file():
        raise UsageError(f"{out} 中没有 reports.jsonl：请先运行 junheng run … --out {out}")
    store = _store(args)
    if store.is_dir():
        raise UsageError(f"--store 应为 SQLite 文件的路径，但 {store} 是一个文件夹")
    if args.import_file or args.export_file or args.redraft:
        return _batch(args, out, store)
    _need_extra()
    from junheng.review.server import serve

    def tell(url: str) -> None:
        print(f"junheng review: {url}", flush=True)
        print("（只在本机可用；按 Ctrl+C 结束）", file=sys.stderr, flush=True)

    try:
        serve(out, store, args.port, open_browser=not args.no_browser, tell=tell)
    except OSError as exc:
        raise UsageError(f"无法在 127.0.0.1:{args.port} 上启动：{exc.strerror or exc}") from None
    return 0


def _batch(args: argparse.Namespace, out: Path, store: Path) -> int:
    """--import, --export, --redraft: the same as the page's buttons, without the page."""
    from junheng.draft.overlay import BadCorrectionsFile, Overlay, export_data, import_data

    with Overlay(store) as overlay:
        if args.import_file:
            try:
                data: Any = json.loads(Path(args.import_file).read_text("utf-8"))
                count = overlay.put_all(import_data(data))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError, BadCorrectionsFile) as exc:
                raise UsageError(f"无法导入 {args.import_file}：{exc}") from None
            print(f"已导入 {count} 条更正", file=sys.stderr)
        if args.export_file:
            data = export_data(overlay.all())
            Path(args.export_file).write_text(
                json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
            print(f"已导出 {len(data['corrections'])} 条更正 → {args.export_file}", file=sys.stderr)
    if args.redraft:
        from junheng.draft.progress import terminal_progress
        from junheng.review.redraft import redraft
        from junheng.review.state import State

        state = State(out, store)
        result = redraft(state, terminal_progress())
        if result.error:
            print(f"junheng: {result.error}", file=sys.stderr)
            return 1
        print(
            f"已重新生成：应用更正 {result.corrected} 处，核查发现 {result.findings[0]} → "
            f"{result.findings[1]} 条，待复核 {len(state.sorted.recheck)} 处",
            file=sys.stderr,
        )
        for part, n in result.counts.items():
            print(f"  {part}: {n} 处变化", file=sys.stderr)
    return 0


def add_parser(sub: Any) -> None:
    """``junheng review`` on the subcommands of ``junheng``."""
    review = sub.add_parser(
        "review",
        help="a local web page to check, correct and confirm the figures, then draft again",
        description=cmd_review.__doc__,
        epilog="Example: junheng review out --port 8765",
    )
    review.add_argument("out", metavar="OUT")
    review.add_argument(
        "--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)"
    )
    review.add_argument(
        "--store",
        metavar="PATH",
        help=f"the store the corrections are kept in (default: OUT/{STORE_NAME})",
    )
    review.add_argument("--no-browser", action="store_true", help="print the URL, open no browser")
    review.add_argument(
        "--export",
        dest="export_file",
        metavar="FILE",
        help="write the corrections to FILE (JSON) and exit",
    )
    review.add_argument(
        "--import", dest="import_file", metavar="FILE", help="add the corrections of FILE and exit"
    )
    review.add_argument(
        "--redraft", action="store_true", help="draft again with the corrections and exit"
    )
    review.set_defaults(func=cmd_review)
