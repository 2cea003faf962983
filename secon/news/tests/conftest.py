"""News tests read the interface in English, as an English-speaking editor would (Polish is the default)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _english_interface(english: None) -> None:
    """Every news test uses the shared `english` fixture of the root conftest."""
