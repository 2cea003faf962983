"""The Django admin for the project's configuration: programme, project, phases, partners, instruments."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from secon.core.admin import AuditedAdmin
from secon.projects.models import Partner, Phase, PolicyInstrument, Programme, Project, WorkItem


@admin.register(Programme)
class ProgrammeAdmin(AuditedAdmin):
    list_display = ("name", "name_en", "website")


class PhaseInline(admin.TabularInline[Any, Any]):
    model = Phase
    extra = 0


@admin.register(Project)
class ProjectAdmin(AuditedAdmin):
    list_display = ("acronym", "code", "start", "end", "semester_months", "report_due_months", "lead_partner")
    inlines = [PhaseInline]


class PolicyInstrumentInline(admin.StackedInline[Any, Any]):
    model = PolicyInstrument
    extra = 0


@admin.register(Partner)
class PartnerAdmin(AuditedAdmin):
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
