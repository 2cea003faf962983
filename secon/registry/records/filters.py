"""List filters of the registry back office: each form parses the query and gives the matching records.

Filtering and sorting live here and in the models' QuerySet methods, not in views: the list page, its
htmx partial and the CSV/XLSX export all call `form.results(user)`.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from secon.accounts.models import User
from secon.core.access import scope_to_user
from secon.core.converters import parse_id
from secon.core.listing import ListForm
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
    StatusType,
    Theme,
)
from secon.territory.models import NutsRegion, TerritorialUnit
from secon.territory.partners import (
    PartnerTerritory,
    regions_for_partners,
    territory_for_partner,
    units_within,
)

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
    # Grouped by type in the order the types were loaded (their id), not by the type's `order`: the index
    # (partner, type, name_order, id) gives this order, and a join to the types would have to sort.
    "type": ("type_id", "name_order", "pk"),
    "-type": ("-type_id", "-name_order", "-pk"),
    # Grouped by unit in the order the units were loaded (TERC and LAU files list them by code), for the
    # same reason as types: the index (partner, territory, name_order, id) gives it.
    "territory": ("territory_id", "name_order", "pk"),
}

# People sort by surname, then given names (the key holds both, core/collation.py and Person). Each
# order has its index (registry migration 0008).
PERSON_SORTS: dict[str, tuple[str, ...]] = {
    "name": ("name_order", "pk"),
    "-name": ("-name_order", "-pk"),
    "-updated": ("-updated_at", "-pk"),
    "updated": ("updated_at", "pk"),
    "-created": ("-created_at", "-pk"),
    "email": ("email", "pk"),
    "-email": ("-email", "-pk"),
}


class PartnerFilterMixin:
    """Lead Partner and admins see every partner's registry and may narrow it to one."""

    fields: dict[str, forms.Field]

    def limit_partner(self, user: User) -> None:
        if user.sees_all_partners:
            self.fields["partner"].queryset = Partner.objects.in_order()  # type: ignore[attr-defined]
        else:
            del self.fields["partner"]

    def limit_types(self, user: User, field: str) -> None:
        """A partner's staff filter by their country's legal forms; who sees every partner, by all."""
        if not user.sees_all_partners and user.partner is not None:
            types = OrganisationType.objects.for_country(user.partner.country)
            self.fields[field].queryset = types  # type: ignore[attr-defined]
            if "status" in self.fields:  # and the statuses of their country's law
                statuses = StatusType.objects.for_country(user.partner.country)
                self.fields["status"].queryset = statuses  # type: ignore[attr-defined]


class OrganisationFilterForm(PartnerFilterMixin, ListForm):
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
    status = forms.ModelChoiceField(
        queryset=StatusType.objects.all(),
        to_field_name="code",
        required=False,
        label=_("Status in force"),
        empty_label=_("Any status"),
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
            ("-type", _("Type, reversed")),
            ("territory", _("Territory")),
        ],
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit_partner(user)
        self.limit_types(user, "type")
        self.limit_territory(user)
        self.user = user

    def limit_territory(self, user: User) -> None:
        """Regions and units in the terms of the partner whose registry is listed: the one chosen in the
        filter, else the user's own. Who sees every partner and chose none filters by region only (the
        units of all countries would be thousands, and unit codes repeat across countries)."""
        territory = self.listed_territory(user)
        unit = self.fields["powiat"]
        if territory is None:
            partners = Partner.objects.all() if user.sees_all_partners else Partner.objects.none()
            self.fields["subregion"].queryset = regions_for_partners(partners)  # type: ignore[attr-defined]
            unit.label = _("Municipality or local unit")
            unit.help_text = _("Choose a partner first to filter by its powiats or local units.")
            return
        self.fields["subregion"].queryset = territory.regions()  # type: ignore[attr-defined]
        unit.queryset = territory.filter_units()  # type: ignore[attr-defined]
        unit.label = str(territory.unit_label)
        if not territory.uses_teryt:
            unit.empty_label = _("Any local unit")  # type: ignore[attr-defined]

    def listed_territory(self, user: User) -> PartnerTerritory | None:
        partner = None
        if user.sees_all_partners:
            chosen = parse_id(self.data.get("partner")) if self.is_bound else None
            partner = Partner.objects.filter(pk=chosen).first() if chosen else None
        if partner is None and user.partner_id is not None and not user.sees_all_partners:
            partner = user.partner
        return territory_for_partner(partner) if partner is not None else None

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
        if data.get("status"):
            organisations = organisations.with_status_in_force(data["status"])
        if data.get("powiat"):
            # An organisation points at the unit or below it (a powiat's gminas).
            organisations = organisations.in_units(units_within(data["powiat"]))
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


class PersonFilterForm(PartnerFilterMixin, ListForm):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("Given name, surname or e-mail address."),
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
            ("name", _("Surname, A–Z")),
            ("-name", _("Surname, Z–A")),
            ("-updated", _("Recently changed first")),
            ("updated", _("Longest unchanged first")),
            ("-created", _("Newest first")),
            ("email", _("E-mail, A–Z")),
            ("-email", _("E-mail, Z–A")),
        ],
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit_partner(user)
        self.limit_types(user, "organisation_type")
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
