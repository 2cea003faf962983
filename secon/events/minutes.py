"""Every write to minutes and action items: drafts, approval (which freezes them), corrections with a
reason, action items and their carrying over to the next meeting's agenda as "matters arising"."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from secon.core.audit import record_event
from secon.core.cache import invalidate_public_pages
from secon.core.versions import VersionEdit, apply_edit
from secon.events import services
from secon.events.models import (
    ActionItem,
    ActionItemStatus,
    AgendaItem,
    AgendaItemKind,
    Event,
    EventStatus,
    Minutes,
    MinutesItemText,
    MinutesStatus,
    MinutesText,
)

if TYPE_CHECKING:
    from secon.accounts.models import User
    from secon.registry.models import Person

# Minutes are written for an event that took place; these statuses say it did.
HELD_STATUSES = (EventStatus.HELD, EventStatus.MINUTES_APPROVED, EventStatus.PUBLISHED)
# The agenda of these events is still a draft: matters arising are put on it.
DRAFT_AGENDA_STATUSES = (EventStatus.PLANNED, EventStatus.INVITATIONS_SENT)


def minutes_languages(event: Event) -> list[str]:
    """The languages the minutes are written in: the partner's own, then English (decision 0002)."""
    return list(dict.fromkeys([event.partner.language or "en", "en"]))


def current_minutes(event: Event) -> Minutes | None:
    """The draft being written, else the approved version, else nothing."""
    versions = {m.status: m for m in event.minutes_versions.exclude(status=MinutesStatus.SUPERSEDED)}
    return versions.get(MinutesStatus.DRAFT) or versions.get(MinutesStatus.APPROVED)


def approved_minutes(event: Event) -> Minutes | None:
    return event.minutes_versions.filter(status=MinutesStatus.APPROVED).first()


def public_summary(event: Event, language: str) -> str:
    """The approved minutes' summary for the public event page, in `language` (else the other one)."""
    minutes = approved_minutes(event)
    if minutes is None:
        return ""
    texts = {text.language: text.summary for text in minutes.texts.all() if text.summary.strip()}
    for code in (language, event.partner.language, "en"):
        if code in texts:
            return texts[code]
    return next(iter(texts.values()), "")


def _item_title(item: AgendaItem, language: str) -> str:
    if language == "en":
        return item.title_en or item.title
    return item.title if language == item.event.partner.language else (item.title_en or item.title)


@transaction.atomic
def start_minutes(event: Event, *, actor: User | None) -> Minutes:
    """The first draft of an event's minutes: one text per language, one entry per agenda item."""
    event = Event.objects.select_for_update(of=("self",)).select_related("partner").get(pk=event.pk)
    if event.status not in HELD_STATUSES:
        raise ValidationError(_("Minutes are written once the event has been held."))
    existing = current_minutes(event)
    if existing is not None:
        return existing  # a second click opens the same draft
    minutes = Minutes.objects.create(event=event, version=1, created_by=actor)
    items = list(event.agenda_items.select_related("event__partner"))
    for language in minutes_languages(event):
        text = MinutesText.objects.create(minutes=minutes, language=language)
        MinutesItemText.objects.bulk_create(
            MinutesItemText(
                text=text, agenda_item=item, order=order, item_title=_item_title(item, language)[:300]
            )
            for order, item in enumerate(items, start=1)
        )
    record_event("events.minutes.started", actor=actor, obj=event, changes={"version": 1})
    return minutes


def frozen_message() -> str:
    return _(
        "Approved minutes cannot be changed. Start a correction, giving its reason, to write a new version."
    )


def _check_draft(minutes: Minutes) -> None:
    if minutes.is_frozen:
        raise ValidationError(frozen_message())


@transaction.atomic
def save_minutes_text(
    minutes: Minutes,
    *,
    actor: User | None,
    language: str,
    summary: str,
    items: dict[int, tuple[str, str]],
    edit: str = VersionEdit.CONTENT,
) -> MinutesText:
    """Write one language version of a draft: its summary and, per entry id, (summary, decisions)."""
    minutes = Minutes.objects.select_for_update(of=("self",)).select_related("event").get(pk=minutes.pk)
    _check_draft(minutes)
    texts = {text.language: text for text in minutes.texts.all()}
    text = texts.get(language)
    if text is None:
        raise ValidationError(_("These minutes have no version in this language."))
    entries = {entry.pk: entry for entry in text.items.all()}
    unknown = set(items) - set(entries)
    if unknown:
        raise ValidationError(_("An agenda item of these minutes was not found; reload the page."))
    changed = text.summary != summary
    text.summary = summary
    for pk, (item_summary, decisions) in items.items():
        entry = entries[pk]
        if (entry.summary, entry.decisions) != (item_summary, decisions):
            entry.summary, entry.decisions = item_summary, decisions
            entry.save(update_fields=["summary", "decisions"])
            changed = True
    if changed:
        others = {code: other.revision for code, other in texts.items() if code != language}
        apply_edit(text, edit, others)
        text.full_clean()
        text.save()
        record_event(
            "events.minutes.text_saved",
            actor=actor,
            obj=minutes.event,
            changes={"version": minutes.version, "language": language, "edit": edit},
        )
    return text


