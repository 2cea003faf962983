"""Events URLs: the back office (namespace "manage") and the public site (namespace "public")."""

from django.urls import path

from secon.core import converters  # noqa: F401 - registers <id:…>
from secon.events import (
    documents,
    invitation_views,
    minutes_documents,
    minutes_views,
    news_draft_views,
    public_views,
    rsvp_views,
    views,
)

manage_patterns = [
    path("events/", views.event_list, name="event_list"),
    path("events/new/", views.event_create, name="event_create"),
    path("events/<id:pk>/", views.event_detail, name="event_detail"),
    path("events/<id:pk>/edit/", views.event_edit, name="event_edit"),
    path("events/<id:pk>/status/<slug:status>/", views.event_status, name="event_status"),
    path("events/<id:pk>/agenda.<slug:language>.pdf", documents.manage_agenda_pdf, name="event_agenda_pdf"),
    path("events/<id:pk>/agenda/new/", views.agenda_item_add, name="event_agenda_item_add"),
    path("events/<id:pk>/agenda/<id:item_pk>/", views.agenda_item_edit, name="event_agenda_item_edit"),
    path(
        "events/<id:pk>/agenda/<id:item_pk>/remove/",
        views.agenda_item_remove,
        name="event_agenda_item_remove",
    ),
    path(
        "events/<id:pk>/agenda/<id:item_pk>/move/<slug:direction>/",
        views.agenda_item_move,
        name="event_agenda_item_move",
    ),
    path(
        "events/<id:pk>/agenda/<id:item_pk>/presenters/add/", views.presenter_add, name="event_presenter_add"
    ),
    path(
        "events/<id:pk>/presenters/<id:presenter_pk>/remove/",
        views.presenter_remove,
        name="event_presenter_remove",
    ),
    path("events/<id:pk>/agenda/<id:item_pk>/slides/add/", views.attachment_add, name="event_attachment_add"),
    path("events/<id:pk>/slides/<id:attachment_pk>/", views.attachment_file, name="event_attachment_file"),
    path("events/<id:pk>/invite/", invitation_views.invite, name="event_invite"),
    path("events/<id:pk>/invitations/", invitation_views.invitation_list, name="event_invitations"),
    path(
        "events/<id:pk>/invitations/progress/",
        invitation_views.invitation_progress,
        name="event_invitation_progress",
    ),
    path(
        "events/<id:pk>/slides/<id:attachment_pk>/remove/",
        views.attachment_remove,
        name="event_attachment_remove",
    ),
    *[  # minutes, action items and the DOCX documents (secon/events/minutes_views.py)
        path(
            "events/<id:pk>/agenda.<slug:language>.docx",
            minutes_documents.agenda_docx_view,
            name="event_agenda_docx",
        ),
        path("events/<id:pk>/minutes/", minutes_views.minutes_detail, name="event_minutes"),
        path("events/<id:pk>/minutes/start/", minutes_views.minutes_start, name="event_minutes_start"),
        path("events/<id:pk>/minutes/correct/", minutes_views.minutes_correct, name="event_minutes_correct"),
        path(
            "events/<id:pk>/minutes/<id:version>/",
            minutes_views.minutes_version,
            name="event_minutes_version",
        ),
        path(
            "events/<id:pk>/minutes/<id:version>/write/<slug:language>/",
            minutes_views.minutes_edit,
            name="event_minutes_edit",
        ),
        path(
            "events/<id:pk>/minutes/<id:version>/approve/",
            minutes_views.minutes_approve,
            name="event_minutes_approve",
        ),
        path(
            "events/<id:pk>/minutes/<id:version>/minutes.<slug:language>.pdf",
            minutes_documents.minutes_pdf_view,
            name="event_minutes_pdf",
        ),
        path(
            "events/<id:pk>/minutes/<id:version>/minutes.<slug:language>.docx",
            minutes_documents.minutes_docx_view,
            name="event_minutes_docx",
        ),
        path("events/<id:pk>/actions/new/", minutes_views.action_item_add, name="event_action_item_add"),
        path(
            "events/<id:pk>/actions/<id:action_pk>/<slug:status>/",
            minutes_views.action_item_status,
            name="event_action_item_status",
        ),
        path("events/<id:pk>/news/draft/", news_draft_views.event_news_draft, name="event_news_draft"),
        path(
            "events/news-template/<slug:language>/",
            news_draft_views.news_template_edit,
            name="event_news_template",
        ),
    ],
]

public_patterns = [
    path("events/", public_views.event_list, name="event_list"),
    path("events/past/", public_views.event_archive, name="event_archive"),
    path("events/<slug:partner>/", public_views.partner_events, name="partner_events"),
    path("events/<slug:partner>/calendar.ics", public_views.partner_calendar, name="partner_calendar"),
    path("event/<id:pk>/", public_views.event_detail, name="event_detail"),
    path("event/<id:pk>/agenda.pdf", documents.public_agenda_pdf, name="event_agenda_pdf"),
    # Personal pages opened from invitation e-mails: signed links, no password (rsvp_views.py).
    path("event/answer/<str:token>/", rsvp_views.answer, name="event_rsvp"),
    path("my-meetings/", rsvp_views.my_page_signed_in, name="my_events_signed_in"),
    path("my-meetings/<str:token>/", rsvp_views.my_page, name="my_events"),
]
