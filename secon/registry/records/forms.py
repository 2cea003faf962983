"""Forms of the registry back office: list filters, organisations, people, statuses, consents, RSG."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from secon.accounts.models import User
from secon.core.converters import parse_id
from secon.core.forms import BoundedDateField
from secon.countries.checks import get_check
from secon.countries.postal import clean_postal_code
from secon.projects.models import Partner
from secon.registry.limits import field_limit
from secon.registry.models import (
    Affiliation,
    ConsentRecord,
    ConsentSource,
    LegalBasis,
    MembershipRole,
    Organisation,
    OrganisationStatus,
    OrganisationType,
    Person,
    PersonRole,
    Purpose,
    StatusType,
)
from secon.registry.records.organisation_identifiers import clean_identifiers, schemes_of
from secon.registry.records.services import OrganisationValues, PersonValues
from secon.territory.models import NutsRegion
from secon.territory.partners import (
    PartnerTerritory,
    all_partner_territories,
    territories_units,
    territory_for_partner,
    teryt_territory,
    unit_choices,
)

DATE_WIDGET = {"type": "date"}
# A select longer than this is unusable; the page offers a search box to narrow it instead.
MAX_CHOICES = 200


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d")


# --- Organisations ---------------------------------------------------------------------------------


def territory_choices(territories: list[PartnerTerritory] | None = None) -> list[tuple[Any, Any]]:
    """The units of the partners' territories as option groups; without any, Mazowieckie's TERYT units."""
    if territories is None:
        territories = [teryt_territory()]
    return unit_choices(territories)


def organisation_territories(
    user: User, instance: Organisation | None, partner_key: Any = None
) -> list[PartnerTerritory]:
    """Whose units the territory field offers: the record's partner's, else the user's partner's, else the
    chosen partner's; an administrator who has not chosen yet sees every partner's."""
    if instance is not None and instance.partner_id is not None:
        return [territory_for_partner(instance.partner)]
    if user.partner is not None:
        return [territory_for_partner(user.partner)]
    partner_id = parse_id(str(partner_key)) if partner_key else None
    partner = Partner.objects.filter(pk=partner_id).first() if partner_id else None
    if partner is not None:
        return [territory_for_partner(partner)]
    return all_partner_territories(Partner.objects.in_order())


def organisation_country(user: User, instance: Organisation | None, partner_key: Any = None) -> str | None:
    """The country whose identifiers and legal forms a form shows: the record's partner's, else the
    user's partner's, else (an administrator choosing the registry) the chosen partner's."""
    if instance is not None and instance.partner_id is not None:
        return str(instance.partner.country)
    if user.partner is not None:
        return str(user.partner.country)
    partner_id = parse_id(str(partner_key)) if partner_key else None
    partner = Partner.objects.filter(pk=partner_id).first() if partner_id else None
    return str(partner.country) if partner is not None else None


