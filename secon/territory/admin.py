"""The Django admin for territorial data: the platform admin reviews units and edits service areas."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from secon.core.audit import record_event
from secon.territory.models import NutsRegion, ServiceArea, TerritorialUnit, UnitLevel


@admin.register(NutsRegion)
class NutsRegionAdmin(admin.ModelAdmin[Any]):
    list_display = ("code", "name", "name_latin", "level", "parent")
    list_filter = ("level",)
    list_select_related = ("parent",)
    search_fields = ("code", "name", "name_latin")
    ordering = ("code",)


@admin.register(TerritorialUnit)
class TerritorialUnitAdmin(admin.ModelAdmin[Any]):
    list_display = (
        "country", "code", "name", "name_latin", "level", "rodz", "nuts3", "stan_na", "is_current",
    )  # fmt: skip
    list_filter = ("country", "level", "rodz", "is_current", "nuts3")
    list_select_related = ("nuts3",)
    search_fields = ("code", "name", "name_latin", "search_name")
    raw_id_fields = ("parent",)
    ordering = ("country", "code")
    readonly_fields = ("stan_na", "retired_on")


class ServiceAreaAdminForm(forms.ModelForm[ServiceArea]):
    class Meta:
        model = ServiceArea
        fields = ("partner", "name", "description", "powiats", "valid_from", "valid_to")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        powiats = self.fields["powiats"]
        assert isinstance(powiats, forms.ModelMultipleChoiceField)
        powiats.queryset = TerritorialUnit.objects.powiats().current().in_name_order()

    def clean_powiats(self) -> Any:
        powiats = self.cleaned_data["powiats"]
        if not powiats:
            raise forms.ValidationError(_("Choose at least one powiat."))
        if any(unit.level != UnitLevel.POWIAT for unit in powiats):
            raise forms.ValidationError(_("Only powiats can make up a service area."))
        return powiats


@admin.register(ServiceArea)
class ServiceAreaAdmin(admin.ModelAdmin[Any]):
    form = ServiceAreaAdminForm
    list_display = ("name", "partner", "valid_from", "valid_to")
    list_filter = ("partner",)
    list_select_related = ("partner",)
    search_fields = ("name",)
    filter_horizontal = ("powiats",)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # The audit row is written after the powiats are saved, so it records the final set.
        super().save_related(request, form, formsets, change)
        area = form.instance
        record_event(
            "territory.service_area.updated" if change else "territory.service_area.created",
            actor=request.user,
            obj=area,
            changes={
                "name": area.name,
                "valid_from": area.valid_from,
                "valid_to": area.valid_to,
                "powiats": sorted(area.powiats.values_list("code", flat=True)),
                "via": "admin",
            },
        )

    def delete_model(self, request: HttpRequest, obj: ServiceArea) -> None:
        record_event("territory.service_area.deleted", actor=request.user, obj=obj, changes={"via": "admin"})
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[ServiceArea]) -> None:
        for area in queryset.select_related("partner"):
            record_event(
                "territory.service_area.deleted", actor=request.user, obj=area, changes={"via": "admin"}
            )
        super().delete_queryset(request, queryset)