def _has_content(minutes: Minutes) -> bool:
    return any(
        text.summary.strip() or any(e.summary.strip() or e.decisions.strip() for e in text.items.all())
        for text in minutes.texts.prefetch_related("items")
    )


@transaction.atomic
def approve_minutes(minutes: Minutes, *, actor: User | None) -> Minutes:
    """Approve a draft (coordinators only): it is frozen, the version it corrects is superseded, and the
    event becomes "minutes approved" through the status service."""
    if actor is not None and not getattr(actor, "is_coordinator", False):
        raise ValidationError(_("Only a coordinator can approve the minutes."))
    minutes = Minutes.objects.select_for_update(of=("self",)).select_related("event").get(pk=minutes.pk)
    if minutes.status != MinutesStatus.DRAFT:
        raise ValidationError(_("Only a draft can be approved; these minutes are already approved."))
    if not _has_content(minutes):
        raise ValidationError(_("The minutes are empty: write a summary or decisions before approving."))
    event = minutes.event
    Minutes.objects.filter(event=event, status=MinutesStatus.APPROVED).update(
        status=MinutesStatus.SUPERSEDED, updated_at=timezone.now()
    )
    minutes.status = MinutesStatus.APPROVED
    minutes.approved_at = timezone.now()
    minutes.approved_by = actor
    minutes.save(update_fields=["status", "approved_at", "approved_by", "updated_at"])
    record_event(
        "events.minutes.approved",
        actor=actor,
        obj=event,
        changes={"version": minutes.version, "reason": minutes.correction_reason},
    )
    if event.status == EventStatus.HELD:
        services.change_status(event, actor=actor, status=EventStatus.MINUTES_APPROVED)
    if event.is_public:
        invalidate_public_pages()  # the public event page shows the approved summary
    return minutes


