"""Forms of the registry back office: list filters, organisations, people, statuses, consents, RSG."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from secon.accounts.models import User
from secon.core.collation import sort_key
from secon.core.forms import BoundedDateField
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
    Person,
    PersonRole,
    Purpose,
)
from secon.registry.records.identifiers import clean_krs, clean_nip, clean_regon
from secon.registry.records.services import OrganisationValues, PersonValues
from secon.territory.data import VOIVODESHIP_CODE
from secon.territory.models import NutsRegion, TerritorialUnit, UnitLevel

DATE_WIDGET = {"type": "date"}
# A select longer than this is unusable; the page offers a search box to narrow it instead.
MAX_CHOICES = 200


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d")


# --- Organisations ---------------------------------------------------------------------------------


def territory_choices() -> list[tuple[Any, Any]]:
    """Mazowieckie's powiats, each an option group holding the powiat itself and its gminas (one query)."""
    units = (
        TerritorialUnit.objects.current()
        .in_voivodeship(VOIVODESHIP_CODE)
        .exclude(level=UnitLevel.VOIVODESHIP)
        .order_by("code")
    )
    groups: OrderedDict[str, list[tuple[int, str]]] = OrderedDict()
    labels: dict[str, str] = {}
    for unit in units:
        key = unit.powiat_code
        if unit.level == UnitLevel.POWIAT:
            labels[key] = str(unit)
            groups.setdefault(key, []).insert(
                0, (unit.pk, str(_("%(name)s – the whole powiat")) % {"name": unit})
            )
        else:
            kind = unit.get_rodz_display()
            groups.setdefault(key, []).append((unit.pk, f"{unit.name} ({kind})"))
    ordered = sorted(groups.items(), key=lambda item: sort_key(labels.get(item[0], item[0])))
    return [("", _("– not in Mazowieckie or unknown –")), *[(labels.get(k, k), v) for k, v in ordered]]


class OrganisationForm(forms.ModelForm[Organisation]):
    """Identity, identifiers, address and territory; the service checks the same rules again."""

    # Wider than the stored digits: officials type "526-025-02-74" or "PL 5260250274".
    krs = forms.CharField(
        label=_("KRS"),
        max_length=20,
        required=False,
        help_text=_("10 digits; leading zeros may be left out."),
    )
    nip = forms.CharField(
        label=_("NIP"),
        max_length=20,
        required=False,
        help_text=_("10 digits, dashes allowed; the check digit is verified."),
    )
    regon = forms.CharField(
        label=_("REGON"),
        max_length=20,
        required=False,
        help_text=_("9 or 14 digits; the check digit is verified."),
    )

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
            "krs",
            "nip",
            "regon",
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
        territory = self.fields["territory"]
        territory.choices = territory_choices()  # type: ignore[attr-defined]
        territory.queryset = TerritorialUnit.objects.current().in_voivodeship(VOIVODESHIP_CODE)  # type: ignore[attr-defined]
        self.fields["nuts_region"].queryset = NutsRegion.objects.exclude(level=0)  # type: ignore[attr-defined]
        self.fields["type"].empty_label = None  # type: ignore[attr-defined]

    # Each identifier is checked on its own, so the message names the one that is wrong.
    def clean_krs(self) -> str:
        return clean_krs(self.cleaned_data.get("krs", ""))

    def clean_nip(self) -> str:
        return clean_nip(self.cleaned_data.get("nip", ""))

    def clean_regon(self) -> str:
        return clean_regon(self.cleaned_data.get("regon", ""))

    def service_values(self) -> OrganisationValues:
        data = dict(self.cleaned_data)
        data.pop("partner", None)
        data.pop("themes", None)
        return cast(OrganisationValues, data)


class StatusForm(forms.ModelForm[OrganisationStatus]):
    class Meta:
        model = OrganisationStatus
        fields = ["kind", "granted_on", "valid_until", "reference", "purpose"]
        widgets = {"granted_on": date_input(), "valid_until": date_input()}
        field_classes = {"granted_on": BoundedDateField, "valid_until": BoundedDateField}

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
