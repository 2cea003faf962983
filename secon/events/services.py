"""Every write to events and their agendas: actor, one transaction, an audit event, public pages refreshed."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.core.audit import diff_fields, record_event, snapshot
from secon.core.cache import invalidate_public_pages
from secon.core.uploads import check_upload, make_private, make_public
from secon.events import invitations
from secon.events.models import (
    TRANSITIONS,
    AgendaAttachment,
    AgendaItem,
    AgendaPresenter,
    Event,
    EventNumbering,
    EventStatus,
    EventType,
)
from secon.projects.calendar import semester_on

if TYPE_CHECKING:
    from secon.accounts.models import User
    from secon.projects.models import Partner
    from secon.registry.models import Affiliation, Organisation, Person, Theme

# Changing any of these moves the event: calendars must be updated (a higher iCalendar SEQUENCE) and,
# once invitations exist, the invitees told.
MOVING_FIELDS = [
    "starts_at",
    "ends_at",
    "time_zone",
    "venue_name",
    "venue_address",
    "venue_unit",
    "venue_region",
    "online_url",
]
EVENT_FIELDS = [
    "type",
    "title",
    "title_en",
    "description",
    "description_en",
    *MOVING_FIELDS,
    "chair",
    "chair_function",
    "chair_department",
    "chair_title_form",
    "is_public",
    "reminder_days",
]


class EventFields(TypedDict, total=False):
    title: str
    title_en: str
    description: str
    description_en: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    time_zone: str
    venue_name: str
    venue_address: str
    venue_unit: Any
    venue_region: Any
    online_url: str
    chair: Person | None
    chair_function: str
    chair_department: str
    chair_title_form: str
    is_public: bool
    reminder_days: int


class AgendaItemFields(TypedDict, total=False):
    starts_at: dt.time | None
    kind: str
    title: str
    title_en: str
    description: str
    description_en: str


def _semester_of(event: Event) -> int | None:
    semester = semester_on(event.partner.project, event.local_start.date())
    return semester.number if semester else None


def _next_ordinal(partner: Partner, event_type: EventType) -> int:
    """The partner's next number for this type, from a locked counter: never given twice."""
    counters = EventNumbering.objects.select_for_update()
    counter = counters.filter(partner=partner, type=event_type).first()
    if counter is None:
        # Start after any number already used (events recorded before the counter existed).
        used = Event.objects.filter(partner=partner, type=event_type).aggregate(m=Max("ordinal"))["m"]
        try:
            with transaction.atomic():  # a savepoint: a twin request may create the counter meanwhile
                counter = EventNumbering.objects.create(partner=partner, type=event_type, last=used or 0)
        except IntegrityError:
            counter = counters.get(partner=partner, type=event_type)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def _touch_public(*events: Event) -> None:
    if any(event.is_public for event in events):
        invalidate_public_pages()


@transaction.atomic
def create_event(
    partner: Partner,
    *,
    actor: User | None,
    type: EventType,
    themes: list[Theme] | None = None,
    **fields: Unpack[EventFields],
) -> Event:
    event = Event(partner=partner, type=type, created_by=actor if actor and actor.is_authenticated else None)
    for name, value in fields.items():
        setattr(event, name, value)
    if event.chair is not None and not event.chair_title_form:
        event.chair_title_form = getattr(event.chair, "title_form", "")  # as the registry records it
    event.full_clean(exclude=["ordinal"])
    event.semester = _semester_of(event)
    if type.is_numbered:
        event.ordinal = _next_ordinal(partner, type)
    event.save()
    if themes:
        event.themes.set(themes)
    record_event(
        "events.event.created",
        actor=actor,
        obj=event,
        changes={"title": event.title, "starts_at": event.starts_at.isoformat(), "ordinal": event.ordinal},
    )
    from secon.events.minutes import carry_over_action_items  # it builds on this module's services

    carry_over_action_items(event, actor=actor)
    _touch_public(event)
    return event


@transaction.atomic
def update_event(
    event: Event, *, actor: User | None, themes: list[Theme] | None = None, **fields: Unpack[EventFields]
) -> Event:
    event = Event.objects.select_for_update().select_related("partner__project", "type").get(pk=event.pk)
    was_public = event.is_public
    if event.status in (EventStatus.CANCELLED, EventStatus.PUBLISHED) and any(
        name in MOVING_FIELDS for name in fields
    ):
        raise ValidationError(_("A cancelled or published event cannot be moved."))
    before = snapshot(event, EVENT_FIELDS)
    for name, value in fields.items():
        setattr(event, name, value)
    event.full_clean(exclude=["ordinal"])
    changes = diff_fields(before, snapshot(event, EVENT_FIELDS))
    moved = any(name in changes for name in MOVING_FIELDS)
    if moved:
        event.sequence += 1
        event.semester = _semester_of(event)
        # Everyone already sent an invitation gets the update with the .ics of this SEQUENCE (after commit).
        invitations.notify_change(event)
    event.save()
    if themes is not None:
        old = sorted(theme.pk for theme in event.themes.all())
        if old != sorted(theme.pk for theme in themes):
            event.themes.set(themes)
            changes["themes"] = [old, sorted(theme.pk for theme in themes)]
    if changes:
        record_event(
            "events.event.moved" if moved else "events.event.updated", actor=actor, obj=event, changes=changes
        )
    if was_public or event.is_public:
        invalidate_public_pages()
    return event


