"""The jinja2 environment every draft renders with.

The user's ``--template DIR`` is searched first, then the package's ``templates/`` (as
Datasette does), and ``default:NAME`` always reaches the built-in template so a copy can extend
it. ``StrictUndefined`` makes a misspelt name fail loudly instead of leaving a blank in a report.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
)
from junheng.core.errors import UsageError
from junheng.draft.labels import FILTERS

_MARKER = "review.html.j2"  # a file every templates folder of ours has


def default_template_dir() -> Path:
    """The built-in ``templates/`` (the package ``junheng.templates``, installed or editable)."""
    folder = Path(str(resources.files("junheng.templates")))
    if (folder / _MARKER).is_file():
        return folder
    raise FileNotFoundError("junheng's templates/ folder is missing from this installation")


def _autoescape(name: str | None) -> bool:
    """HTML templates escape everything they print; the report's text templates do not."""
    return bool(name) and ".html" in str(name)


def environment(template_dir: Path | None = None) -> Environment:
    """An environment over the user's folder (if any) and the built-in templates."""
    builtin = FileSystemLoader(default_template_dir())
    loaders: list[BaseLoader] = []
    if template_dir is not None:
        if not Path(template_dir).is_dir():
            raise UsageError(f"模板目录不存在: {template_dir}")
        loaders.append(FileSystemLoader(template_dir))
    loaders += [builtin, PrefixLoader({"default": builtin}, delimiter=":")]
    env = Environment(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=_autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    return env
