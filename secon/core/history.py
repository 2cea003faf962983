"""A record's audit trail as people read it: action labels, field names, values in the page's language.

Events store what services wrote (`{"title": ["old", "new"]}`, ISO dates, choice values, ids). Here each
key is matched to the field it names — on the record's own model, or on the model the action registered
with `describes` — so a date is shown as a date, a choice by its label and an id by the related record's
name. Ids are collected over a whole page and looked up with one query per related model.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from secon.core.audit import (
    MASK,
    action,
    action_label,
    change_choices,
    change_field,
    change_label,
    names_fields,
)
from secon.core.models import AuditEvent
from secon.core.scrubbing import ERASED

EMPTY = "—"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


@dataclass(frozen=True)
class Value:
    """One value as shown; `kind` is "empty", "secret" or "erased" when the text is a marker."""

    text: str
    kind: str = ""


@dataclass(frozen=True)
class Change:
    label: str
    new: Value
    old: Value | None = None  # None: a value the action recorded, not a change from an earlier one


@dataclass
class Entry:
    event: AuditEvent
    label: str
    actor: str
    changes: list[Change] = field(default_factory=list)
    anonymised: bool = False


def _model_field(model: type[models.Model], name: str) -> models.Field[Any, Any] | None:
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if isinstance(found, models.Field) and (found.concrete or found.many_to_many):
        return found
    return None


@dataclass(frozen=True)
class _Key:
    """What a key of `changes` is: its field (if any), its readable name, and whether it holds a list."""

    field: models.Field[Any, Any] | None
    label: str
    many: bool
    choices: Mapping[str, Any] | None = None  # labels of values that no field of the key gives


def _key(app: str, model: type[models.Model], key: str) -> _Key:
    """The key's own field on the described model, else the field `app` registered it as holding.

    `app` is the app whose code the event has: the meaning that app registered for the key.
    """
    own = _model_field(model, key) or _model_field(model, key.removesuffix("_id"))
    label = change_label(app, key)
    if names_fields(app, key):
        fields = {f.name: f.verbose_name for f in model._meta.get_fields() if isinstance(f, models.Field)}
        return _Key(None, capfirst(label or key), True, fields)
    if (choices := change_choices(app, key)) is not None:
        return _Key(None, capfirst(label or key), False, choices)
    if own is not None:
        # A field declared without a verbose name has Django's untranslated one ("organisation").
        named = own.verbose_name != own.name.replace("_", " ")
        return _Key(
            own,
            capfirst(str(own.verbose_name) if named else label or str(own.verbose_name)),
            bool(own.many_to_many),
        )
    if path := change_field(app, key):
        app_model, name = path.rsplit(".", 1)
        held = _model_field(apps.get_model(app_model), name)
        if held is not None:
            return _Key(held, capfirst(label or str(held.verbose_name)), True)
    return _Key(None, capfirst(label or key), False)


def _is_change(key: _Key, value: Any) -> bool:
    """`[old, new]` as diff_fields writes it, told apart from a value that is itself a list."""
    if not isinstance(value, list) or len(value) != 2:
        return False
    if all(isinstance(item, list) for item in value):
        return True
    return key.field is not None and not key.many and not isinstance(key.field, models.JSONField)


def _related_model(field_: models.Field[Any, Any] | None) -> type[models.Model] | None:
    if field_ is None or not field_.is_relation or field_.related_model is None:
        return None
    related = field_.related_model
    return related if isinstance(related, type) else None


def _ids(value: Any) -> Iterable[int]:
    if isinstance(value, list):
        for item in value:
            yield from _ids(item)
    elif isinstance(value, int) and not isinstance(value, bool):
        yield value


class HistoryReader:
    """Turns events about records of one model into entries; related names are looked up per batch."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self._models: dict[str, type[models.Model]] = {}
        self._keys: dict[tuple[str, type[models.Model], str], _Key] = {}

    def _key(self, event: AuditEvent, model: type[models.Model], name: str) -> _Key:
        app = event.code.split(".", 1)[0]
        if (app, model, name) not in self._keys:
            self._keys[app, model, name] = _key(app, model, name)
        return self._keys[app, model, name]

    def _model_for(self, event: AuditEvent) -> type[models.Model]:
        registered = action(event.code)
        if registered is None or registered.describes is None:
            return self.model
        if registered.describes not in self._models:
            self._models[registered.describes] = apps.get_model(registered.describes)
        return self._models[registered.describes]

    def entries(self, events: Sequence[AuditEvent]) -> list[Entry]:
        wanted: dict[type[models.Model], set[int]] = defaultdict(set)
        for event in events:
            model = self._model_for(event)
            for key, value in (event.changes or {}).items():
                related = _related_model(self._key(event, model, key).field)
                if related is not None:
                    wanted[related].update(_ids(value))
        names = {
            related: {pk: str(obj) for pk, obj in related._default_manager.in_bulk(sorted(pks)).items()}
            for related, pks in wanted.items()
            if pks
        }
        return [self._entry(event, names) for event in events]

    def _entry(self, event: AuditEvent, names: dict[type[models.Model], dict[Any, str]]) -> Entry:
        model = self._model_for(event)
        changes: list[Change] = []
        for name, value in (event.changes or {}).items():
            key = self._key(event, model, name)
            render = _Renderer(key.field, names, key.choices)
            if _is_change(key, value):
                changes.append(
                    Change(label=key.label, old=render.value(value[0]), new=render.value(value[1]))
                )
            else:
                changes.append(Change(label=key.label, new=render.value(value)))
        erased = any(
            change.new.kind == "erased" or (change.old and change.old.kind == "erased") for change in changes
        )
        return Entry(
            event=event,
            label=action_label(event.code),
            actor=str(event.actor) if event.actor is not None else _("system"),
            changes=changes,
            # `scrubbed` is set by erasures; the marker covers events rewritten before the flag existed.
            anonymised=event.scrubbed or erased,
        )


