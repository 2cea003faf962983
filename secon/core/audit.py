"""Writing audit events: `record_event` is called by every service, inside its transaction.

The actions are a closed list, like an enum: each app registers its codes with a readable label in
its `audit_actions.py` (imported by its `AppConfig.ready`), and `record_event` refuses a code nobody
registered. A misspelt code is a programming error found by the first test that runs the service,
not a row the history page cannot name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.functional import Promise

from secon.core.models import AuditEvent

# `app.model.verb_past`: three lower-case parts, the last a past participle ("created", "set", "read").
CODE_PATTERN = re.compile(r"^[a-z]+\.[a-z][a-z_]*\.[a-z][a-z_]*$")


class UnknownAuditAction(LookupError):
    """An audit code no app registered (see `register_actions`)."""


@dataclass(frozen=True)
class AuditAction:
    code: str
    label: str | Promise
    # The model whose fields the keys of `changes` name, when it is not the record's own model
    # (e.g. a consent recorded on a person's trail describes a ConsentRecord), as "app.Model".
    describes: str | None = None


_ACTIONS: dict[str, AuditAction] = {}
# What the keys of `changes` mean, per app: the app that registers a key explains it for its own codes
# only ("status" of an event is not the status of an organisation), and the keys core registers
# ("via", "note") hold for every app's codes. Keyed by (app, key).
# - readable names of keys that are no field of the model they describe ("via", "note");
_CHANGE_LABELS: dict[tuple[str, str], str | Promise] = {}
# - keys that hold the values of another model's field ("roles" holds PersonRoleAssignment.role
#   values), as "app.Model.field": their values are shown as that field's;
_CHANGE_FIELDS: dict[tuple[str, str], str] = {}
# - keys whose values come from a list of choices that is no model field's (an erasure's reason);
_CHANGE_CHOICES: dict[tuple[str, str], dict[str, str | Promise]] = {}
# - keys whose values are names of the described model's fields (the fields an erasure emptied).
_FIELD_NAME_KEYS: set[tuple[str, str]] = set()
PLATFORM_WIDE = "core"


def register_actions(
    actions: Mapping[str, str | Promise],
    *,
    describes: Mapping[str, str] | None = None,
    change_labels: Mapping[str, str | Promise] | None = None,
    change_fields: Mapping[str, str] | None = None,
    change_choices: Mapping[str, Iterable[tuple[str, str | Promise]]] | None = None,
    field_name_keys: Iterable[str] = (),
    app: str | None = None,
) -> None:
    """Declare an app's audit codes with their labels (lazy translations), once, at start-up.

    The keys explained here hold for this app's codes (all of one app, the first part of each code;
    `app` names it when only keys are registered).
    """
    apps_named = {code.split(".", 1)[0] for code in actions} | ({app} if app else set())
    if len(apps_named) != 1:
        raise ValueError(f"register the audit codes of one app at a time, not of {sorted(apps_named)}")
    (app,) = apps_named
    for code, label in actions.items():
        if not CODE_PATTERN.match(code):
            raise ValueError(f"audit code {code!r} is not app.model.verb_past")
        _ACTIONS[code] = AuditAction(code=code, label=label, describes=(describes or {}).get(code))
    _CHANGE_LABELS.update({(app, key): label for key, label in (change_labels or {}).items()})
    _CHANGE_FIELDS.update({(app, key): path for key, path in (change_fields or {}).items()})
    _CHANGE_CHOICES.update({(app, key): dict(choices) for key, choices in (change_choices or {}).items()})
    _FIELD_NAME_KEYS.update((app, key) for key in field_name_keys)


def _scoped(app: str, key: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """Where to look a key up for a code of `app`: the app's own meaning first, then the platform's."""
    return (app, key), (PLATFORM_WIDE, key)


def registered_actions() -> dict[str, AuditAction]:
    return dict(_ACTIONS)


def action(code: str) -> AuditAction | None:
    return _ACTIONS.get(code)


def action_label(code: str) -> str:
    """The readable name of an action; a code from before a rename still shows, as the code."""
    found = _ACTIONS.get(code)
    return str(found.label) if found is not None else code


def change_field(app: str, key: str) -> str | None:
    return next((_CHANGE_FIELDS[k] for k in _scoped(app, key) if k in _CHANGE_FIELDS), None)


def change_choices(app: str, key: str) -> dict[str, str | Promise] | None:
    return next((_CHANGE_CHOICES[k] for k in _scoped(app, key) if k in _CHANGE_CHOICES), None)


def names_fields(app: str, key: str) -> bool:
    return any(k in _FIELD_NAME_KEYS for k in _scoped(app, key))


def change_label(app: str, key: str) -> str | None:
    label = next((_CHANGE_LABELS[k] for k in _scoped(app, key) if k in _CHANGE_LABELS), None)
    return str(label) if label is not None else None


def check_code(code: str) -> None:
    if code not in _ACTIONS:
        raise UnknownAuditAction(
            f"audit code {code!r} is not registered: add it to the app's audit_actions.py"
        )


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
    check_code(code)
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


def record_events(
    code: str,
    *,
    actor: Any | None,
    objects: Sequence[models.Model],
    changes: Callable[[Any], dict[str, Any]],
    partner_id: int | None = None,
    batch_size: int = 1000,
) -> int:
    """One event per object, inserted in bulk (an import writing thousands of records): the same code
    check, actor rule and masking as `record_event`, in a few queries instead of one per record."""
    check_code(code)
    if not objects:
        return 0
    user = actor if getattr(actor, "is_authenticated", False) else None
    content_type = ContentType.objects.get_for_model(type(objects[0]), for_concrete_model=False)
    events = [
        AuditEvent(
            code=code,
            actor=user,
            content_type=content_type,
            object_id=str(obj.pk),
            object_repr=str(obj)[:300],
            partner_id=partner_id if partner_id is not None else getattr(obj, "partner_id", None),
            changes=mask_secrets(changes(obj)),
        )
        for obj in objects
    ]
    AuditEvent.objects.bulk_create(events, batch_size=batch_size)
    return len(events)