@transaction.atomic
def start_correction(event: Event, *, actor: User | None, reason: str) -> Minutes:
    """A new draft version of approved minutes, copied from them, with the reason for the correction;
    the approved version stays in force (and readable afterwards) until the correction is approved."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the approved minutes are corrected.")})
    event = Event.objects.select_for_update().get(pk=event.pk)
    approved = approved_minutes(event)
    if approved is None:
        raise ValidationError(_("Only approved minutes are corrected; a draft is simply edited."))
    if event.minutes_versions.filter(status=MinutesStatus.DRAFT).exists():
        raise ValidationError(_("A correction of these minutes is already being written."))
    last = event.minutes_versions.aggregate(m=Max("version"))["m"] or 0
    try:
        with transaction.atomic():
            draft = Minutes.objects.create(
                event=event, version=last + 1, created_by=actor, correction_reason=reason[:500]
            )
    except IntegrityError as error:  # a twin request opened it a moment ago
        raise ValidationError(_("A correction of these minutes is already being written.")) from error
    for text in approved.texts.prefetch_related("items"):
        copy = MinutesText.objects.create(
            minutes=draft,
            language=text.language,
            summary=text.summary,
            revision=text.revision,
            synced_with=text.synced_with,
        )
        MinutesItemText.objects.bulk_create(
            MinutesItemText(
                text=copy,
                agenda_item_id=entry.agenda_item_id,
                order=entry.order,
                item_title=entry.item_title,
                summary=entry.summary,
                decisions=entry.decisions,
            )
            for entry in text.items.all()
        )
    record_event(
        "events.minutes.correction_started",
        actor=actor,
        obj=event,
        changes={"version": draft.version, "reason": draft.correction_reason},
    )
    return draft


# --- Action items ---------------------------------------------------------------------------------------


@transaction.atomic
def add_action_item(
    event: Event,
    *,
    actor: User | None,
    text: str,
    text_en: str = "",
    owner_person: Person | None = None,
    owner_user: User | None = None,
    due_on: dt.date | None = None,
    agenda_item: AgendaItem | None = None,
) -> ActionItem:
    if event.status not in HELD_STATUSES:
        raise ValidationError(_("Action items are agreed at an event that has been held."))
    if owner_person is not None and owner_user is not None:
        raise ValidationError(_("Choose one owner: a person from the registry or a staff member."))
    if owner_person is not None and owner_person.partner_id != event.partner_id:
        raise ValidationError({"owner_person": _("The owner comes from the host partner's registry.")})
    if owner_user is not None and owner_user.partner_id not in (None, event.partner_id):
        raise ValidationError({"owner_user": _("The owner is a staff member of the host partner.")})
    if agenda_item is not None and agenda_item.event_id != event.pk:
        raise ValidationError({"agenda_item": _("The agenda item belongs to another event.")})
    action = ActionItem(
        event=event,
        agenda_item=agenda_item,
        text=text.strip(),
        text_en=text_en.strip(),
        owner_person=owner_person,
        owner_user=owner_user,
        due_on=due_on,
    )
    action.full_clean()
    action.save()
    record_event(
        "events.action_item.added",
        actor=actor,
        obj=event,
        changes={"text": action.text, "due_on": due_on.isoformat() if due_on else None},
    )
    return action


@transaction.atomic
def set_action_item_status(action: ActionItem, *, actor: User | None, status: str) -> ActionItem:
    """Close (done, dropped) or reopen an action item; closing takes it off the next agendas."""
    if status not in ActionItemStatus.values:
        raise ValidationError(_("Unknown status of an action item."))
    action = ActionItem.objects.select_for_update(of=("self",)).select_related("event").get(pk=action.pk)
    old = action.status
    if old == status:
        return action
    action.status = status
    action.closed_at = None if status == ActionItemStatus.OPEN else timezone.now()
    action.save(update_fields=["status", "closed_at", "updated_at"])
    record_event(
        "events.action_item.status_changed",
        actor=actor,
        obj=action.event,
        changes={"text": action.text, "status": [old, status]},
    )
    return action


def _matters_arising_lines(actions: list[ActionItem], language: str) -> str:
    with translation.override(language):
        lines = []
        for action in actions:
            text = (action.text_en or action.text) if language == "en" else action.text
            details = [action.owner_name]
            if action.due_on:
                details.append(_("due %(date)s") % {"date": date_format(action.due_on, "SHORT_DATE_FORMAT")})
            agreed = _("agreed on %(date)s") % {
                "date": date_format(action.event.local_start.date(), "SHORT_DATE_FORMAT")
            }
            details.append(agreed)
            lines.append(f"– {text} ({', '.join(d for d in details if d)})")
        return "\n".join(lines)


@transaction.atomic
def carry_over_action_items(event: Event, *, actor: User | None) -> AgendaItem | None:
    """Put the open action items of the partner's earlier meetings of this type on this meeting's draft
    agenda as one "matters arising" item (right after the opening), kept up to date while the agenda is a
    draft: an item closed meanwhile drops off, one added meanwhile appears."""
    if not event.type.is_numbered or event.status not in DRAFT_AGENDA_STATUSES:
        return None
    actions = list(ActionItem.objects.carried_to(event))
    existing = event.agenda_items.filter(kind=AgendaItemKind.MATTERS_ARISING).first()
    own = event.partner.language or "en"
    description = _matters_arising_lines(actions, own)
    description_en = _matters_arising_lines(actions, "en")
    if existing is not None:
        if (existing.description, existing.description_en) != (description, description_en):
            services.update_agenda_item(
                existing, actor=actor, description=description, description_en=description_en
            )
        return existing
    if not actions:
        return None
    with translation.override(own):
        title = _("Matters arising from earlier meetings")
    with translation.override("en"):
        title_en = _("Matters arising from earlier meetings")
    item = services.add_agenda_item(
        event,
        actor=actor,
        kind=AgendaItemKind.MATTERS_ARISING,
        title=title,
        title_en=title_en,
        description=description,
        description_en=description_en,
    )
    # Right after the opening: matters arising come first in the business of a meeting.
    items = list(AgendaItem.objects.select_for_update().filter(event=event).order_by("order", "pk"))
    items.remove(item)
    openings = [other for other in items if other.kind == AgendaItemKind.OPENING]
    rest = [other for other in items if other.kind != AgendaItemKind.OPENING]
    for order, other in enumerate([*openings, item, *rest], start=1):
        if other.order != order:
            other.order = order
            other.save(update_fields=["order", "updated_at"])
    return item
