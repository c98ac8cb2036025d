"""A plain-text view of one file's reports and heading trees (``junheng inspect``)."""

from __future__ import annotations

from junheng.core.model import FileResult, Section


def _tree(sections: tuple[Section, ...], depth: int = 1) -> list[str]:
    lines: list[str] = []
    for section in sections:
        title = section.title if len(section.title) <= 40 else section.title[:39] + "…"
        lines.append(f"{'  ' * depth}{section.marker} {title}")
        lines.extend(_tree(section.children, depth + 1))
    return lines


def render(result: FileResult) -> str:
    """The file's status, then each report: title, unit, type, date, years and section tree."""
    head = f"{result.file}  [{result.format or '?'}] {result.status}"
    if result.error:
        head += f": {result.error}"
    lines = [head, f"{len(result.reports)} 篇报告"]
    doc = result.document
    for report in result.reports:
        page = doc.page_at(report.start) if doc is not None else None
        where = f"字符 {report.start}–{report.end}" + (f", 第 {page} 页" if page else "")
        lines.append("")
        lines.append(f"[{report.index}] {report.title or '（无标题）'}")
        years = ", ".join(map(str, report.years)) or "—"
        lines.append(
            f"    单位: {report.unit_name or '—'}   类型: {report.type or '—'}   "
            f"日期: {report.date or '—'}   年份: {years}   {where}"
        )
        lines.extend(_tree(report.sections, 2))
    return "\n".join(lines)