def _check_transition(event: Event, status: str, actor: User | None) -> None:
    if status not in TRANSITIONS.get(event.status, ()):
        raise ValidationError(
            _("An event that is “%(current)s” cannot become “%(new)s”.")
            % {"current": event.get_status_display(), "new": EventStatus(status).label}
        )
    if status == EventStatus.HELD and event.starts_at > timezone.now():
        raise ValidationError(_("The event has not started yet, so it cannot be marked as held."))
    if status in (EventStatus.MINUTES_APPROVED, EventStatus.PUBLISHED) and not (
        actor is None or getattr(actor, "is_coordinator", False)
    ):
        raise ValidationError(_("Only a coordinator can approve the minutes or publish the record."))
    if (
        status == EventStatus.MINUTES_APPROVED
        and not event.minutes_versions.filter(status="approved").exists()
    ):
        # The status says the record exists: it follows the approval of the minutes (events/minutes.py).
        raise ValidationError(
            _("The event becomes “minutes approved” when its minutes are approved, on the minutes page.")
        )


def _publish_files(event: Event, *, public: bool) -> None:
    for attachment in AgendaAttachment.objects.filter(item__event=event):
        moved = make_public(attachment.file) if public else make_private(attachment.file)
        if moved:
            attachment.save(update_fields=["file"])


@transaction.atomic
def change_status(event: Event, *, actor: User | None, status: str, reason: str = "") -> Event:
    """Move the event along planned → invitations sent → held → minutes approved → published."""
    event = Event.objects.select_for_update().select_related("partner").get(pk=event.pk)
    if status == EventStatus.CANCELLED:
        return _cancel(event, actor=actor, reason=reason)
    _check_transition(event, status, actor)
    old = event.status
    event.status = status
    event.save(update_fields=["status", "updated_at"])
    if status == EventStatus.PUBLISHED:
        _publish_files(event, public=True)
    record_event("events.event.status_changed", actor=actor, obj=event, changes={"status": [old, status]})
    _touch_public(event)
    return event


def _cancel(event: Event, *, actor: User | None, reason: str) -> Event:
    _check_transition(event, EventStatus.CANCELLED, actor)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the event is cancelled; invitees will read it.")})
    old = event.status
    event.status = EventStatus.CANCELLED
    event.cancelled_reason = reason[:500]
    event.sequence += 1  # calendars replace the event with its cancellation
    event.save(update_fields=["status", "cancelled_reason", "sequence", "updated_at"])
    # Everyone already sent an invitation gets the cancellation, a METHOD:CANCEL .ics (after commit).
    invitations.notify_change(event)
    record_event(
        "events.event.cancelled",
        actor=actor,
        obj=event,
        changes={"status": [old, EventStatus.CANCELLED], "reason": event.cancelled_reason},
    )
    _touch_public(event)
    return event


def cancel_event(event: Event, *, actor: User | None, reason: str) -> Event:
    return change_status(event, actor=actor, status=EventStatus.CANCELLED, reason=reason)


# --- Agenda --------------------------------------------------------------------------------------------


def _check_agenda_editable(event: Event) -> None:
    if event.status in (EventStatus.PUBLISHED, EventStatus.CANCELLED):
        raise ValidationError(_("The agenda of a published or cancelled event can no longer be changed."))


@transaction.atomic
def add_agenda_item(event: Event, *, actor: User | None, **fields: Unpack[AgendaItemFields]) -> AgendaItem:
    _check_agenda_editable(event)
    last = AgendaItem.objects.filter(event=event).aggregate(m=Max("order"))["m"]
    item = AgendaItem(event=event, order=(last or 0) + 1, **fields)
    item.full_clean()
    item.save()
    record_event(
        "events.agenda_item.added", actor=actor, obj=event, changes={"title": item.title, "kind": item.kind}
    )
    _touch_public(event)
    return item


@transaction.atomic
def update_agenda_item(
    item: AgendaItem, *, actor: User | None, **fields: Unpack[AgendaItemFields]
) -> AgendaItem:
    _check_agenda_editable(item.event)
    names = list(AgendaItemFields.__annotations__)
    before = snapshot(item, names)
    for name, value in fields.items():
        setattr(item, name, value)
    item.full_clean()
    item.save()
    changes = diff_fields(before, snapshot(item, names))
    if changes:
        record_event("events.agenda_item.updated", actor=actor, obj=item.event, changes=changes)
        _touch_public(item.event)
    return item


@transaction.atomic
def remove_agenda_item(item: AgendaItem, *, actor: User | None) -> None:
    _check_agenda_editable(item.event)
    event = item.event
    record_event("events.agenda_item.removed", actor=actor, obj=event, changes={"title": item.title})
    for attachment in item.attachments.all():
        name, storage = str(attachment.file.name), attachment.file.storage
        transaction.on_commit(lambda n=name, s=storage: s.delete(n))  # type: ignore[misc]
    item.delete()
    _touch_public(event)


