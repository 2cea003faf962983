"""The events app's models, one module per concept; import them from `secon.events.models`."""

from .agenda import SLIDE_CHOICES, AgendaAttachment, AgendaItem, AgendaItemKind, AgendaPresenter
from .events import TRANSITIONS, Event, EventQuerySet, EventStatus, TitleForm, validate_time_zone
from .invitations import Answer, Delivery, ExclusionReason, Invitation, InvitationSource
from .minutes import (
    ActionItem,
    ActionItemQuerySet,
    ActionItemStatus,
    EventNews,
    Minutes,
    MinutesItemText,
    MinutesStatus,
    MinutesText,
    NewsDraftTemplate,
)
from .types import EventNumbering, EventType

__all__ = [
    "SLIDE_CHOICES",
    "TRANSITIONS",
    "ActionItem",
    "ActionItemQuerySet",
    "ActionItemStatus",
    "AgendaAttachment",
    "AgendaItem",
    "AgendaItemKind",
    "AgendaPresenter",
    "Answer",
    "Delivery",
    "Event",
    "EventNews",
    "EventNumbering",
    "EventQuerySet",
    "EventStatus",
    "EventType",
    "ExclusionReason",
    "Invitation",
    "InvitationSource",
    "Minutes",
    "MinutesItemText",
    "MinutesStatus",
    "MinutesText",
    "NewsDraftTemplate",
    "TitleForm",
    "validate_time_zone",
]
