"""``junheng eval corpus/gold/dev OUT``: the development-corpus gold (corpus/gold/dev/README.md).

The gold points into ../shared/devcorpus/docs/dNNN.txt (offsets, not copied text); OUT is a run
over that folder (``junheng run ../shared/devcorpus/docs --out OUT``). Every score is given over
all files, over the held-out 15 (corpus/gold/dev/heldout.txt) and over the other 35 ("tuning").
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from junheng.evaluate.figures import MODES, score_dev_figures
from junheng.evaluate.gold import DevGold, load_dev
from junheng.evaluate.inconsistencies import score_dev_relations
from junheng.evaluate.items import combine, score_dev_items
from junheng.evaluate.metrics import accuracy, prf
from junheng.evaluate.offsets import TextMap
from junheng.evaluate.outputs import Row, RunOutput, load_run
from junheng.evaluate.segmentation import FIELDS, score_dev_segmentation

SPLITS = ("overall", "heldout", "tuning")
RELATION_COUNTS = (
    "gold", "found_values", "found_evidence", "relations", "holding", "arithmetic", "false",
    "false_on_holding",
)


def _system_name(gold: DevGold, run: RunOutput) -> str | None:
    if gold.name in run.processed:
        return gold.name
    return next((n for n in run.processed if Path(n).name == gold.name), None)


def _text_map(gold: DevGold, document: Row | None, notes: list[str]) -> TextMap:
    if document is None:
        return TextMap.identity(len(gold.text))
    spans = TextMap.build(
        document.get("offset_runs") or [],
        document.get("raw_text") or "",
        gold.text,
        len(document.get("text") or ""),
    )
    if spans.how == "diff":
        lost = spans.raw_length - spans.matched
        notes.append(
            f"{gold.name}: the run's raw_text differs from the file's text beyond whitespace; "
            f"aligned by a character diff ({lost} of {spans.raw_length} characters not found)"
        )
    return spans


def score_file(gold: DevGold, run: RunOutput, name: str, spans: TextMap) -> dict[str, Any]:
    """Every score of one dev gold file against the run's rows of ``name``."""
    system = sorted(run.reports.get(name, []), key=lambda r: r["doc"])
    seg = score_dev_segmentation(gold, system, spans)
    return {
        "split": gold.split,
        "segmentation": seg,
        "figures": score_dev_figures(gold, run.figures.get(name, []), spans),
        "items": score_dev_items(gold, run.items.get(name, []), spans),
        "relations": score_dev_relations(gold, run.findings.get(name, []), spans),
    }


def totals(files: list[dict[str, Any]]) -> dict[str, Any]:
    """Scores summed over ``files``."""
    seg = Counter[str]()
    for result in files:
        s = result["segmentation"]
        seg.update(
            gold=s["gold"], system=s["system"], matched=s["matched"], exact=int(s["count_exact"])
        )
        seg.update({f: s["correct"][f] for f in FIELDS})
    figures = {
        mode: prf(
            *(sum(r["figures"][mode][k] for r in files) for k in ("matched", "gold", "system"))
        )
        for mode in MODES
    }
    relations = {k: sum(r["relations"][k] for r in files) for k in RELATION_COUNTS}
    return {
        "files": len(files),
        "segmentation": {
            "files": len(files),
            "count_exact": seg["exact"],
            "reports": prf(seg["matched"], seg["gold"], seg["system"]),
            "field_accuracy": {f: accuracy(seg[f], seg["matched"]) for f in FIELDS},
        },
        "figures": figures,
        "items": combine(r["items"] for r in files),
        "relations": relations,
    }


def evaluate_dev(gold_dir: Path, out_dir: Path, texts_dir: Path | None = None) -> dict[str, Any]:
    """Scores per file and over all / held-out / tuning files; ``skipped`` says why when the
    texts are absent."""
    corpus = load_dev(gold_dir, texts_dir)
    scores: dict[str, Any] = {"gold": "dev", "texts": str(corpus.texts_dir)}
    if corpus.missing:
        return {**scores, "skipped": corpus.missing, "notes": corpus.notes}
    run = load_run(out_dir)
    documents = run.documents()
    notes = list(corpus.notes)
    files: dict[str, Any] = {}
    aligned = Counter[str]()
    for gold in corpus.files:
        name = _system_name(gold, run)
        if name is None:
            notes.append(f"{gold.name}: not in the run in {out_dir}, left out")
            continue
        spans = _text_map(gold, documents.get(name), notes)
        aligned[spans.how] += 1
        files[gold.name] = score_file(gold, run, name, spans)
    if not files:
        return {**scores, "skipped": f"none of the dev gold's files is in {out_dir}",
                "notes": notes}
    if aligned["whitespace"]:
        notes.append(
            f"{aligned['whitespace']} files: the run's raw_text drops blank lines or other "
            "whitespace of the file; offsets aligned over it"
        )
    scores["notes"] = notes
    scores["files"] = files
    scores["splits"] = {
        split: totals([r for r in files.values() if split == "overall" or r["split"] == split])
        for split in SPLITS
    }
    return scores