class OrganisationForm(forms.ModelForm[Organisation]):
    """Identity, identifiers of the partner's country, address and territory; the service checks again.

    One field per identifier scheme of the organisation's country, named by the scheme's code.
    """

    partner = forms.ModelChoiceField(
        queryset=Partner.objects.none(),
        label=_("Partner"),
        help_text=_("Whose registry the organisation belongs to."),
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "name_en",
            "short_name",
            "type",
            "helix",
            "street",
            "postal_code",
            "city",
            "territory",
            "nuts_region",
            "website",
            "email",
            "phone",
            "themes",
            "notes",
        ]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only someone with no partner of their own (the administrator) chooses the registry.
        if user.partner_id is None and self.instance.pk is None:
            self.fields["partner"].queryset = Partner.objects.in_order()
            self.order_fields(["partner"])
        else:
            del self.fields["partner"]
        territories = organisation_territories(
            user,
            self.instance if self.instance.pk else None,
            self.data.get("partner") or self.initial.get("partner"),
        )
        territory = self.fields["territory"]
        territory.choices = territory_choices(territories)  # type: ignore[attr-defined]
        territory.queryset = territories_units(territories)  # type: ignore[attr-defined]
        if not any(t.uses_teryt for t in territories):
            territory.label = _("Municipality or local unit (LAU)")
        self.fields["nuts_region"].queryset = NutsRegion.objects.exclude(level=0)  # type: ignore[attr-defined]
        partner_key = self.data.get("partner") or self.initial.get("partner")
        self.country = organisation_country(user, self.instance if self.instance.pk else None, partner_key)
        # The legal forms of the country's law and the kinds every country has; none is preselected,
        # so nobody records a "social cooperative" by leaving the first option as it was.
        self.fields["type"].queryset = OrganisationType.objects.for_country(self.country)  # type: ignore[attr-defined]
        self.schemes = schemes_of(self.country)
        values = self.instance.identifier_values() if self.instance.pk else {}
        identifier_fields = {}
        for scheme in self.schemes:
            check = get_check(scheme.check_key)
            identifier_fields[scheme.code] = forms.CharField(
                label=scheme.display_label,
                # Wider than the stored number: officials type "526-025-02-74" or "PL 5260250274".
                max_length=60,
                required=False,
                initial=scheme.format(values[scheme.code]) if scheme.code in values else "",
                help_text=str(
                    _("%(length)s, e.g. %(example)s") % {"length": check.length, "example": check.example}
                    if check.example
                    else check.length
                ),
            )
        # The identifiers follow the type and helix, where the KRS, NIP and REGON used to be.
        names = list(self.fields)
        at = names.index("helix") + 1
        ordered = names[:at] + list(identifier_fields) + names[at:]
        self.fields.update(identifier_fields)
        self.order_fields(ordered)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # Each number checked on its own, so the message names the one that is wrong.
        numbers = {scheme.code: data.get(scheme.code, "") for scheme in self.schemes}
        if self.country and numbers:
            try:
                cleaned = clean_identifiers(self.country, numbers)
            except ValidationError as error:
                for code, errors in error.error_dict.items():
                    self.add_error(code, errors)
            else:
                data.update({scheme.code: value for scheme, value in cleaned.items()})
        return data

    def clean_postal_code(self) -> str:
        return clean_postal_code(self.country, self.cleaned_data.get("postal_code", ""))

    def identifier_values(self) -> dict[str, str]:
        return {scheme.code: self.cleaned_data.get(scheme.code, "") for scheme in self.schemes}

    def service_values(self) -> OrganisationValues:
        data = dict(self.cleaned_data)
        data.pop("partner", None)
        data.pop("themes", None)
        for scheme in self.schemes:
            data.pop(scheme.code, None)
        return cast(OrganisationValues, data)


class StatusForm(forms.ModelForm[OrganisationStatus]):
    class Meta:
        model = OrganisationStatus
        fields = ["kind", "granted_on", "valid_until", "reference", "purpose"]
        widgets = {"granted_on": date_input(), "valid_until": date_input()}
        field_classes = {"granted_on": BoundedDateField, "valid_until": BoundedDateField}

    def __init__(self, *args: Any, country: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The statuses of the organisation's country's law.
        self.fields["kind"].queryset = StatusType.objects.for_country(country)  # type: ignore[attr-defined]

    def _post_clean(self) -> None:
        # The service validates the model; the check constraint would repeat clean()'s message
        # as a form-wide error.
        pass

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        granted, until = data.get("granted_on"), data.get("valid_until")
        if granted and until and until < granted:
            self.add_error("valid_until", _("A status cannot end before it was granted."))
        return data


class EndDateForm(forms.Form):
    """The last day of a status, a membership or an affiliation; today unless said otherwise."""

    until = BoundedDateField(label=_("Last day"), widget=date_input())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"until": timezone.localdate()})
        super().__init__(*args, **kwargs)


# --- People ----------------------------------------------------------------------------------------


class PersonForm(forms.ModelForm[Person]):
    roles = forms.MultipleChoiceField(
        choices=PersonRole.choices, required=False, widget=forms.CheckboxSelectMultiple, label=_("Roles")
    )
    partner = forms.ModelChoiceField(
        queryset=Partner.objects.none(),
        label=_("Partner"),
        help_text=_("Whose registry the person belongs to."),
    )

    class Meta:
        model = Person
        fields = ["given_names", "surname", "title_form", "email", "phone", "language", "notes"]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 4}),
            "given_names": forms.TextInput(attrs={"autocomplete": "off"}),
            "surname": forms.TextInput(attrs={"autocomplete": "off"}),
        }
        help_texts = {"language": _("The language of invitations and e-mails.")}

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if user.partner_id is None and self.instance.pk is None:
            self.fields["partner"].queryset = Partner.objects.in_order()
            self.order_fields(["partner"])
        else:
            del self.fields["partner"]
        if self.instance.pk:
            self.initial["roles"] = self.instance.role_codes

    def service_values(self) -> PersonValues:
        data = dict(self.cleaned_data)
        data.pop("partner", None)
        data.pop("roles", None)
        return cast(PersonValues, data)


