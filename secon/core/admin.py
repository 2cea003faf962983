"""A Django admin base that writes audit events, so configuration edited in /admin/ leaves a trail too."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest

from secon.core.audit import record_event
from secon.core.cache import invalidate_public_pages


def audit_code(model: type[models.Model] | models.Model, verb: str) -> str:
    """`projects.work_item.updated` for WorkItem: the same code a service writes, not `workitem`."""
    name = re.sub(r"(?<!^)(?=[A-Z])", "_", model._meta.object_name or "").lower()
    return f"{model._meta.app_label}.{name}.{verb}"


_code = audit_code


class AuditedAdmin(admin.ModelAdmin[Any]):
    """Every write leaves an audit event and drops the cached public pages.

    Configuration edited here (a partner's name, the project's logo, a reference list) may show on any
    public page, and admin edits are rare, so each one invalidates them all rather than guessing which.
    """

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None) -> Any:
        # The id comes from the address as text; a NUL byte would reach PostgreSQL, which refuses it with
        # an error for a text key (countries are keyed by their code). No record has one: not found.
        if "\x00" in object_id:
            return None
        return super().get_object(request, object_id, from_field)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        invalidate_public_pages()
        changes = {field: form.cleaned_data.get(field) for field in form.changed_data}
        changes["via"] = "admin"
        record_event(
            _code(obj, "updated" if change else "created"), actor=request.user, obj=obj, changes=changes
        )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        invalidate_public_pages()

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        invalidate_public_pages()
        record_event(_code(obj, "deleted"), actor=request.user, obj=obj, changes={"via": "admin"})
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        invalidate_public_pages()
        for obj in queryset:
            record_event(_code(obj, "deleted"), actor=request.user, obj=obj, changes={"via": "admin"})
        super().delete_queryset(request, queryset)
