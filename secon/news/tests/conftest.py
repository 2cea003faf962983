"""Test setup of the news app."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _fresh_page_cache(_fast_settings: None) -> Iterator[None]:
    # Public pages are cached; start and end each test with the test cache (not the database one) empty.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