@transaction.atomic
def move_agenda_item(item: AgendaItem, *, actor: User | None, up: bool) -> None:
    """Swap the item with its neighbour above (`up`) or below; the numbering is made 1, 2, 3… again."""
    _check_agenda_editable(item.event)
    items = list(AgendaItem.objects.select_for_update().filter(event=item.event).order_by("order", "pk"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index - 1 if up else index + 1
    if not 0 <= target < len(items):
        return
    items[index], items[target] = items[target], items[index]
    for order, other in enumerate(items, start=1):
        if other.order != order:
            other.order = order
            other.save(update_fields=["order", "updated_at"])
    record_event(
        "events.agenda_item.reordered",
        actor=actor,
        obj=item.event,
        changes={"title": item.title, "order": [index + 1, target + 1]},
    )
    _touch_public(item.event)


def organisation_place(organisation: Organisation | None) -> str:
    """Where an organisation is, as a reader names it: its town, else its gmina or powiat."""
    if organisation is None:
        return ""
    if organisation.city:
        return organisation.city
    return organisation.territory.name if organisation.territory_id and organisation.territory else ""


def affiliation_on(person: Person, day: dt.date) -> Affiliation | None:
    """The person's affiliation in force on `day` (the latest started), else their latest one."""
    affiliations = list(person.affiliations.select_related("organisation__territory"))
    current = [
        a for a in affiliations if (a.since is None or a.since <= day) and (a.until is None or a.until >= day)
    ]
    pool = current or affiliations
    return max(pool, key=lambda a: (a.since or dt.date.min, a.pk)) if pool else None


@transaction.atomic
def add_presenter(
    item: AgendaItem,
    *,
    actor: User | None,
    person: Person,
    organisation: Organisation | None = None,
    place: str = "",
    function: str = "",
    title_form: str = "",
    public_function: bool = False,
) -> AgendaPresenter:
    """A presenter from the registry, with the organisation, place and function copied as they are now.

    Without an organisation, the one the person is affiliated with on the event's date is taken, with
    the position held there as the function.
    """
    event = item.event
    _check_agenda_editable(event)
    if person.partner_id != event.partner_id or (
        organisation is not None and organisation.partner_id != event.partner_id
    ):
        raise ValidationError(_("Presenters come from the host partner's registry."))
    if person.anonymised_at is not None:
        raise ValidationError(_("This person's data has been erased; they cannot be added."))
    position = ""
    if organisation is None:
        affiliation = affiliation_on(person, event.local_start.date())
        if affiliation is not None:
            organisation, position = affiliation.organisation, affiliation.position
    last = AgendaPresenter.objects.filter(item=item).aggregate(m=Max("order"))["m"]
    presenter = AgendaPresenter(
        item=item,
        order=(last or 0) + 1,
        person=person,
        organisation=organisation,
        organisation_name=organisation.name if organisation else "",
        place=place.strip() or organisation_place(organisation),
        function=function.strip() or position,
        title_form=title_form or getattr(person, "title_form", ""),
        public_function=public_function,
    )
    presenter.full_clean()
    presenter.save()
    record_event(
        "events.presenter.added",
        actor=actor,
        obj=event,
        changes={"item": item.title, "organisation_name": presenter.organisation_name},
    )
    _touch_public(event)
    return presenter


@transaction.atomic
def remove_presenter(presenter: AgendaPresenter, *, actor: User | None) -> None:
    event = presenter.item.event
    _check_agenda_editable(event)
    record_event(
        "events.presenter.removed",
        actor=actor,
        obj=event,
        changes={"item": presenter.item.title, "organisation_name": presenter.organisation_name},
    )
    presenter.delete()
    _touch_public(event)


@transaction.atomic
def add_attachment(
    item: AgendaItem, *, actor: User | None, file: UploadedFile[Any], title: str
) -> AgendaAttachment:
    """Slides for an item: checked by content and size, stored privately until the record is published."""
    _check_agenda_editable(item.event)
    field = AgendaAttachment._meta.get_field("file")
    kind = check_upload(file, kinds=field.kinds, max_bytes=field.max_bytes())
    attachment = AgendaAttachment(
        item=item,
        title=title.strip() or str(file.name or ""),
        original_name=str(file.name or "")[:255],
        kind=kind.value,
        size=file.size or 0,
    )
    attachment.file = file
    attachment.full_clean()
    attachment.save()
    record_event(
        "events.attachment.added",
        actor=actor,
        obj=item.event,
        changes={"title": attachment.title, "kind": attachment.kind, "size": attachment.size},
    )
    return attachment


@transaction.atomic
def remove_attachment(attachment: AgendaAttachment, *, actor: User | None) -> None:
    event = attachment.item.event
    _check_agenda_editable(event)
    record_event("events.attachment.removed", actor=actor, obj=event, changes={"title": attachment.title})
    name, storage = str(attachment.file.name), attachment.file.storage
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))
