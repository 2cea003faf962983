"""Forms of the good-practice back office: the practice, its language versions, steps, scores, files."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from secon.core.forms import BoundedDateField
from secon.core.listing import ListForm
from secon.core.versions import VersionEdit
from secon.events.models import Event
from secon.news.models import CONTENT_LANGUAGES
from secon.practices.models import (
    MAX_SCORE,
    TEMPLATE_FIELDS,
    Criterion,
    GoodPractice,
    State,
)
from secon.practices.models.texts import LimitValidator
from secon.practices.services import PracticeValues, VersionTexts
from secon.projects.models import Partner
from secon.registry.models import Organisation, OrganisationType, Person, Theme
from secon.territory.models import NutsRegion, TerritorialUnit
from secon.territory.partners import regions_for_partner, units_for_partner

# The names of the languages a version can be written in (news offers the same ones).
LANGUAGE_NAMES = dict(CONTENT_LANGUAGES)


def counter_attrs(limit: int) -> dict[str, Any]:
    """What the live counter (practices/counter.js) reads; its words come translated from here."""
    return {
        "data-limit": str(limit),
        "data-counter": _("%(count)s of %(limit)s characters"),
        "data-over": _("%(over)s characters too many"),
    }


class PracticeForm(forms.Form):
    """The language-independent fields, with choices from the partner's own registry and territory."""

    start_date = BoundedDateField(
        label=_("Started on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = BoundedDateField(
        label=_("Ended on"),
        required=False,
        help_text=_("Empty while the practice is still going on."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    main_institution = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label=_("Main institution"),
        help_text=_("The organisation in charge of the practice, from the registry."),
    )
    entity_type = forms.ModelChoiceField(
        queryset=OrganisationType.objects.none(), required=False, label=_("Type of entity")
    )
    nuts_region: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=NutsRegion.objects.none(), required=False, label=_("NUTS region")
    )
    territory: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=TerritorialUnit.objects.none(),
        required=False,
        label=_("Powiat, gmina or local unit"),
    )
    themes = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.all(), required=False, label=_("Themes"), widget=forms.CheckboxSelectMultiple
    )
    contact_person = forms.ModelChoiceField(
        queryset=Person.objects.none(), required=False, label=_("Contact person")
    )
    show_contact = forms.BooleanField(
        required=False,
        label=_("Show the contact person publicly"),
        help_text=_(
            "Only with the person's consent to publication recorded in the registry; otherwise the"
            " public page names the institution only."
        ),
    )
    presented_at = forms.ModelMultipleChoiceField(
        queryset=Event.objects.none(),
        required=False,
        label=_("Presented at"),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, partner: Partner, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["main_institution"].queryset = Organisation.objects.for_partner(partner.pk).order_by("name")
        fields["entity_type"].queryset = OrganisationType.objects.for_country(partner.country)
        fields["nuts_region"].queryset = regions_for_partner(partner)
        fields["territory"].queryset = units_for_partner(partner)
        fields["contact_person"].queryset = Person.objects.for_partner(partner.pk).active()
        fields["presented_at"].queryset = Event.objects.for_partner(partner.pk).order_by("-starts_at")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        return data

    def values(self) -> PracticeValues:
        data = self.cleaned_data
        return PracticeValues(
            start_date=data["start_date"],
            end_date=data["end_date"],
            main_institution=data["main_institution"],
            entity_type=data["entity_type"],
            nuts_region=data["nuts_region"],
            territory=data["territory"],
            contact_person=data["contact_person"],
            show_contact=data["show_contact"],
            themes=list(data["themes"]),
            presented_at=list(data["presented_at"]),
        )

    @classmethod
    def initial_for(cls, practice: GoodPractice) -> dict[str, Any]:
        return {
            "start_date": practice.start_date,
            "end_date": practice.end_date,
            "main_institution": practice.main_institution_id,
            "entity_type": practice.entity_type_id,
            "nuts_region": practice.nuts_region_id,
            "territory": practice.territory_id,
            "contact_person": practice.contact_person_id,
            "show_contact": practice.show_contact,
            "themes": list(practice.themes.all()),
            "presented_at": list(practice.presented_at.all()),
        }


class VersionForm(forms.Form):
    """The template's text fields in one language; its prefix is the language ("pl-summary")."""

    def __init__(self, *args: Any, language: str, title_required: bool, edited: bool, **kwargs: Any) -> None:
        kwargs["prefix"] = language
        super().__init__(*args, **kwargs)
        self.language = language
        self.language_name = LANGUAGE_NAMES.get(language, language.upper())
        for field in TEMPLATE_FIELDS:
            widget: forms.Widget
            if field.name == "title":
                widget = forms.TextInput(attrs=counter_attrs(field.limit))
            else:
                rows = 12 if field.limit >= 3000 else 5
                widget = forms.Textarea(attrs={**counter_attrs(field.limit), "rows": rows})
            self.fields[field.name] = forms.CharField(
                label=field.label.capitalize() if hasattr(field.label, "capitalize") else field.label,
                help_text=field.help_text,
                required=field.name == "title" and title_required,
                strip=True,
                validators=[LimitValidator(field.limit)],
                widget=widget,
            )
        if edited:
            # Only meaningful for a version that exists: how this edit affects the other language.
            self.fields["kind"] = forms.ChoiceField(
                label=_("What this edit is"),
                choices=VersionEdit.choices,
                initial=VersionEdit.CONTENT,
                required=False,
            )

    def version_texts(self) -> VersionTexts:
        data = self.cleaned_data
        return VersionTexts(
            texts={field.name: data.get(field.name, "") for field in TEMPLATE_FIELDS},
            kind=data.get("kind") or VersionEdit.CONTENT,
        )


class StepForm(forms.Form):
    """A step of the review path: a comment, and the state the reviewer saw (to detect a second reviewer)."""

    comment = forms.CharField(label=_("Comment"), required=False, max_length=2000, widget=forms.Textarea)
    state = forms.ChoiceField(choices=State.choices, widget=forms.HiddenInput)


class ScoreForm(forms.Form):
    """One side's scores: a score and a comment per SECON criterion."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(n), str(n)) for n in range(MAX_SCORE + 1)]
        for value, label in Criterion.choices:
            self.fields[f"{value}_score"] = forms.TypedChoiceField(
                label=label, choices=choices, coerce=int, help_text=_("0 – not met, 5 – fully met")
            )
            self.fields[f"{value}_comment"] = forms.CharField(
                label=_("Comment: %(criterion)s") % {"criterion": label},
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def scores(self) -> dict[str, tuple[int, str]]:
        data = self.cleaned_data
        return {value: (data[f"{value}_score"], data[f"{value}_comment"]) for value in Criterion.values}


class ImageForm(forms.Form):
    image = forms.ImageField(label=_("Image"), help_text=_("PNG or JPEG."))
    alt = forms.CharField(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it."),
        error_messages={"required": _("Describe the image: alternative text is required.")},
    )
    alt_en = forms.CharField(label=_("Alternative text (English)"), max_length=250, required=False)


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"), help_text=_("PDF, DOCX, XLSX, ODT, ODS, PNG or JPEG."))


SORTS = {
    "-updated": ("-updated_at", "-pk"),
    "updated": ("updated_at", "pk"),
    "-state_changed": ("-state_changed_at", "-pk"),
    "state_changed": ("state_changed_at", "pk"),
}


class PracticeFilterForm(ListForm):
    """The back-office list's filters; the Lead Partner also filters by partner."""

    default_sort = "-updated"
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("Any state")), *State.choices]
    )
    partner = forms.ModelChoiceField(
        queryset=Partner.objects.none(), required=False, label=_("Partner"), empty_label=_("All partners")
    )
    theme = forms.ModelChoiceField(
        queryset=Theme.objects.all(),
        required=False,
        label=_("Theme"),
        empty_label=_("Any theme"),
        to_field_name="code",
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("-updated", _("Last changed first")),
            ("updated", _("Last changed last")),
            ("-state_changed", _("Newest in its state first")),
            ("state_changed", _("Longest in its state first")),
        ],
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if user.sees_all_partners:
            self.fields["partner"].queryset = Partner.objects.in_order()  # type: ignore[attr-defined]
        else:
            del self.fields["partner"]

    def results(self, practices: Any) -> Any:
        if self.is_bound and self.is_valid():
            data = self.cleaned_data
            if data.get("state"):
                practices = practices.filter(state=data["state"])
            if data.get("partner"):
                practices = practices.filter(partner=data["partner"])
            if data.get("theme"):
                practices = practices.filter(themes=data["theme"])
        return practices.order_by(*SORTS[self.current_sort()])
