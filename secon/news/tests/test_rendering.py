"""Markdown bodies: rendered once per text in a process, and still sanitised."""

from __future__ import annotations

from typing import Any

import markdown
import pytest

from secon.news import rendering


def test_a_text_is_rendered_once_and_then_reused(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    original = markdown.markdown

    def counted(text: str, **kwargs: Any) -> str:
        calls.append(text)
        return str(original(text, **kwargs))

    monkeypatch.setattr(markdown, "markdown", counted)  # the module rendering calls through
    rendering._clean_html.cache_clear()
    first = rendering.render_markdown("**Spotkanie** grupy")
    again = rendering.render_markdown("**Spotkanie** grupy")
    other = rendering.render_markdown("Inny tekst")
    assert first == again == "<p><strong>Spotkanie</strong> grupy</p>"
    assert "Inny" in other
    assert calls == ["**Spotkanie** grupy", "Inny tekst"]


def test_a_reused_rendering_is_still_sanitised() -> None:
    text = '# Tytuł\n\n<script>alert(1)</script><a href="javascript:x()" onclick="y()">link</a>'
    for _ in range(2):
        html = rendering.render_markdown(text)
        assert "<script" not in html and "javascript:" not in html and "onclick" not in html
        assert "<h2>Tytuł</h2>" in html
