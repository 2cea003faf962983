"""List filters of the registry back office: each form parses the query and gives the matching records.

Filtering and sorting live here and in the models' QuerySet methods, not in views: the list page, its
htmx partial and the CSV/XLSX export all call `form.results(user)`.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from secon.accounts.models import User
from secon.core.access import scope_to_user
from secon.projects.models import Partner
from secon.registry.models import (
    HelixCategory,
    Organisation,
    OrganisationQuerySet,
    OrganisationType,
    Person,
    PersonQuerySet,
    PersonRole,
    Purpose,
    Theme,
)
from secon.territory.data import VOIVODESHIP_CODE
from secon.territory.models import NutsRegion, TerritorialUnit, UnitLevel

MEMBERSHIP_CHOICES = [
    ("", _("Any")),
    ("active", _("Current RSG member")),
    ("former", _("Former RSG member")),
    ("never", _("Never in the RSG")),
]

# Names sort by their stored key (`name_order`, core/collation.py): code-point order of the key is the
# alphabetical order of the partner's language, and the database reads it from an index in that order.
ORGANISATION_SORTS: dict[str, tuple[str, ...]] = {
    "name": ("name_order", "pk"),
    "-name": ("-name_order", "-pk"),
    "-created": ("-created_at", "-pk"),
    "type": ("type__order", "name_order", "pk"),
    "territory": ("territory__code", "name_order", "pk"),
}

PERSON_SORTS: dict[str, tuple[str, ...]] = {
    "name": ("name_order", "pk"),
    "-name": ("-name_order", "-pk"),
    "-created": ("-created_at", "-pk"),
    "email": ("email", "pk"),
}


class PartnerFilterMixin:
    """Lead Partner and admins see every partner's registry and may narrow it to one."""

    fields: dict[str, forms.Field]

    def limit_partner(self, user: User) -> None:
        if user.sees_all_partners:
            self.fields["partner"].queryset = Partner.objects.in_order()  # type: ignore[attr-defined]
        else:
            del self.fields["partner"]


