"""Forms of “join us”: the public request form (with its honeypot), the queue filter, the review note."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from secon.core.collation import collated
from secon.projects.models import Partner
from secon.registry.limits import field_limit
from secon.registry.models import JoinRequest, JoinRequestStatus, Theme

HONEYPOT = "homepage"
# Unconfirmed requests are not the staff's business yet: the queue shows what people confirmed.
QUEUE_STATUSES = [
    (JoinRequestStatus.CONFIRMED.value, _("Waiting for review")),
    (JoinRequestStatus.ACCEPTED.value, JoinRequestStatus.ACCEPTED.label),
    (JoinRequestStatus.DECLINED.value, JoinRequestStatus.DECLINED.label),
]
ALL = "all"


class PartnerChoiceField(forms.ModelChoiceField[Partner]):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.short_name)


class RegionChoiceField(PartnerChoiceField):
    """Regions as a visitor from any country recognises them: “Mazowsze (Polska)”, “Mazovia (Poland)”."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.short_name_with_country)


class ThemeChoiceField(forms.ModelMultipleChoiceField[Theme]):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


def default_partner(partners: list[Partner]) -> Partner | None:
    """The first region whose own language is Polish (Mazovia), else the first one."""
    return next((p for p in partners if p.language == "pl"), partners[0] if partners else None)


class JoinForm(forms.Form):
    given_names = forms.CharField(
        label=_("Given name(s)"),
        max_length=field_limit(JoinRequest, "given_names"),
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    surname = forms.CharField(
        label=_("Surname"),
        max_length=field_limit(JoinRequest, "surname"),
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=field_limit(JoinRequest, "email"),
        help_text=_("We will send a link to this address to confirm that it is yours."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation = forms.CharField(
        label=_("Organisation (optional)"),
        max_length=field_limit(JoinRequest, "organisation_name"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    partner = RegionChoiceField(
        label=_("Which region's group would you like to join?"),
        queryset=Partner.objects.none(),
        empty_label=None,
        help_text=_("Each partner region has its own Regional Stakeholder Group."),
    )
    interests = ThemeChoiceField(
        label=_("Topics you are interested in"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    message = forms.CharField(
        label=_("Message (optional)"),
        max_length=field_limit(JoinRequest, "message"),
        required=False,
        help_text=_("Up to 2,000 characters."),
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": 2000}),
    )
    consent = forms.BooleanField(
        label=_(
            "I consent to the processing of my personal data for the purpose described in the information "
            "clause."
        ),
        error_messages={"required": _("Without your consent we cannot handle your request.")},
    )
    # Humans never see it; bots that fill every field get a pretend success and nothing is stored.
    homepage = forms.CharField(
        label=_("Leave this field empty (it is here to catch automated spam)"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args: Any, partners: list[Partner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["partner"]
        assert isinstance(field, PartnerChoiceField)
        field.queryset = Partner.objects.filter(pk__in=[p.pk for p in partners]).in_order()
        # Topics in the alphabetical order of the language the visitor reads.
        interests = self.fields["interests"]
        assert isinstance(interests, ThemeChoiceField)
        interests.queryset = Theme.objects.order_by(collated("name_en" if get_language() == "en" else "name"))
        chosen = default_partner(partners)
        if chosen is not None:
            field.initial = chosen.pk


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[*QUEUE_STATUSES, (ALL, _("All"))],
        required=False,
    )
    partner = PartnerChoiceField(
        label=_("Partner"), queryset=Partner.objects.none(), required=False, empty_label=_("All partners")
    )

    def __init__(self, *args: Any, sees_all: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if sees_all:
            field = self.fields["partner"]
            assert isinstance(field, PartnerChoiceField)
            field.queryset = Partner.objects.in_order()
        else:
            del self.fields["partner"]


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Note on the decision (optional)"),
        required=False,
        max_length=2000,
        help_text=_("For the staff; the person is not shown this note."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
