"""The scores as text: the seed gold's per-file lines, the dev gold's table (overall, held-out,
tuning) and, with ``verbose``, every miss and false positive."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from junheng.evaluate.figures import MODES
from junheng.evaluate.items import KINDS
from junheng.evaluate.segmentation import FIELDS

Scores = dict[str, Any]


def render_items(scores: Scores) -> str:
    """One line: P/R/F1 per kind, link and status accuracy."""
    parts = [
        f"{kind} P={scores[kind]['precision']:.3f} R={scores[kind]['recall']:.3f} "
        f"F1={scores[kind]['f1']:.3f} ({scores[kind]['matched']}/{scores[kind]['gold']}/"
        f"{scores[kind]['system']})"
        for kind in KINDS
    ]
    parts.append(
        f"links {scores['links']['accuracy']:.3f} ({scores['links']['correct']}/"
        f"{scores['links']['gold']})"
    )
    if "precision" in scores["links"]:
        parts[-1] += f" precision {scores['links']['precision']:.3f}"
    parts.append(
        f"status {scores['status']['accuracy']:.3f} ({scores['status']['correct']}/"
        f"{scores['status']['gold']})"
    )
    return "; ".join(parts)


def render_seed_scores(scores: Scores, verbose: bool = False) -> str:
    lines = ["segmentation (per file: reports gold/system, fields right of gold)"]
    for name, result in scores["files"].items():
        seg = result["segmentation"]
        right = " ".join(f"{f}={seg['correct'][f]}" for f in FIELDS)
        mark = "" if seg["count_exact"] else "  ← count differs"
        lines.append(f"  {name}: {seg['gold']}/{seg['system']}  {right}{mark}")
        if verbose or not seg["count_exact"]:
            lines.extend(f"      {m}" for m in seg["mismatches"])
    figure_lines = []
    for name, result in scores["files"].items():
        if "figures" not in result:
            continue
        loose, strict = result["figures"]["loose"], result["figures"]["strict"]
        figure_lines.append(
            f"  {name}: gold {loose['gold']}, system {loose['system']}; loose F1 {loose['f1']:.3f} "
            f"(P {loose['precision']:.3f} R {loose['recall']:.3f}); strict F1 {strict['f1']:.3f}"
        )
        if verbose:
            figure_lines += [f"      missed {m}" for m in strict["missed"]]
            figure_lines += [f"      extra  {m}" for m in strict["extra"]]
    if figure_lines:
        lines.append("figures (actual figures of the annotated reports)")
        lines.extend(figure_lines)
        for mode, prf in scores["overall"]["figures"].items():
            lines.append(
                f"  overall {mode}: P {prf['precision']:.3f} R {prf['recall']:.3f} "
                f"F1 {prf['f1']:.3f}"
            )
    if "items" in scores["overall"]:
        lines.append("items (problems, measures, outcomes of the annotated reports)")
        lines.append(render_items(scores["overall"]["items"]))
    if "inconsistencies" in scores["overall"]:
        inc = scores["overall"]["inconsistencies"]
        lines.append(
            f"inconsistencies: {inc['found']}/{inc['gold']} found; "
            f"{inc['unconfirmed']} arithmetic findings not in the gold"
        )
        for name, result in scores["files"].items():
            for note in result.get("inconsistencies", {}).get("missed", []):
                lines.append(f"  {name}: missed {note}")
            for message in result.get("inconsistencies", {}).get("unconfirmed", []):
                lines.append(f"  {name}: not in gold: {message}")
    overall = scores["overall"]["segmentation"]
    reports = overall["reports"]
    lines.append(
        f"overall: {overall['count_exact']}/{overall['files']} files with the exact report count; "
        f"reports P={reports['precision']:.3f} R={reports['recall']:.3f} F1={reports['f1']:.3f}; "
        + ", ".join(f"{k} {v:.3f}" for k, v in overall["field_accuracy"].items())
    )
    return "\n".join(lines)


# --- dev gold -------------------------------------------------------------------------------

_HEADS = ("overall", "held-out", "tuning")
_LABEL = 38
_CELL = 28


def _row(label: str, cells: list[str]) -> str:
    return f"  {label:<{_LABEL}}" + "".join(f"{c:<{_CELL}}" for c in cells).rstrip()


def _prf_cell(p: dict[str, Any]) -> str:
    return f"{p['precision']:.3f} {p['recall']:.3f} {p['f1']:.3f}"


def _at(*keys: str) -> Callable[[Scores], Any]:
    """A getter of ``scores[keys[0]][keys[1]]…``."""

    def get(scores: Scores) -> Any:
        for key in keys:
            scores = scores[key]
        return scores

    return get


def _counts(p: Scores) -> str:
    return f"{p['matched']}/{p['gold']}/{p['system']}"


def _ratio(value: float, right: int, total: int) -> str:
    return f"{value:.3f} ({right}/{total})"


def _item_cell(kind: str) -> Callable[[Scores], str]:
    def cell(t: Scores) -> str:
        return f"{_prf_cell(t['items'][kind])} ({_counts(t['items'][kind])})"

    return cell


def _table(splits: Scores) -> list[str]:
    order = [splits[s] for s in ("overall", "heldout", "tuning")]

    def row(label: str, cell: Callable[[Scores], str]) -> str:
        return _row(label, [cell(t) for t in order])

    def prf_row(label: str, get: Callable[[Scores], Any]) -> str:
        return row(label, lambda t: _prf_cell(get(t)))

    def count_row(label: str, get: Callable[[Scores], Any]) -> str:
        return row(label, lambda t: _counts(get(t)))

    def value_row(label: str, get: Callable[[Scores], Any], form: str = "{}") -> str:
        return row(label, lambda t: form.format(get(t)))

    def links(t: Scores) -> Scores:
        found: Scores = t["items"]["links"]
        return found

    lines = [_row("", [f"{h} ({t['files']} files)" for h, t in zip(_HEADS, order, strict=True)])]
    lines.append("segmentation")
    lines.append(row("report count exact (files)",
                     lambda t: f"{t['segmentation']['count_exact']}/{t['files']}"))
    lines.append(prf_row("reports P R F1 (by span overlap)", _at("segmentation", "reports")))
    lines.append(count_row("  matched/gold/system", _at("segmentation", "reports")))
    for field in FIELDS:
        lines.append(value_row(f"{field} accuracy (matched reports)",
                               _at("segmentation", "field_accuracy", field), "{:.3f}"))
    lines.append("figures (actual, CONTRACT catalogue; P R F1)")
    for mode in MODES:
        lines.append(prf_row(mode, _at("figures", mode)))
        lines.append(count_row("  matched/gold/system", _at("figures", mode)))
    lines.append("items (P R F1, matched/gold/system)")
    for kind in KINDS:
        lines.append(row(kind, _item_cell(kind)))
    lines.append(row("link precision", lambda t: _ratio(
        links(t)["precision"], links(t)["system_correct"], links(t)["system"])))
    lines.append(row("link recall", lambda t: _ratio(
        links(t).get("recall", 1.0), links(t)["correct"], links(t).get("all_gold", 0))))
    lines.append(row("status accuracy (matched problems)", lambda t: _ratio(
        t["items"]["status"]["accuracy"], t["items"]["status"]["correct"],
        t["items"]["status"]["gold"])))
    lines.append("inconsistencies and arithmetic findings")
    lines.append(value_row("gold inconsistencies", _at("relations", "gold")))
    lines.append(value_row("found by values (CONTRACT)", _at("relations", "found_values")))
    lines.append(value_row("found by evidence on the relation",
                           _at("relations", "found_evidence")))
    lines.append(row("gold relations (holding)",
                     lambda t: f"{t['relations']['relations']} ({t['relations']['holding']})"))
    lines.append(value_row("arithmetic findings", _at("relations", "arithmetic")))
    lines.append(value_row("false arithmetic findings", _at("relations", "false")))
    lines.append(value_row("  of which on a holding relation",
                           _at("relations", "false_on_holding")))
    return lines


def _place(entry: Scores) -> str:
    return f"{entry['start']}-{entry['end']} {entry['context']}"


def _figure(entry: Scores) -> str:
    scope = "/".join(str(entry[k]) for k in ("level", "year") if entry.get(k) is not None)
    return f"{entry['indicator']}={entry['value']:g}" + (f" ({scope})" if scope else "")


def _file_lines(name: str, result: Scores) -> list[str]:
    out: list[str] = []
    seg = result["segmentation"]
    for entry in seg["missed"]:
        out.append(f"    report missed: report {entry['report']} at {_place(entry)}")
    for entry in seg["extra"]:
        out.append(f"    report extra: system report {entry['report']} "
                   f"{entry['system']!r} at {_place(entry)}")
    for entry in seg["mismatches"]:
        out.append(f"    report {entry['report']} {entry['what']}: gold {entry['gold']!r} "
                   f"system {entry['system']!r} at {_place(entry)}")
    figures = result["figures"]
    loose_missed = {(e["start"], e["indicator"]) for e in figures["loose"]["missed"]}
    loose_extra = {(e["start"], e["indicator"]) for e in figures["loose"]["extra"]}
    for entry in figures["loose"]["missed"]:
        out.append(f"    figure missed: {_figure(entry)} at {_place(entry)}")
    for entry in figures["loose"]["extra"]:
        out.append(f"    figure false positive: {_figure(entry)} at {_place(entry)}")
    for entry in figures["strict"]["missed"]:
        if (entry["start"], entry["indicator"]) in loose_missed:
            continue
        got = entry.get("system") or {}
        out.append(
            f"    figure strict miss: {_figure(entry)}, system level={got.get('level')} "
            f"year={got.get('year')} at {_place(entry)}"
        )
    strict_extra = [
        e for e in figures["strict"]["extra"] if (e["start"], e["indicator"]) not in loose_extra
    ]
    for entry in strict_extra:
        out.append(f"    figure strict false positive: {_figure(entry)} at {_place(entry)}")
    items = result["items"]
    for entry in items["missed"]:
        out.append(f"    item missed: {entry['kind']} {entry['index']} at {_place(entry)}")
    for entry in items["extra"]:
        out.append(f"    item false positive: {entry['kind']} {entry['index']} "
                   f"at {_place(entry)}")
    for miss in items["links"]["misses"]:
        out.append(f"    link missed: {miss}")
    for extra in items["links"]["extra"]:
        out.append(f"    link false positive: {extra}")
    for miss in items["status"]["misses"]:
        out.append(f"    status wrong: {miss}")
    relations = result["relations"]
    for entry in relations["missed"]:
        how = "found by values only" if entry["by_values"] else "not found"
        out.append(f"    inconsistency {how}: {entry['values']} {entry['note']} "
                   f"at {_place(entry)}")
    for entry in relations["false_findings"]:
        on = f" (on holding {', '.join(entry['on_holding'])})" if entry["on_holding"] else ""
        out.append(f"    false {entry['rule']}{on}: {entry['message']} at {_place(entry)}")
    return [f"  {name} ({result['split']})", *out] if out else []


def render_dev_scores(scores: Scores, verbose: bool = False, heldout: bool = False) -> str:
    """The dev scores by split; with ``verbose`` the tuning pages' misses and false positives,
    and the held-out pages' only with ``heldout`` too (so a listing read for tuning does not show
    the pages that must stay unread)."""
    if "skipped" in scores:
        lines = [f"dev gold: skipped: {scores['skipped']}"]
        lines += [f"  note: {n}" for n in scores.get("notes", [])]
        return "\n".join(lines)
    splits = scores["splits"]
    lines = [
        f"dev gold: {splits['overall']['files']} files (held-out {splits['heldout']['files']}, "
        f"tuning {splits['tuning']['files']}); texts from {scores['texts']}"
    ]
    lines += [f"  note: {n}" for n in scores.get("notes", [])]
    lines += _table(splits)
    if verbose:
        lines.append("every miss and false positive (file offsets, [the span] in its context)")
        hidden = 0
        for name, result in scores["files"].items():
            if result["split"] == "heldout" and not heldout:
                hidden += bool(_file_lines(name, result))
                continue
            lines += _file_lines(name, result)
        if hidden:
            lines.append(f"  ({hidden} held-out files with misses not listed: --show-heldout "
                         "lists them)")
    return "\n".join(lines)
