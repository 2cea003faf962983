"""The Django admin for country profiles: countries and their identifier schemes, audited (core.admin)."""

from __future__ import annotations

from django.contrib import admin

from secon.core.admin import AuditedAdmin
from secon.countries.models import Country, IdentifierScheme


@admin.register(Country)
class CountryAdmin(AuditedAdmin):
    list_display = ("code", "name", "name_en", "name_national", "language", "nuts_code", "order")
    ordering = ("order", "code")


@admin.register(IdentifierScheme)
class IdentifierSchemeAdmin(AuditedAdmin):
    # The check is chosen from the allow-list in countries/checks.py (the field's choices), never typed.
    list_display = ("code", "country", "label", "label_en", "check_key", "order")
    list_filter = ("country",)
    list_select_related = ("country",)
    search_fields = ("code", "label", "label_en")
    ordering = ("country", "order")
