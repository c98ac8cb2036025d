"""``junheng draft OUT``: rebuild the drafts from the jsonl files after a person corrected them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from junheng.core.errors import UsageError
from junheng.validate import RuleError


def cmd_draft(args: argparse.Namespace) -> int:
    """Rebuild report.docx, ledger.xlsx, figures.csv and review.html from the jsonl files in OUT,
    after checking the figures and items again (a person may have corrected them)."""
    from junheng.draft import NothingToDraft, draft

    out = Path(args.out)
    if not (out / "reports.jsonl").is_file():
        raise UsageError(f"{out} 中没有 reports.jsonl：请先运行 junheng run … --out {out}")
    template = Path(args.template) if args.template else None
    if template is not None and not template.exists():
        raise UsageError(f"模板不存在: {template}")
    try:
        paths = draft(out, template, recheck=True)
    except NothingToDraft as exc:  # no report: no claims, and not a success
        print(f"junheng: {exc}", file=sys.stderr)
        return 1
    except RuleError as exc:  # the batch's profile (manifest.json) cannot be read any more
        raise UsageError(f"{exc}（manifest.json 中的 standard）") from exc
    for path in paths:
        print(path, file=sys.stderr)
    return 0
