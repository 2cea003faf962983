"""Forms of the events back office: the event, agenda items, presenters, slides, status changes, the list."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from functools import cache
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from secon.core.collation import collated
from secon.core.forms import BoundedDateTimeField
from secon.events.models import AgendaItem, AgendaItemKind, Event, EventStatus, EventType, TitleForm
from secon.projects.models import Partner
from secon.registry.models import Person, PersonRole, Theme
from secon.territory.partners import regions_for_partners, territory_for_partner, unit_choices

DATETIME_WIDGET = {"type": "datetime-local"}
# How many people a presenter search offers at once: the registry may hold tens of thousands.
PEOPLE_SHOWN = 50


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    """The partners' time zones (Europe's) and UTC; the list is read once per process."""
    names = sorted(
        name for name in zoneinfo.available_timezones() if name.startswith(("Europe/", "Atlantic/"))
    )
    return [(name, name) for name in [*names, "UTC"]]


def _local(value: dt.datetime | None, zone: str) -> dt.datetime | None:
    """A moment as the wall-clock time of `zone`, without zone (what a datetime-local input shows)."""
    if value is None:
        return None
    return timezone.localtime(value, zoneinfo.ZoneInfo(zone)).replace(tzinfo=None)


def _in_zone(value: dt.datetime, zone: str) -> dt.datetime:
    """The wall-clock time a person typed, read in the event's own time zone (not the server's)."""
    naive = timezone.make_naive(value) if timezone.is_aware(value) else value
    return naive.replace(tzinfo=zoneinfo.ZoneInfo(zone))


def chair_queryset(partner: Partner, current: Person | None) -> Any:
    """People of the partner with the role "Chair" in the registry (and the event's current chair)."""
    match = Q(
        pk__in=Person.objects.for_partner(partner.pk).active().holding_role(PersonRole.CHAIR).values("pk")
    )
    if current is not None:
        match |= Q(pk=current.pk)
    return Person.objects.filter(match).order_by("name_order", "pk")


class EventForm(forms.ModelForm[Event]):
    starts_at = BoundedDateTimeField(label=_("Starts"), widget=forms.DateTimeInput(attrs=DATETIME_WIDGET))
    ends_at = BoundedDateTimeField(label=_("Ends"), widget=forms.DateTimeInput(attrs=DATETIME_WIDGET))
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=time_zone_choices)

    class Meta:
        model = Event
        fields = [
            "type",
            "title",
            "title_en",
            "starts_at",
            "ends_at",
            "time_zone",
            "venue_name",
            "venue_address",
            "venue_unit",
            "venue_region",
            "online_url",
            "chair",
            "chair_function",
            "chair_department",
            "chair_title_form",
            "themes",
            "description",
            "description_en",
            "is_public",
            "reminder_days",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "themes": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, partner: Partner, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partner = partner
        self.fields["reminder_days"].required = False
        event = self.instance
        if event.pk:
            del self.fields["type"]  # the number depends on it: a wrong type means a new event
            self.initial["starts_at"] = _local(event.starts_at, event.time_zone)
            self.initial["ends_at"] = _local(event.ends_at, event.time_zone)
        else:
            self.fields["type"].queryset = EventType.objects.in_order()  # type: ignore[attr-defined]
            self.fields["type"].empty_label = None  # type: ignore[attr-defined]
        self.fields["chair"].queryset = chair_queryset(partner, event.chair if event.pk else None)  # type: ignore[attr-defined]
        self.fields["chair"].help_text = _("People with the role “Chair” in the partner's registry.")
        # The host's own units (powiats and gminas in Mazovia, local units elsewhere); an event in
        # another partner's region (a study visit) names that region instead.
        territory = territory_for_partner(partner)
        unit = self.fields["venue_unit"]
        unit.choices = unit_choices([territory])  # type: ignore[attr-defined]
        unit.queryset = territory.units()  # type: ignore[attr-defined]
        regions = self.fields["venue_region"]
        regions.queryset = regions_for_partners(Partner.objects.all()).order_by("code")  # type: ignore[attr-defined]
        regions.help_text = _("The NUTS-3 region, for an event outside the host's own units.")
        self.fields["themes"].queryset = Theme.objects.order_by(collated("name"))  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        zone = data.get("time_zone") or self.instance.time_zone
        for name in ("starts_at", "ends_at"):
            if data.get(name) is not None:
                data[name] = _in_zone(data[name], zone)
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The event must end after it starts."))
        if not (data.get("venue_name") or data.get("venue_address") or data.get("online_url")):
            raise forms.ValidationError(_("Give a venue, an address or an online meeting link (or both)."))
        return data

    def _post_clean(self) -> None:
        # The model's own checks run in the service (with the partner set); here only the fields'.
        pass

    def clean_reminder_days(self) -> int:
        # Left empty (or not sent by an older form): the model's default, not an error.
        value = self.cleaned_data.get("reminder_days")
        return int(Event._meta.get_field("reminder_days").default if value is None else value)

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("type", None)
        data.pop("themes", None)
        return data


class AgendaItemForm(forms.ModelForm[AgendaItem]):
    class Meta:
        model = AgendaItem
        fields = ["starts_at", "kind", "title", "title_en", "description", "description_en"]
        widgets = {
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "description": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = AgendaItemKind.choices  # type: ignore[attr-defined]

    def _post_clean(self) -> None:
        pass


class PresenterForm(forms.Form):
    """A presenter chosen from the host partner's registry; their organisation comes from it."""

    person = forms.ModelChoiceField(queryset=Person.objects.none(), label=_("Person"))
    function = forms.CharField(
        label=_("Function"),
        required=False,
        max_length=300,
        help_text=_("As it is to be written, e.g. “Prezes Zarządu”; empty: the position in the registry."),
    )
    title_form = forms.ChoiceField(
        label=_("Grammatical gender of the title"), required=False, choices=[("", "—"), *TitleForm.choices]
    )
    place = forms.CharField(
        label=_("Place"),
        required=False,
        max_length=200,
        help_text=_("Town or gmina they come from; empty: the organisation's town."),
    )
    public_function = forms.BooleanField(
        label=_("Acts in a public function"),
        required=False,
        help_text=_(
            "An official in office is named on the public site even without a consent to publication."
        ),
    )

    def __init__(self, *args: Any, partner: Partner, search: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = Person.objects.for_partner(partner.pk).active()
        field = self.fields["person"]
        field.queryset = people  # type: ignore[attr-defined]
        # The options: matches of the search, else the partner's speakers; any of the partner's people
        # is accepted when posted.
        shown = people.matching(search) if search.strip() else people.holding_role(PersonRole.SPEAKER)
        field.choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *[
                (person.pk, person.full_name + (f" ({person.email})" if person.email else ""))
                for person in shown.order_by("name_order", "pk")[:PEOPLE_SHOWN]
            ],
        ]


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(
        label=_("File"), help_text=_("Slides or a handout: PDF, PPTX, DOCX or ODP, at most the size limit.")
    )


class StatusForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EventFilterForm(forms.Form):
    type = forms.ModelChoiceField(
        queryset=EventType.objects.none(), required=False, label=_("Type"), empty_label=_("All types")
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *EventStatus.choices]
    )
    semester = forms.IntegerField(label=_("Semester"), required=False, min_value=1, max_value=99)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2199)
    partner = forms.ModelChoiceField(
        queryset=Partner.objects.none(), required=False, label=_("Partner"), empty_label=_("All partners")
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("-starts", _("Latest first")),
            ("starts", _("Earliest first")),
            ("title", _("Title")),
            ("-updated", _("Last changed first")),
        ],
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["type"].queryset = EventType.objects.in_order()  # type: ignore[attr-defined]
        if user.sees_all_partners:
            self.fields["partner"].queryset = Partner.objects.in_order()  # type: ignore[attr-defined]
        else:
            del self.fields["partner"]
