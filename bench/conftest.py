"""The benchmark's tests need no Django state: switch off the project-wide autouse fixtures here."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _fast_settings() -> None:
    """Overrides the root conftest's fixture of the same name: nothing to configure."""


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    """Overrides the root conftest's fixture: clearing the cache would touch the database."""
