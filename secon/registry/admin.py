"""The Django admin for the registry's configuration: each country's legal forms and statuses (audited)."""

from __future__ import annotations

from django.contrib import admin

from secon.core.admin import AuditedAdmin
from secon.registry.models import OrganisationType, StatusType


@admin.register(OrganisationType)
class OrganisationTypeAdmin(AuditedAdmin):
    list_display = ("code", "country", "name", "name_en", "is_social_economy", "order")
    list_filter = ("country", "is_social_economy")
    list_select_related = ("country",)
    search_fields = ("code", "name", "name_en", "source")
    ordering = ("country", "order")


@admin.register(StatusType)
class StatusTypeAdmin(AuditedAdmin):
    list_display = ("code", "country", "name", "name_en", "order")
    list_filter = ("country",)
    list_select_related = ("country",)
    search_fields = ("code", "name", "name_en", "source")
    ordering = ("country", "order")
