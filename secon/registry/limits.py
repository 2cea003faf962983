"""The longest value each registry field takes, read from the models, for forms and the import alike."""

from __future__ import annotations

from django.db import models

# A text field without a length in the database still gets one on import: a cell longer than this is
# almost certainly a broken file (a missing quote swallowing the rest of the rows), not a real note.
LONG_TEXT_LIMIT = 5000


def field_limit(model: type[models.Model], name: str) -> int:
    """The longest value a model field takes: its `max_length`, or LONG_TEXT_LIMIT for a text field."""
    field = model._meta.get_field(name)
    max_length = getattr(field, "max_length", None)
    return max_length if isinstance(max_length, int) else LONG_TEXT_LIMIT


def field_limits(model: type[models.Model], *names: str) -> dict[str, int]:
    return {name: field_limit(model, name) for name in names}
