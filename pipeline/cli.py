"""The ``junheng`` command. The only place where errors become messages and exit codes.

Exit codes of ``run``: 0 when every input is ``ok``, 1 when some input is partial, failed or
skipped (the outputs are still written for the rest), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from junheng.api import Options, Summary, run
from junheng.batch import ENGINES, STORE_NAME, Outcome
from junheng.batch import limits as batch_limits
from junheng.core.codec import write_json
from junheng.core.errors import UsageError
from junheng.core.model import Status
from junheng.core.version import __version__
from junheng.runner import InputFile, process_file

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


def _progress(results: Iterator[Outcome], total: int, quiet: bool) -> Iterator[Outcome]:
    """A progress bar on a terminal; nothing in CI, in a pipe or with --quiet."""
    if quiet or os.environ.get("CI") or not sys.stderr.isatty():
        return results
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: the workers are forked from this process
    return iter(tqdm(results, total=total, desc="junheng", unit="file", file=sys.stderr))


def cmd_run(args: argparse.Namespace) -> int:
    """Read every input, find its reports, write OUT/manifest.json and the OUT/*.jsonl files.

    Files are processed in parallel (--workers, default: every core), each under a time and memory
    limit, and kept in a store (default OUT/.junheng-store.sqlite): a re-run reads only new or
    changed files, and a run that was killed picks up where it stopped.
    """
    out = Path(args.out)
    options = Options(
        out=out,
        standard=args.standard,
        workers=args.workers,
        store=Path(args.store) if args.store else None,
        engine=args.engine,
        address=args.address,
        timeout=args.timeout,
        max_memory=args.max_memory,
        draft=not args.no_draft,
        decode=False,
        progress=lambda outcomes, total: _progress(outcomes, total, args.quiet),
        draft_progress=(lambda step, steps, name: None) if args.quiet else None,
    )
    summary = Summary()
    results = list(run(args.inputs, options, summary))
    tally = summary.manifest["counts"]
    print(
        f"{tally['files']} 个文件: {tally['ok']} 成功, {tally['partial']} 部分, "
        f"{tally['failed']} 失败, {tally['skipped']} 跳过; {tally['documents']} 篇报告 → {out}"
        f" （{summary.reused} 个未变的文件取自存储）",
        file=sys.stderr,
    )
    for result in results:
        if result.status is not Status.OK:
            print(f"  {result.status}: {result.file}: {result.error}", file=sys.stderr)
    applied = summary.applied
    if applied is not None and (applied.holding or applied.recheck):
        line = f"  草稿已应用更正 {len(applied.holding)} 处"
        if applied.recheck:
            line += f"；{len(applied.recheck)} 处待复核（文件或该处已改变，见 junheng review）"
        print(line, file=sys.stderr)
    if summary.not_drafted:
        print(f"junheng: {summary.not_drafted}", file=sys.stderr)
    if not tally["documents"]:  # an empty or all-failed batch is never a success
        return EXIT_SOME_FAILED
    return EXIT_OK if all(r.status is Status.OK for r in results) else EXIT_SOME_FAILED


def cmd_bench(args: argparse.Namespace) -> int:
    """Generate synthetic sets from the seed corpus (.txt, .docx, .pdf with varied numbers), time
    `junheng run` on them for each size and worker count, and pypdfium2 alone on the same PDFs;
    print a markdown table and the targets of issue 8. Writes only under --work."""
    import tempfile

    from junheng.bench.measure import main as bench_main

    seeds = Path(args.seeds)
    if not any(seeds.glob("*.txt")):
        raise UsageError(f"没有找到种子语料（*.txt）: {seeds}")
    with tempfile.TemporaryDirectory(prefix="junheng-bench-") as scratch:
        print(bench_main(seeds, Path(args.work or scratch), args.sizes, args.worker_counts))
    return EXIT_OK


def cmd_inspect(args: argparse.Namespace) -> int:
    """Print a file's reports and their heading trees, for a person to read."""
    from junheng.inspect import render

    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"不是文件: {path}")
    result = process_file(InputFile(path, path.name))
    print(render(result))
    return EXIT_OK if result.status is Status.OK else EXIT_SOME_FAILED


def cmd_eval(args: argparse.Namespace) -> int:
    """Score OUT against the gold annotations in GOLD_DIR: the seed gold (corpus/gold) or the
    development-corpus gold (corpus/gold/dev, whose texts are read from ../shared/devcorpus/docs
    next to the repository, or --texts), overall, held-out and tuning."""
    from junheng.evaluate import evaluate, render_scores

    texts = Path(args.texts) if args.texts else None
    scores = evaluate(Path(args.gold), Path(args.out), texts)
    print(render_scores(scores, verbose=args.verbose, heldout=args.show_heldout))
    if args.planted:
        from junheng.evaluate.planted import measure_planted, render_planted

        if scores.get("gold") != "dev":
            raise UsageError("--planted 只用于开发语料格式的金标准（dNNN.json 指向文本的偏移）")
        scores["planted"] = measure_planted(Path(args.gold), texts)
        print(render_planted(scores["planted"]))
    if args.json:
        write_json(Path(args.json), scores)
    return EXIT_OK


def _cores() -> int:
    """The cores this process may run on (a container's CPU set, not the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _positive(kind: type[int] | type[float]) -> Callable[[str], int | float]:
    """An argparse type: a number above zero (else a usage error, exit code 2)."""

    def parse(text: str) -> int | float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if not math.isfinite(value) or value <= 0:  # nan would never time out
            raise argparse.ArgumentTypeError(f"必须是大于 0 的有限数 (must be above zero): {text}")
        return value

    return parse


def _counts(text: str) -> tuple[int, ...]:
    """An argparse type: comma-separated whole numbers above zero, such as ``100,1000``."""
    try:
        values = tuple(int(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from None
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError(f"numbers must be at least 1: {text}")
    return values


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="junheng",
        description="读取义务教育均衡发展工作报告，抽取、核查并汇总。",
    )
    parser.add_argument("--version", action="version", version=f"junheng {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser(
        "run",
        help="process report files and folders into OUT/",
        description=cmd_run.__doc__,
        epilog="Example: junheng run corpus/seeds --out out",
    )
    run.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="files or folders (walked recursively)"
    )
    run.add_argument("--out", required=True, help="output folder")
    run.add_argument(
        "--workers",
        type=int,
        default=_cores(),
        help=f"files read in parallel (default: the cores, {_cores()})",
    )
    run.add_argument(
        "--store",
        metavar="PATH",
        help=f"the SQLite store of finished files (default: OUT/{STORE_NAME})",
    )
    run.add_argument(
        "--engine",
        choices=ENGINES,
        default="local",
        help="local: worker processes here (default); ray: Ray tasks (pip install 'junheng[ray]')",
    )
    run.add_argument("--address", help="the Ray cluster to join (--engine ray; default: local)")
    run.add_argument(
        "--timeout",
        type=_positive(float),
        default=batch_limits.DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help="time limit per file (default: %(default)g)",
    )
    run.add_argument(
        "--max-memory",
        type=_positive(int),
        default=batch_limits.DEFAULT_MAX_MEMORY_MB,
        metavar="MB",
        help="memory a worker may take for one file, over its size at start (default: %(default)d)",
    )
    run.add_argument(
        "--standard",
        metavar="PROFILE",
        default=None,
        help="standards profile: youzhi-2017 (default), jiben-2012, or a YAML file extending one",
    )
    run.add_argument(
        "--no-draft",
        action="store_true",
        help="write only the jsonl files, not report.docx, ledger.xlsx, figures.csv, review.html",
    )
    run.add_argument("--quiet", action="store_true", help="no progress bar")
    run.set_defaults(func=cmd_run)

    bench = sub.add_parser(
        "bench",
        help="measure files/s, pages/s, chars/s and peak memory of run",
        description=cmd_bench.__doc__,
        epilog="Example: junheng bench --sizes 100,1000 --workers 1,2 --work /tmp/junheng-bench",
    )
    bench.add_argument("--seeds", default="corpus/seeds", help="seed corpus (default: %(default)s)")
    bench.add_argument("--sizes", type=_counts, default=(100, 1000), help="files per set: 100,1000")
    bench.add_argument(
        "--workers", dest="worker_counts", type=_counts, default=(1, 2), help="to try: 1,2"
    )
    bench.add_argument("--work", help="where the sets and outputs go (default: a temporary folder)")
    bench.set_defaults(func=cmd_bench)

    inspect = sub.add_parser(
        "inspect",
        help="print a file's reports and section tree",
        description=cmd_inspect.__doc__,
        epilog="Example: junheng inspect corpus/seeds/002_1af8da0c0a7c36e4.txt",
    )
    inspect.add_argument("file")
    inspect.set_defaults(func=cmd_inspect)

    evaluate = sub.add_parser(
        "eval",
        help="score OUT against corpus gold",
        description=cmd_eval.__doc__,
        epilog="Example: junheng eval corpus/gold out; junheng eval corpus/gold/dev out_dev "
        "(out_dev: a run over ../shared/devcorpus/docs)",
    )
    evaluate.add_argument("gold", metavar="GOLD_DIR")
    evaluate.add_argument("out", metavar="OUT_DIR")
    evaluate.add_argument(
        "--texts",
        metavar="DIR",
        help="dev gold: the folder of the dNNN.txt pages (default ../shared/devcorpus/docs "
        "from the repository root)",
    )
    evaluate.add_argument("--json", help="also write the scores as JSON to this file")
    evaluate.add_argument("-v", "--verbose", action="store_true", help="list every mismatch "
                          "(dev gold: of the tuning pages only, unless --show-heldout)")
    evaluate.add_argument("--show-heldout", action="store_true",
                          help="dev gold, with -v: list the held-out pages' mismatches too")
    evaluate.add_argument(
        "--planted",
        action="store_true",
        help="dev gold: also plant one error in each holding relation, run the pipeline on each "
        "changed page and count how many the validator flags (slow: one run per planting)",
    )
    evaluate.set_defaults(func=cmd_eval)

    from junheng.draft.cli import add_arguments as draft_arguments
    from junheng.draft.cli import cmd_draft

    drafting = sub.add_parser(
        "draft",
        help="rebuild report.docx, ledger.xlsx, figures.csv, review.html from OUT's jsonl",
        description=cmd_draft.__doc__,
        epilog="Example: junheng draft out --template my_templates",
    )
    draft_arguments(drafting)
    drafting.set_defaults(func=cmd_draft)

    from junheng.review.cli import add_parser as add_review

    add_review(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "workers", 1) < 1:
        parser.error("--workers must be at least 1")
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"junheng: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `junheng inspect FILE | head`: the reader left, that is fine
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
