"""News tests read the interface in English, as an English-speaking editor would (Polish is the default)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_interface(client: Any) -> Iterator[None]:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield
