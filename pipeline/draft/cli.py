"""``junheng draft OUT``: rebuild the drafts from the jsonl files after a person corrected them."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

from junheng.core.errors import UsageError
from junheng.draft.overlay import STORE_NAME
from junheng.validate import RuleError


def cmd_draft(args: argparse.Namespace) -> int:
    """Rebuild report.docx, ledger.xlsx, figures.csv and review.html from the jsonl files in OUT,
    after checking the figures and items again (a person may have corrected them). The
    corrections kept in the store by `junheng review` (OUT/.junheng-store.sqlite, or --store)
    are applied as 「重新生成」 applies them: those of unchanged files laid over the rows, the
    dismissed findings left out; rows edited by hand in OUT/*.jsonl are kept."""
    from junheng.draft import NothingToDraft, draft
    from junheng.draft.corrected import after_draft, apply

    out = Path(args.out)
    if not (out / "reports.jsonl").is_file():
        raise UsageError(f"{out} 中没有 reports.jsonl：请先运行 junheng run … --out {out}")
    template = Path(args.template) if args.template else None
    if template is not None and not template.exists():
        raise UsageError(f"模板不存在: {template}")
    store = Path(args.store) if getattr(args, "store", None) else out / STORE_NAME
    if store.is_dir():
        raise UsageError(f"--store 应为 SQLite 文件的路径，但 {store} 是一个文件夹")
    try:
        applied = apply(out, store)
    except sqlite3.DatabaseError as exc:
        raise UsageError(f"存储文件 {store} 无法使用（已损坏、不是数据库或被占用）") from exc
    try:
        paths = draft(out, template, recheck=True)
    except NothingToDraft as exc:  # no report: no claims, and not a success
        print(f"junheng: {exc}", file=sys.stderr)
        return 1
    except RuleError as exc:  # the batch's profile (manifest.json) cannot be read any more
        raise UsageError(f"{exc}（manifest.json 中的 standard）") from exc
    after_draft(out, store, applied)
    if applied.holding or applied.recheck:
        print(
            f"已应用更正 {len(applied.holding)} 处（待复核 {len(applied.recheck)} 处）",
            file=sys.stderr,
        )
    for path in paths:
        print(path, file=sys.stderr)
    return 0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``junheng draft``'s options."""
    parser.add_argument("out", metavar="OUT")
    parser.add_argument(
        "--template",
        metavar="DIR|FILE.docx",
        help="a folder of templates searched first (its report.docx is the Word template), "
        "or a Word template (.docx)",
    )
    parser.add_argument(
        "--store",
        metavar="PATH",
        help=f"the store the corrections are kept in (default: OUT/{STORE_NAME})",
    )