class _Renderer:
    def __init__(
        self,
        field_: models.Field[Any, Any] | None,
        names: dict[type[models.Model], dict[Any, str]],
        choices: Mapping[str, Any] | None = None,
    ):
        self.field = field_
        self.choices = choices
        related = _related_model(field_)
        self.names = names.get(related, {}) if related is not None else None

    def value(self, value: Any) -> Value:
        if value is None or value == "" or value == []:
            return Value(EMPTY, "empty")
        if isinstance(value, list):
            parts = [self.value(item) for item in value]
            kind = "erased" if any(part.kind == "erased" for part in parts) else ""
            return Value(", ".join(part.text for part in parts), kind)
        if value == MASK:
            return Value(_("hidden (secret)"), "secret")
        if isinstance(value, str) and ERASED in value:
            marker = _("[erased]")
            return Value(marker if value == ERASED else value.replace(ERASED, marker), "erased")
        return Value(self._text(value))

    def _text(self, value: Any) -> str:
        field_ = self.field
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if self.names is not None and isinstance(value, int):
            return self.names.get(value) or _("deleted record no. %(id)s") % {"id": value}
        if self.choices is not None and str(value) in self.choices:
            return str(self.choices[str(value)])
        if field_ is not None and field_.choices:
            choices = {str(key): label for key, label in field_.flatchoices}
            if str(value) in choices:
                return str(choices[str(value)])
        if isinstance(value, str):
            return _date_text(value, field_) or value
        if isinstance(value, int | float):
            return str(formats.localize(value))
        return str(value)


def _date_text(value: str, field_: models.Field[Any, Any] | None) -> str | None:
    """An ISO date or date-time written by the log, in the page's language and time zone."""
    if isinstance(field_, models.DateTimeField) or (field_ is None and _ISO_DATETIME.match(value)):
        moment = parse_datetime(value)
        if moment is not None:
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return formats.date_format(moment, "DATETIME_FORMAT")
    if isinstance(field_, models.DateField) or (field_ is None and _ISO_DATE.match(value)):
        day = parse_date(value[:10])
        if day is not None:
            return formats.date_format(day, "DATE_FORMAT")
    return None


class HistoryFilter(forms.Form):
    """Which events of one record to show: one action, one person (or the system); both optional."""

    SYSTEM = "system"

    action = forms.ChoiceField(label=gettext_lazy("Action"), required=False)
    actor = forms.ChoiceField(label=gettext_lazy("Person"), required=False)

    def __init__(self, data: Any, *, events: models.QuerySet[AuditEvent]) -> None:
        super().__init__(data)
        codes = set(events.order_by().values_list("code", flat=True).distinct())
        action_choices = sorted(((code, action_label(code)) for code in codes), key=lambda c: c[1].lower())
        self.fields["action"].choices = [("", _("All actions")), *action_choices]  # type: ignore[attr-defined]
        from django.contrib.auth import get_user_model

        people = get_user_model()._default_manager.filter(
            pk__in=events.order_by().exclude(actor=None).values("actor_id")
        )
        actor_choices = sorted(((str(user.pk), str(user)) for user in people), key=lambda c: c[1].lower())
        self.fields["actor"].choices = [  # type: ignore[attr-defined]
            ("", _("Everyone")),
            *actor_choices,
            (self.SYSTEM, _("system")),
        ]

    def apply(self, events: models.QuerySet[AuditEvent]) -> models.QuerySet[AuditEvent]:
        if not self.is_valid():
            return events
        if code := self.cleaned_data.get("action"):
            events = events.filter(code=code)
        actor = self.cleaned_data.get("actor")
        if actor == self.SYSTEM:
            events = events.filter(actor=None)
        elif actor:
            events = events.filter(actor_id=int(actor))
        return events


CSV_CHUNK = 500


def csv_rows(reader: HistoryReader, events: models.QuerySet[AuditEvent]) -> Iterator[list[Any]]:
    """One row per change (one per event without changes), read in chunks so lookups stay batched."""
    chunk: list[AuditEvent] = []
    for event in events.iterator(chunk_size=CSV_CHUNK):
        chunk.append(event)
        if len(chunk) == CSV_CHUNK:
            yield from _chunk_rows(reader, chunk)
            chunk = []
    yield from _chunk_rows(reader, chunk)


def csv_header() -> list[str]:
    return [_("When"), _("Who"), _("Action"), _("Code"), _("Field"), _("Before"), _("After"), _("Note")]


def _chunk_rows(reader: HistoryReader, events: list[AuditEvent]) -> Iterator[list[Any]]:
    for entry in reader.entries(events):
        note = _("Anonymised") if entry.anonymised else ""
        start = [entry.event.at, entry.actor, entry.label, entry.event.code]
        if not entry.changes:
            yield [*start, "", "", "", note]
        for change in entry.changes:
            yield [*start, change.label, change.old.text if change.old else "", change.new.text, note]
