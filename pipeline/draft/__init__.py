"""Drafting: the documents a person hands on, rebuilt from the jsonl files in OUT.

``draft(OUT)`` reads OUT/*.jsonl and writes report.docx (the 整改情况报告 in 公文 format),
ledger.xlsx (整改台账, 指标汇总, 核查发现), figures.csv and review.html beside them. It reads only
the files, so a person can correct a figure or an item in the jsonl and draft again.
"""

from __future__ import annotations

from pathlib import Path

OUTPUT_NAMES = ("report.docx", "ledger.xlsx", "figures.csv", "review.html")


def draft(out_dir: Path, template_dir: Path | None = None) -> list[Path]:
    """Write the four drafts into ``out_dir`` from its jsonl files; return their paths.

    Example:
        >>> draft(Path("out"))  # doctest: +SKIP
        [PosixPath('out/report.docx'), PosixPath('out/ledger.xlsx'), ...]
    """
    # imported here: openpyxl, python-docx and jinja2 take half a second to import, and every
    # ``junheng`` command imports this package (the draft subcommand's parser)
    from junheng.draft import figures_csv, ledger, report_docx, review
    from junheng.draft.env import environment
    from junheng.draft.inputs import load
    from junheng.draft.summary import summarise

    out_dir = Path(out_dir)
    batch = load(out_dir)
    summary = summarise(batch)
    env = environment(template_dir)
    return [
        report_docx.write(summary, env, out_dir / "report.docx"),
        ledger.write(batch, summary, out_dir / "ledger.xlsx"),
        figures_csv.write(batch, summary, out_dir / "figures.csv"),
        review.write(batch, summary, env, out_dir / "review.html"),
    ]


__all__ = ["OUTPUT_NAMES", "draft"]
