"""A setting with a typo in its environment variable stops the start-up, naming the variable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def start_django(tmp_path: Path, **variables: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    env.update(DJANGO_SETTINGS_MODULE="secon.settings", SECON_VAR_DIR=str(tmp_path), **variables)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("value", ["ture", "2", "enabled", "y"])
def test_a_boolean_setting_that_is_not_yes_or_no_stops_the_start_up(tmp_path: Path, value: str) -> None:
    result = start_django(tmp_path, DEBUG=value)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"DEBUG={value!r} is not a yes/no value" in result.stderr


@pytest.mark.parametrize("value", ["1", "TRUE", "Yes", " on ", "0", "False", "NO", "off", ""])
def test_every_spelling_of_yes_and_no_starts(tmp_path: Path, value: str) -> None:
    result = start_django(tmp_path, EMAIL_USE_TLS=value)
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_a_yes_no_setting_reads_as_written() -> None:
    from secon import settings

    for value, expected in {"On": True, "1": True, "off": False, "No": False, "": True}.items():
        os.environ["SECON_TEST_FLAG"] = value
        try:
            assert settings.envbool("SECON_TEST_FLAG", True) is expected, value
        finally:
            del os.environ["SECON_TEST_FLAG"]


@pytest.mark.parametrize("value", ["60s", "1e3", "ten"])
def test_a_number_setting_that_is_not_a_whole_number_stops_the_start_up(tmp_path: Path, value: str) -> None:
    result = start_django(tmp_path, NEWS_PAGE_SIZE=value)
    assert result.returncode != 0
    assert f"NEWS_PAGE_SIZE={value!r} is not a whole number" in result.stderr