class OrganisationFilterForm(PartnerFilterMixin, forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("Name, short name or town; letters with or without Polish accents."),
    )
    partner = forms.ModelChoiceField(
        queryset=Partner.objects.none(), required=False, label=_("Partner"), empty_label=_("All partners")
    )
    type = forms.ModelChoiceField(
        queryset=OrganisationType.objects.all(),
        to_field_name="code",
        required=False,
        label=_("Type"),
        empty_label=_("Any type"),
    )
    helix = forms.ChoiceField(
        choices=[("", _("Any category")), *HelixCategory.choices], required=False, label=_("Helix category")
    )
    powiat = forms.ModelChoiceField(
        queryset=TerritorialUnit.objects.none(),
        to_field_name="code",
        required=False,
        label=_("Powiat"),
        empty_label=_("Any powiat"),
    )
    subregion = forms.ModelChoiceField(
        queryset=NutsRegion.objects.none(),
        to_field_name="code",
        required=False,
        label=_("Subregion (NUTS-3)"),
        empty_label=_("Any subregion"),
    )
    theme = forms.ModelChoiceField(
        queryset=Theme.objects.all(),
        to_field_name="code",
        required=False,
        label=_("Theme"),
        empty_label=_("Any theme"),
    )
    member = forms.ChoiceField(choices=MEMBERSHIP_CHOICES, required=False, label=_("RSG membership"))
    contact = forms.ChoiceField(
        choices=[("", _("Any")), *Purpose.choices],
        required=False,
        label=_("Has a contact person for"),
        help_text=_("Someone affiliated with a legal basis in force for this purpose."),
    )
    sort = forms.ChoiceField(
        required=False,
        label=_("Sort by"),
        choices=[
            ("name", _("Name, A–Z")),
            ("-name", _("Name, Z–A")),
            ("-created", _("Newest first")),
            ("type", _("Type")),
            ("territory", _("Territory")),
        ],
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit_partner(user)
        self.fields["powiat"].queryset = (  # type: ignore[attr-defined]
            TerritorialUnit.objects.powiats().in_voivodeship(VOIVODESHIP_CODE).in_name_order()
        )
        self.fields["subregion"].queryset = NutsRegion.objects.nuts3().within("PL9")  # type: ignore[attr-defined]
        self.user = user

    def results(self) -> OrganisationQuerySet:
        """The organisations the user may see that match the valid filters, in the chosen order."""
        organisations = cast(
            OrganisationQuerySet,
            scope_to_user(Organisation.objects.select_related("type", "territory", "partner"), self.user),
        )
        if not self.is_valid():
            return organisations.order_by(*ORGANISATION_SORTS["name"])
        data = self.cleaned_data
        if data.get("partner"):
            organisations = organisations.filter(partner=data["partner"])
        if data.get("type"):
            organisations = organisations.filter(type=data["type"])
        if data.get("helix"):
            organisations = organisations.filter(helix=data["helix"])
        if data.get("powiat"):
            # An organisation points at a powiat or at one of its gminas, found by code prefix.
            powiat = data["powiat"]
            organisations = organisations.in_units(
                TerritorialUnit.objects.filter(
                    Q(pk=powiat.pk) | Q(level=UnitLevel.GMINA, code__startswith=powiat.code)
                )
            )
        if data.get("subregion"):
            subregion = data["subregion"]
            organisations = organisations.in_units(TerritorialUnit.objects.in_subregion(subregion.code))
        if data.get("theme"):
            organisations = organisations.filter(themes=data["theme"])
        if data.get("member"):
            organisations = organisations.in_rsg(data["member"])
        if data.get("contact"):
            organisations = organisations.with_contact_for(data["contact"])
        if data.get("q"):
            organisations = organisations.search(data["q"])
        return organisations.order_by(*ORGANISATION_SORTS[data.get("sort") or "name"])


class PersonFilterForm(PartnerFilterMixin, forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("Name or e-mail address."),
    )
    partner = forms.ModelChoiceField(
        queryset=Partner.objects.none(), required=False, label=_("Partner"), empty_label=_("All partners")
    )
    role = forms.ChoiceField(
        choices=[("", _("Any role")), *PersonRole.choices], required=False, label=_("Role")
    )
    organisation_type = forms.ModelChoiceField(
        queryset=OrganisationType.objects.all(),
        to_field_name="code",
        required=False,
        label=_("Organisation type"),
        empty_label=_("Any type"),
    )
    member = forms.ChoiceField(choices=MEMBERSHIP_CHOICES, required=False, label=_("RSG membership"))
    purpose = forms.ChoiceField(
        choices=[("", _("Any purpose")), *Purpose.choices],
        required=False,
        label=_("Consent or legal basis for"),
    )
    consent = forms.ChoiceField(
        choices=[
            ("", _("Any state")),
            ("in_force", _("In force")),
            ("withdrawn", _("Withdrawn, none in force")),
            ("none", _("None in force")),
        ],
        required=False,
        label=_("Consent state"),
        help_text=_("For the purpose chosen, or for any purpose."),
    )
    language = forms.ChoiceField(
        choices=[("", _("Any language")), *settings.LANGUAGES], required=False, label=_("Preferred language")
    )
    sort = forms.ChoiceField(
        required=False,
        label=_("Sort by"),
        choices=[
            ("name", _("Name, A–Z")),
            ("-name", _("Name, Z–A")),
            ("-created", _("Newest first")),
            ("email", _("E-mail")),
        ],
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit_partner(user)
        self.user = user

    def results(self) -> PersonQuerySet:
        """The people (not erased) the user may see that match the valid filters, in the chosen order."""
        people = cast(
            PersonQuerySet, scope_to_user(Person.objects.active().select_related("partner"), self.user)
        )
        if not self.is_valid():
            return people.order_by(*PERSON_SORTS["name"])
        data = self.cleaned_data
        if data.get("partner"):
            people = people.filter(partner=data["partner"])
        if data.get("role"):
            people = people.holding_role(data["role"])
        if data.get("organisation_type"):
            people = people.affiliated_with_type(data["organisation_type"])
        if data.get("member"):
            people = people.in_rsg(data["member"])
        if data.get("language"):
            people = people.filter(language=data["language"])
        people = people.with_consent(state=data.get("consent") or "", purpose=data.get("purpose") or "")
        people = people.matching(data.get("q") or "")
        return people.order_by(*PERSON_SORTS[data.get("sort") or "name"])
