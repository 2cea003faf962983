"""Writing audit events: `record_event` is called by every service, inside its transaction."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from secon.core.models import AuditEvent

# Field names whose values never reach the log, whatever model they belong to.
SECRET_FIELDS = frozenset({"password", "secret", "token", "totp_secret", "recovery_codes", "api_key"})
MASK = "***"


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def mask_secrets(changes: dict[str, Any]) -> dict[str, Any]:
    masked: dict[str, Any] = {}
    for field, value in changes.items():
        secret = any(part in field.lower() for part in SECRET_FIELDS)
        masked[field] = MASK if secret else _jsonable(value)
    return masked


def diff_fields(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """The fields whose values differ, as {field: [old, new]}."""
    return {
        field: [_jsonable(before.get(field)), _jsonable(after.get(field))]
        for field in after
        if before.get(field) != after.get(field)
    }


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    return {field: getattr(obj, field) for field in fields}


def record_event(
    code: str,
    *,
    actor: Any | None,
    obj: models.Model | None = None,
    partner: Any | None = None,
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one audit event. `partner` scopes who may read it; by default the object's own partner."""
    if partner is None and obj is not None:
        partner = getattr(obj, "partner", None)
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        code=code,
        actor=user,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False) if obj else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        partner=partner,
        changes=mask_secrets(changes or {}),
    )
