"""README's two commands are the ones CI and users run; every command has help."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from junheng.cli import build_parser

ROOT = Path(__file__).parent.parent


def _readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text("utf-8")
    return re.findall(r"```bash\n(.+?)\n```", readme)[:2]


def test_docs_readme_opens_with_two_commands() -> None:
    run, test = _readme_commands()
    assert "junheng run corpus/seeds --out out" in run
    assert "pytest" in test
    assert (ROOT / "README.md").read_text("utf-8").index("```bash") < 40


def test_docs_ci_runs_readme_test_command() -> None:
    _, test = _readme_commands()
    assert test in (ROOT / ".ci" / "run").read_text("utf-8")


@pytest.mark.parametrize("command", ["run", "inspect", "eval"])
def test_docs_every_command_has_help_and_example(command: str) -> None:
    parser = build_parser()
    sub = parser._subparsers._group_actions[0].choices[command]  # type: ignore[union-attr]
    assert sub.description and "Example: junheng " + command in (sub.epilog or "")
