"""mypy and the import-linter contracts over junheng as its import names see it.

The folders pipeline/, extractors/ and templates/ are installed as the package ``junheng``
(pyproject.toml, ``[tool.setuptools.package-dir]``); mypy and import-linter find packages by
directory name, so they check a copy laid out as installed (build/staged/junheng/…), and mypy's
messages are mapped back to the repository's paths. Exit status: non-zero when either fails.

    .venv/bin/python .ci/typecheck.py
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGED = ROOT / "build" / "staged"


def stage() -> dict[str, str]:
    """Copy the packages' Python files into STAGED as installed; staged path → repo path."""
    mapping = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-dir"
    ]
    shutil.rmtree(STAGED, ignore_errors=True)
    back: dict[str, str] = {}
    for package, folder in sorted(mapping.items()):
        target = STAGED.joinpath(*package.split("."))
        for source in (ROOT / folder).rglob("*"):
            if source.suffix not in (".py", ".typed") or "__pycache__" in source.parts:
                continue
            relative = source.relative_to(ROOT / folder)
            if relative.parts[0] in {f.split(".")[-1] for f in mapping if f != package}:
                continue  # a nested package mapped elsewhere (none today)
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / relative)
        back[str(target.relative_to(ROOT)) + "/"] = folder + "/"
    return back


def main() -> int:
    back = stage()
    env = {**os.environ, "PYTHONPATH": str(STAGED)}
    bin_dir = Path(sys.executable).parent
    failed = 0
    lint = subprocess.run([bin_dir / "lint-imports"], cwd=ROOT, env=env)
    failed |= lint.returncode
    mypy = subprocess.run(
        [sys.executable, "-m", "mypy", str(STAGED.relative_to(ROOT) / "junheng")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    # the longest staged prefix first: junheng/extractors/ before junheng/
    pattern = re.compile("|".join(re.escape(k) for k in sorted(back, key=len, reverse=True)))
    print(pattern.sub(lambda m: back[m.group()], mypy.stdout + mypy.stderr), end="")
    failed |= mypy.returncode
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
