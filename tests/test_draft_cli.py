"""`junheng draft OUT [--template DIR]`: rebuilds the drafts; a user's template wins."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from junheng.cli import main
from junheng.draft import OUTPUT_NAMES
from junheng.draft.env import default_template_dir, environment


@pytest.mark.slow
def test_draft_cli_writes_every_output(draft_out: Path) -> None:
    assert main(["draft", str(draft_out)]) == 0
    for name in OUTPUT_NAMES:
        assert (draft_out / name).stat().st_size > 0


@pytest.mark.slow
def test_draft_cli_user_template_comes_first(draft_out: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine" / "report"
    mine.mkdir(parents=True)
    (mine / "closing.j2").write_text("附件：整改台账\n@sign 某某县教育局\n", "utf-8")
    assert main(["draft", str(draft_out), "--template", str(mine.parent)]) == 0
    text = [p.text for p in docx.Document(str(draft_out / "report.docx")).paragraphs]
    assert "某某县教育局" in text and "（发文单位）" not in text


def test_draft_cli_usage_errors(tmp_path: Path, draft_out: Path) -> None:
    assert main(["draft", str(tmp_path / "nothing")]) == 2
    assert main(["draft", str(draft_out), "--template", str(tmp_path / "missing")]) == 2


def test_draft_templates_fail_loudly_on_a_missing_name(tmp_path: Path) -> None:
    (tmp_path / "report").mkdir()
    (tmp_path / "report" / "report.j2").write_text("{{ s.no_such_thing }}", "utf-8")
    env = environment(tmp_path)
    with pytest.raises(Exception, match="no_such_thing"):
        env.get_template("report/report.j2").render(s=object())
    assert env.get_template("default:report/report.j2") is not None
    assert (default_template_dir() / "review.html.j2").is_file()


def test_draft_templates_type_no_numbers() -> None:
    """Every number in a draft comes from the data: templates print none of their own."""
    import re

    for path in (default_template_dir() / "report").glob("*.j2"):
        words = re.sub(r"\{[{%#].*?[}%#]\}", "", path.read_text("utf-8"), flags=re.S)
        assert not re.search(r"\d", words), path.name
