"""Accounts tests count failed logins in the cache: every test starts with an empty one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache(_fast_settings: None) -> Iterator[None]:
    # Overrides the root fixture of the same name so that it runs after _fast_settings and clears the
    # LocMem cache the test uses, rather than the database cache configured before the test settings.
    cache.clear()
    yield
    cache.clear()
