"""Shared setup for the territory tests: the shipped data, English messages and small TERC files."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from secon.territory.services import load_reference_data

HEADER = "WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA"

# A small TERC extract: two voivodeships, every level and every kind of gmina row the tests need.
SAMPLE_ROWS = [
    "14;;;;MAZOWIECKIE;województwo;{date}",
    "14;01;;;białobrzeski;powiat;{date}",
    "14;01;01;3;Białobrzegi;gmina miejsko-wiejska;{date}",
    "14;01;01;4;Białobrzegi;miasto;{date}",
    "14;01;01;5;Białobrzegi;obszar wiejski;{date}",
    "14;01;02;2;Promna;gmina wiejska;{date}",
    "14;32;;;warszawski zachodni;powiat;{date}",
    "14;32;01;3;Błonie;gmina miejsko-wiejska;{date}",
    "14;32;05;2;Leszno;gmina wiejska;{date}",
    "14;65;;;Warszawa;miasto stołeczne, na prawach powiatu;{date}",
    "14;65;01;1;Warszawa;gmina miejska, miasto stołeczne;{date}",
    "14;65;02;8;Bemowo;dzielnica;{date}",
    "02;;;;DOLNOŚLĄSKIE;województwo;{date}",
    "02;01;;;bolesławiecki;powiat;{date}",
    "02;01;01;1;Bolesławiec;gmina miejska;{date}",
]


def terc_text(rows: list[str] | None = None, *, date: str = "2025-01-01", header: str = HEADER) -> str:
    lines = [header, *[row.format(date=date) for row in (rows if rows is not None else SAMPLE_ROWS)]]
    return "\r\n".join(lines) + "\r\n"


@dataclass
class Output:
    stdout: str
    stderr: str
    error: str = ""  # the CommandError message, when the command refused


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    # Assertions read the English messages, whatever catalogues are compiled.
    with translation.override("en"):
        yield


@pytest.fixture
def reference_data(db: Any) -> None:
    # The data migration loads it too; loading again (idempotent) keeps tests independent of
    # transactional tests elsewhere that flush the database.
    load_reference_data()


@pytest.fixture
def terc_file(tmp_path: Path) -> Callable[..., Path]:
    """Write a TERC file: text (or bytes) in an encoding, with or without a BOM."""
    counter = iter(range(1000))

    def write(
        content: str | bytes | None = None, *, encoding: str = "utf-8", bom: bool = False, **kwargs: Any
    ) -> Path:
        path = tmp_path / f"TERC_{next(counter)}.csv"
        if isinstance(content, bytes):
            path.write_bytes(content)
            return path
        text = content if content is not None else terc_text(**kwargs)
        raw = text.encode(encoding)
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + raw)
        return path

    return write


@pytest.fixture
def run_import() -> Callable[..., Output]:
    def run(path: Path, *args: str, fails: bool = False) -> Output:
        out, err = io.StringIO(), io.StringIO()
        try:
            call_command("import_teryt", str(path), *args, stdout=out, stderr=err)
        except CommandError as error:
            if not fails:
                raise
            return Output(out.getvalue(), err.getvalue(), str(error))
        if fails:
            pytest.fail("import_teryt was expected to refuse the file")
        return Output(out.getvalue(), err.getvalue())

    return run
