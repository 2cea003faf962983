"""The layers hold: lib < core < accounts < projects < domain apps < public (docs/architecture.md).

The contract is in pyproject.toml ([tool.importlinter]); `lint-imports` checks it here and in bin/test.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def contract_layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    (contract,) = config["contracts"]
    return [name.strip() for layer in contract["layers"] for name in layer.replace("|", ":").split(":")]


def test_no_layer_imports_a_higher_one() -> None:
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_app_has_a_layer() -> None:
    apps = sorted(path.parent.name for path in (ROOT / "secon").glob("*/apps.py"))
    missing = [app for app in apps if app not in contract_layers()]
    assert not missing, f"Put these apps in a layer of [tool.importlinter] in pyproject.toml: {missing}"
