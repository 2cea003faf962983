"""Fixtures of the public-site tests."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _empty_public_page_cache(_fast_settings: Any) -> None:
    # The root conftest clears the cache before `_fast_settings` swaps in the in-memory backend, so
    # pages cached by an earlier test would survive into this one; clear the backend tests really use.
    from django.core.cache import cache

    cache.clear()
