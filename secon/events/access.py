"""The only way a view gets events and their agenda items."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from django.http import Http404

from secon.core.access import check_partner_access, register_access
from secon.events.models import ActionItem, AgendaAttachment, AgendaItem, AgendaPresenter, Event, Minutes

if TYPE_CHECKING:
    from secon.accounts.models import User


def get_event_for_user(user: User, pk: int | str, *, write: bool = False) -> Event:
    """Staff reach their partner's events; the Lead Partner and admins see all (edit: own, or admin)."""
    event = (
        Event.objects.select_related("partner", "type", "chair", "venue_unit", "venue_region")
        .filter(pk=pk)
        .first()
    )
    if event is None:
        raise Http404
    return check_partner_access(user, event, write=write)


def get_agenda_item_for_user(
    user: User, pk: int | str, item_pk: int | str, *, write: bool = False
) -> AgendaItem:
    event = get_event_for_user(user, pk, write=write)
    item = AgendaItem.objects.filter(event=event, pk=item_pk).first()
    if item is None:
        raise Http404
    item.event = event
    return item


AgendaPart = TypeVar("AgendaPart", AgendaPresenter, AgendaAttachment)


def _on_agenda(
    model: type[AgendaPart], user: User, pk: int | str, part_pk: int | str, *, write: bool
) -> AgendaPart:
    """A presenter or slides of one of the event's agenda items, with the event the gate checked."""
    event = get_event_for_user(user, pk, write=write)
    part = model._default_manager.select_related("item").filter(item__event=event, pk=part_pk).first()
    if part is None:
        raise Http404
    part.item.event = event
    return part


def get_presenter_for_user(
    user: User, pk: int | str, presenter_pk: int | str, *, write: bool = False
) -> AgendaPresenter:
    return _on_agenda(AgendaPresenter, user, pk, presenter_pk, write=write)


def get_attachment_for_user(
    user: User, pk: int | str, attachment_pk: int | str, *, write: bool = False
) -> AgendaAttachment:
    return _on_agenda(AgendaAttachment, user, pk, attachment_pk, write=write)


def get_minutes_for_user(user: User, pk: int | str, version: int | str, *, write: bool = False) -> Minutes:
    event = get_event_for_user(user, pk, write=write)
    minutes = Minutes.objects.filter(event=event, version=version).first()
    if minutes is None:
        raise Http404
    minutes.event = event
    return minutes


def get_action_item_for_user(
    user: User, pk: int | str, action_pk: int | str, *, write: bool = False
) -> ActionItem:
    event = get_event_for_user(user, pk, write=write)
    action = ActionItem.objects.filter(event=event, pk=action_pk).first()
    if action is None:
        raise Http404
    action.event = event
    return action


register_access(Event, get_event_for_user)
