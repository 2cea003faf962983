"""The Django admin for the project's configuration: programme, project, phases, partners, instruments."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.http import HttpRequest

from secon.core.admin import AuditedAdmin
from secon.projects.models import Partner, Phase, PolicyInstrument, Programme, Project, WorkItem


class LogoAdmin(AuditedAdmin):
    """A replaced or cleared logo's old file is deleted once the change is saved: logos are public files,
    and one taken down must stop being served, not linger under its old address."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        old = type(obj).objects.filter(pk=obj.pk).values_list("logo", flat=True).first() if change else ""
        super().save_model(request, obj, form, change)
        if old and old != obj.logo.name:
            storage = obj.logo.storage
            transaction.on_commit(lambda: storage.delete(old))


@admin.register(Programme)
class ProgrammeAdmin(LogoAdmin):
    list_display = ("name", "name_en", "website")


class PhaseInline(admin.TabularInline[Any, Any]):
    model = Phase
    extra = 0


@admin.register(Project)
class ProjectAdmin(LogoAdmin):
    list_display = ("acronym", "code", "start", "end", "semester_months", "report_due_months", "lead_partner")
    inlines = [PhaseInline]


class PolicyInstrumentInline(admin.StackedInline[Any, Any]):
    model = PolicyInstrument
    extra = 0


@admin.register(Partner)
class PartnerAdmin(LogoAdmin):
    list_display = (
        "__str__",
        "short_name_pl",
        "short_name_en",
        "name_en",
        "country",
        "nuts2",
        "role",
        "order",
    )
    list_filter = ("role", "country")
    search_fields = ("name", "name_en", "short_name_pl", "short_name_en", "slug")
    prepopulated_fields = {"slug": ("short_name_en",)}
    inlines = [PolicyInstrumentInline]


@admin.register(WorkItem)
class WorkItemAdmin(AuditedAdmin):
    list_display = ("title", "partner", "semester", "kind", "due_date", "status", "is_public")
    list_filter = ("partner", "semester", "status", "kind", "is_public")
    list_select_related = ("partner",)
    search_fields = ("title", "title_en")
    raw_id_fields = ("owner",)
