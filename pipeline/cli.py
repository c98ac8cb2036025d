"""The ``junheng`` command. The only place where errors become messages and exit codes.

Exit codes of ``run``: 0 when every input is ``ok``, 1 when some input is partial, failed or
skipped (the outputs are still written for the rest), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from pipeline import __version__
from pipeline.errors import UsageError
from pipeline.model import FileResult, Status
from pipeline.outputs import JsonLines, counts, write_json
from pipeline.runner import InputFile, iter_inputs, process_file
from pipeline.serialize import OUTPUTS, manifest_entry

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _progress(results: Iterator[FileResult], total: int, quiet: bool) -> Iterator[FileResult]:
    """A progress bar on a terminal; nothing in CI, in a pipe or with --quiet."""
    if quiet or os.environ.get("CI") or not sys.stderr.isatty():
        return results
    from tqdm import tqdm

    return iter(tqdm(results, total=total, desc="junheng", unit="file", file=sys.stderr))


def _results(inputs: list[InputFile], workers: int) -> Iterator[FileResult]:
    """Results in input order; with several workers, files are read in parallel processes."""
    if workers <= 1 or len(inputs) <= 1:
        yield from map(process_file, inputs)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(process_file, inputs, chunksize=1)


def _counted(result: FileResult) -> dict[str, tuple[dict, ...]]:
    """Rows replaced by empty placeholders: enough for the manifest's counts, little memory."""
    return {name: ({},) * len(rows) for name, rows in result.rows.items()}


def cmd_run(args: argparse.Namespace) -> int:
    """Read every input, find its reports, write OUT/manifest.json and the OUT/*.jsonl files."""
    inputs = list(iter_inputs([Path(p) for p in args.inputs]))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    started = _now()
    results: list[FileResult] = []
    with ExitStack() as stack:
        writers = {name: stack.enter_context(JsonLines(out / f"{name}.jsonl")) for name in OUTPUTS}
        for result in _progress(_results(inputs, args.workers), len(inputs), args.quiet):
            for name, rows in result.rows.items():
                for row in rows:
                    writers[name].write(row)
            # keep memory flat: the manifest needs only the counts
            results.append(replace(result, document=None, reports=(), rows=_counted(result)))
    manifest = {
        "inputs": [manifest_entry(result) for result in results],
        "counts": counts(results),
        "started": started,
        "finished": _now(),
        "version": __version__,
    }
    write_json(out / "manifest.json", manifest)
    tally = manifest["counts"]
    print(
        f"{tally['files']} 个文件: {tally['ok']} 成功, {tally['partial']} 部分, "
        f"{tally['failed']} 失败, {tally['skipped']} 跳过; {tally['documents']} 篇报告 → {out}",
        file=sys.stderr,
    )
    for result in results:
        if result.status is not Status.OK:
            print(f"  {result.status}: {result.file}: {result.error}", file=sys.stderr)
    return EXIT_OK if all(r.status is Status.OK for r in results) else EXIT_SOME_FAILED


def cmd_inspect(args: argparse.Namespace) -> int:
    """Print a file's reports and their heading trees, for a person to read."""
    from pipeline.inspect import render

    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"不是文件: {path}")
    result = process_file(InputFile(path, path.name))
    print(render(result))
    return EXIT_OK if result.status is Status.OK else EXIT_SOME_FAILED


def cmd_eval(args: argparse.Namespace) -> int:
    """Score OUT against the gold annotations in GOLD_DIR."""
    from pipeline.evaluate import evaluate, render_scores

    scores = evaluate(Path(args.gold), Path(args.out))
    print(render_scores(scores, verbose=args.verbose))
    if args.json:
        write_json(Path(args.json), scores)
    return EXIT_OK


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
    run.add_argument("--workers", type=int, default=1, help="files read in parallel (default: 1)")
    run.add_argument("--quiet", action="store_true", help="no progress bar")
    run.set_defaults(func=cmd_run)

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
        epilog="Example: junheng eval corpus/gold out",
    )
    evaluate.add_argument("gold", metavar="GOLD_DIR")
    evaluate.add_argument("out", metavar="OUT_DIR")
    evaluate.add_argument("--json", help="also write the scores as JSON to this file")
    evaluate.add_argument("-v", "--verbose", action="store_true", help="list every mismatch")
    evaluate.set_defaults(func=cmd_eval)
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
