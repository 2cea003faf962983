"""The audit actions of the events app, with the labels the record history shows."""

from django.utils.translation import gettext_lazy as _

from secon.core.audit import register_actions
from secon.events.models import Answer, EventStatus, InvitationSource

register_actions(
    {
        "events.event.created": _("Event created"),
        "events.event.updated": _("Event details changed"),
        "events.event.moved": _("Event moved to another time or place"),
        "events.event.status_changed": _("Event status changed"),
        "events.event.cancelled": _("Event cancelled"),
        "events.agenda_item.added": _("Agenda item added"),
        "events.agenda_item.updated": _("Agenda item changed"),
        "events.agenda_item.removed": _("Agenda item removed"),
        "events.agenda_item.reordered": _("Agenda reordered"),
        "events.presenter.added": _("Presenter added"),
        "events.presenter.removed": _("Presenter removed"),
        "events.attachment.added": _("Slides added"),
        "events.attachment.removed": _("Slides removed"),
    },
    # The event's trail also records its agenda, presenters and slides, whose fields these are.
    describes={
        "events.agenda_item.added": "events.AgendaItem",
        "events.agenda_item.updated": "events.AgendaItem",
        "events.agenda_item.removed": "events.AgendaItem",
        "events.presenter.added": "events.AgendaPresenter",
        "events.presenter.removed": "events.AgendaPresenter",
        "events.attachment.added": "events.AgendaAttachment",
        "events.attachment.removed": "events.AgendaAttachment",
    },
    change_labels={"reason": _("reason"), "order": _("order")},
    change_choices={"status": EventStatus.choices},
)

# Minutes and action items (secon/events/minutes.py), recorded on the event's trail.
register_actions(
    {
        "events.minutes.started": _("Minutes started"),
        "events.minutes.text_saved": _("Minutes written"),
        "events.minutes.approved": _("Minutes approved"),
        "events.minutes.correction_started": _("Correction of the minutes started"),
        "events.action_item.added": _("Action item added"),
        "events.action_item.status_changed": _("Action item status changed"),
        "events.event.news_drafted": _("News item drafted from the record"),
        "events.news_template.saved": _("Template of news drafted from events saved"),
    },
    describes={
        "events.minutes.started": "events.Minutes",
        "events.minutes.text_saved": "events.Minutes",
        "events.minutes.approved": "events.Minutes",
        "events.minutes.correction_started": "events.Minutes",
        "events.action_item.added": "events.ActionItem",
        "events.action_item.status_changed": "events.ActionItem",
    },
    change_labels={
        "language": _("language"),
        "edit": _("kind of edit"),
        "version": _("version"),
        "news_item": _("news item"),
        "created": _("created"),
    },
)

# Invitations and answers (secon/events/invitations.py, rsvp.py), recorded on the event's trail.
register_actions(
    {
        "events.invitations.queued": _("Invitations queued for sending"),
        "events.invitation.answered": _("Invitation answered"),
    },
    describes={"events.invitation.answered": "events.Invitation"},
    change_labels={
        "source": _("invited as"),
        "queued": _("queued"),
        "excluded": _("not invited"),
        "already": _("already invited"),
        "invitation": _("invitation"),
        "substitute": _("coming instead"),
    },
    change_choices={"answer": Answer.choices, "source": InvitationSource.choices},
)