class OrganisationPickMixin:
    """A select of one partner's organisations, narrowed by a search text when the registry is large."""

    fields: dict[str, forms.Field]

    def limit_organisations(self, partner_id: int, find: str = "") -> None:
        organisations = Organisation.objects.for_partner(partner_id).only("pk", "name", "city")
        if find:
            organisations = organisations.search(find)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        ids = list(
            organisations.order_by("name_order", "pk").values_list("pk", "name", "city")[: MAX_CHOICES + 1]
        )
        self.truncated = len(ids) > MAX_CHOICES
        self.fields["organisation"].choices = [  # type: ignore[attr-defined]
            ("", "–"),
            *[(pk, f"{name} ({city})" if city else name) for pk, name, city in ids[:MAX_CHOICES]],
        ]


class AffiliationForm(OrganisationPickMixin, forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Organisation"))
    position = forms.CharField(
        label=_("Position"), max_length=field_limit(Affiliation, "position"), required=False
    )
    since = BoundedDateField(label=_("Since"), required=False, widget=date_input())

    def __init__(self, *args: Any, partner_id: int, find: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit_organisations(partner_id, find)


class ConsentForm(forms.Form):
    prefix = "consent"  # shares the person's page with the withdrawal form
    purpose = forms.ChoiceField(choices=Purpose.choices, label=_("Purpose"))
    legal_basis = forms.ChoiceField(choices=LegalBasis.choices, label=_("Legal basis"))
    source = forms.ChoiceField(choices=ConsentSource.choices, label=_("Source"), initial=ConsentSource.STAFF)
    text_version = forms.CharField(
        label=_("Version of the text shown"),
        max_length=field_limit(ConsentRecord, "text_version"),
        required=False,
        help_text=_("E.g. clause-2026-11; required for consent."),
    )
    given_on = BoundedDateField(
        label=_("Given on"), required=False, widget=date_input(), help_text=_("Today when left empty.")
    )

    def clean_given_on(self) -> dt.date | None:
        day = self.cleaned_data.get("given_on")
        if day and day > timezone.localdate():
            raise ValidationError(_("A consent cannot be given in the future."))
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("legal_basis") == LegalBasis.CONSENT and not data.get("text_version"):
            self.add_error(
                "text_version",
                _("Say which version of the consent text the person saw: consent must be provable."),
            )
        return data


class WithdrawForm(forms.Form):
    prefix = "withdraw"
    purpose = forms.ChoiceField(choices=Purpose.choices, label=_("Purpose"))
    through = forms.CharField(
        label=_("How the person withdrew"),
        max_length=field_limit(ConsentRecord, "withdrawal_source"),
        # No default: the channel is evidence of the withdrawal, written by whoever received it.
        help_text=_("E.g. e-mail, phone, letter."),
    )


# --- Regional Stakeholder Group ----------------------------------------------------------------------


class MembershipForm(OrganisationPickMixin, forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.none(), label=_("Person"))
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Represents"))
    role = forms.ChoiceField(choices=MembershipRole.choices, label=_("Role in the group"))
    since = BoundedDateField(label=_("Since"), widget=date_input())

    def __init__(self, *args: Any, partner_id: int, find: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit_organisations(partner_id, find)
        people = Person.objects.for_partner(partner_id).active().only("pk", "full_name", "email")
        if find:
            people = people.search(find)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]
        rows = list(
            people.order_by("name_order", "pk").values_list("pk", "full_name", "email")[: MAX_CHOICES + 1]
        )
        self.truncated = self.truncated or len(rows) > MAX_CHOICES
        self.fields["person"].choices = [  # type: ignore[attr-defined]
            ("", "–"),
            *[(pk, f"{name} <{email}>" if email else name) for pk, name, email in rows[:MAX_CHOICES]],
        ]


class CompositionDateForm(forms.Form):
    on = BoundedDateField(label=_("Composition on"), required=False, widget=date_input())
