"""Every back-office URL, walked as every persona, GET and POST: the access gate holds everywhere.

A POST that is refused (403, 404, or the sign-in page for an anonymous visitor) changes nothing: a
checksum of every table is the same before and after it.

URL_CASES is the table of what each persona must get. A back-office URL without an entry fails
`test_every_back_office_url_has_an_access_case`, so a new view cannot ship without being walked.

Anonymous visitors always get 302 to the login page and stakeholders always get 403 (the gate in
`back_office_view`); the table says what the five back-office personas get.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import World
from secon.tests.factories import make_work_item

pytestmark = pytest.mark.django_db

PERSONAS = ("anonymous", "stakeholder", "other_staff", "staff", "coordinator", "lead", "admin")
BACK_OFFICE_PERSONAS = ("other_staff", "staff", "coordinator", "lead", "admin")
OK, REDIRECT, FORBIDDEN, NOT_FOUND = 200, 302, 403, 404

Builder = Callable[[World], dict[str, Any]]


def expect(*, other_staff: int, staff: int, coordinator: int, lead: int, admin: int) -> dict[str, int]:
    """What the back-office personas get. `world.partner` owns the objects the builders create."""
    return {
        "other_staff": other_staff,
        "staff": staff,
        "coordinator": coordinator,
        "lead": lead,
        "admin": admin,
    }


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(BACK_OFFICE_PERSONAS, status)


def no_arguments(world: World) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Case:
    get: dict[str, int]
    # None: the view has no POST side; it is still walked with POST as anonymous and stakeholder.
    post: dict[str, int] | None = None
    kwargs: Builder = no_arguments
    data: Builder = field(default=no_arguments)


# ---- builders: objects of world.partner, and valid form data --------------------------------------


def work_item_of_partner(world: World) -> dict[str, Any]:
    return {"pk": make_work_item(world.partner).pk}


def history_of_partner_work_item(world: World) -> dict[str, Any]:
    return {"model_label": "projects.workitem", "pk": make_work_item(world.partner).pk}


def news_item_of_partner(world: World) -> dict[str, Any]:
    from secon.news.tests.builders import make_news

    # Two language versions, so deleting one is allowed; "ready" so it may be published.
    return {"pk": make_news(world.partner, {"pl": {"status": "ready"}, "en": {}}).pk}


def news_version_of_partner(world: World) -> dict[str, Any]:
    return {**news_item_of_partner(world), "language": "pl"}


def news_attachment_of_partner(world: World) -> dict[str, Any]:
    from secon.news import services as news_services
    from secon.news.models import NewsItem
    from secon.news.tests.builders import pdf_upload

    item = NewsItem.objects.get(**news_item_of_partner(world))
    attachment = news_services.add_attachment(item, actor=world.staff, title="Agenda", file=pdf_upload())
    return {"pk": item.pk, "attachment_pk": attachment.pk}


def news_item_with_image_of_partner(world: World) -> dict[str, Any]:
    from secon.news import services as news_services
    from secon.news.models import NewsItem
    from secon.news.tests.builders import png_upload

    item = NewsItem.objects.get(**news_item_of_partner(world))
    news_services.set_image(item, actor=world.staff, image=png_upload(), alt="Zdjęcie")
    return {"pk": item.pk}


def event_of_partner(world: World) -> dict[str, Any]:
    from secon.events.tests.builders import make_event

    return {"pk": make_event(world.partner).pk}


def upcoming_event_of_partner(world: World) -> dict[str, Any]:
    from secon.events.tests.test_invitations import upcoming_event

    return {"pk": upcoming_event(world.partner).pk}


def agenda_item_of_partner(world: World) -> dict[str, Any]:
    from secon.events.models import Event
    from secon.events.tests.builders import make_agenda_item

    event = Event.objects.get(**event_of_partner(world))
    return {"pk": event.pk, "item_pk": make_agenda_item(event).pk}


def presenter_of_partner(world: World) -> dict[str, Any]:
    from secon.events.models import AgendaItem
    from secon.events.tests.builders import make_presenter

    ids = agenda_item_of_partner(world)
    presenter = make_presenter(AgendaItem.objects.select_related("event").get(pk=ids["item_pk"]))
    return {"pk": ids["pk"], "presenter_pk": presenter.pk}


def slides_of_partner(world: World) -> dict[str, Any]:
    from secon.events.models import AgendaItem
    from secon.events.tests.builders import make_attachment

    ids = agenda_item_of_partner(world)
    attachment = make_attachment(AgendaItem.objects.select_related("event").get(pk=ids["item_pk"]))
    return {"pk": ids["pk"], "attachment_pk": attachment.pk}


def held_event_of_partner(world: World) -> dict[str, Any]:
    from secon.events.tests.minutes_builders import make_held_event

    return {"pk": make_held_event(world.partner).pk}


def draft_minutes_of_partner(world: World) -> dict[str, Any]:
    from secon.events.tests.minutes_builders import make_held_event, make_minutes

    minutes = make_minutes(make_held_event(world.partner))
    return {"pk": minutes.event_id, "version": minutes.version}


def approved_minutes_of_partner(world: World) -> dict[str, Any]:
    from secon.events.tests.minutes_builders import make_held_event, make_minutes

    return {"pk": make_minutes(make_held_event(world.partner), approved=True).event_id}


def action_item_of_partner(world: World) -> dict[str, Any]:
    from secon.events.tests.minutes_builders import make_action_item, make_held_event

    action = make_action_item(make_held_event(world.partner))
    return {"pk": action.event_id, "action_pk": action.pk, "status": "done"}


def practice_of_partner(world: World) -> dict[str, Any]:
    from secon.practices.tests.builders import make_practice

    return {"pk": make_practice(world.partner, actor=world.staff).pk}


def practice_image_of_partner(world: World) -> dict[str, Any]:
    from secon.news.tests.builders import png_upload
    from secon.practices import services as practice_services
    from secon.practices.models import GoodPractice

    practice = GoodPractice.objects.get(**practice_of_partner(world))
    image = practice_services.add_image(practice, actor=world.staff, image=png_upload(), alt="Warsztat")
    return {"pk": practice.pk, "image_pk": image.pk}


def practice_attachment_of_partner(world: World) -> dict[str, Any]:
    from secon.news.tests.builders import pdf_upload
    from secon.practices import services as practice_services
    from secon.practices.models import GoodPractice

    practice = GoodPractice.objects.get(**practice_of_partner(world))
    attachment = practice_services.add_attachment(
        practice, actor=world.staff, title="Raport", file=pdf_upload()
    )
    return {"pk": practice.pk, "attachment_pk": attachment.pk}


def person_of_partner(world: World) -> dict[str, Any]:
    from secon.tests.factories import make_person

    return {"pk": make_person(world.partner).pk}


def anonymised_person_of_partner(world: World) -> dict[str, Any]:
    from secon.registry.privacy.erasure import anonymise_person
    from secon.tests.factories import make_person

    person = anonymise_person(make_person(world.partner), actor=world.coordinator, reason="request")
    return {"pk": person.pk}


def export_form_data(world: World) -> dict[str, Any]:
    return {"format": "json"}


def work_item_form_data(world: World) -> dict[str, Any]:
    return {
        "semester": 3,
        "kind": "activity",
        "title": "Access walk",
        "due_date": dt.date(2024, 8, 31).isoformat(),
        "status": "planned",
    }


# ---- registry pages (organisations, people, the stakeholder group) ---------------------------------


def organisation_of_partner(world: World) -> dict[str, Any]:
    from secon.tests.factories import make_organisation

    return {"pk": make_organisation(world.partner).pk}


def status_of_partner(world: World) -> dict[str, Any]:
    from secon.registry.records.editing import add_status
    from secon.tests.factories import make_organisation

    organisation = make_organisation(world.partner)
    status = add_status(organisation, actor=None, kind="public_benefit", granted_on=dt.date(2020, 1, 1))
    return {"pk": organisation.pk, "status_pk": status.pk}


def affiliation_of_partner(world: World) -> dict[str, Any]:
    from secon.registry.records.services import set_affiliation
    from secon.tests.factories import make_organisation, make_person

    person = make_person(world.partner)
    affiliation = set_affiliation(person, actor=None, organisation=make_organisation(world.partner))
    return {"pk": person.pk, "affiliation_pk": affiliation.pk}


def person_with_consent_of_partner(world: World) -> dict[str, Any]:
    from secon.registry.records.services import record_consent
    from secon.tests.factories import make_person

    person = make_person(world.partner)
    record_consent(person, actor=None, purpose="surveys", legal_basis="public_task", source="staff")
    return {"pk": person.pk}


def membership_of_partner(world: World) -> dict[str, Any]:
    from secon.registry.records.services import add_membership
    from secon.tests.factories import make_organisation, make_person

    membership = add_membership(
        make_person(world.partner),
        actor=None,
        organisation=make_organisation(world.partner),
        since=dt.date(2023, 4, 21),
    )
    return {"pk": membership.pk}


def organisation_form_data(world: World) -> dict[str, Any]:
    from secon.registry.models import OrganisationType

    # `partner` is only read for the administrator, who has no registry of their own. A kind every
    # country has: each persona adds to its own partner's registry, in its own country.
    return {
        "partner": world.partner.pk,
        "name": "Access walk",
        "type": OrganisationType.objects.get(code="other").pk,
        "helix": "civil_society",
    }


def person_form_data(world: World) -> dict[str, Any]:
    return {
        "partner": world.partner.pk,
        "given_names": "Access",
        "surname": "Walk",
        "email": "walk@example.org",
        "language": "pl",
    }


def status_form_data(world: World) -> dict[str, Any]:
    return {"kind": "social_enterprise", "granted_on": "2024-01-15"}


def end_form_data(world: World) -> dict[str, Any]:
    return {"until": "2025-01-31"}


def affiliation_form_data(world: World) -> dict[str, Any]:
    from secon.tests.factories import make_organisation

    return {"organisation": make_organisation(world.partner).pk, "position": "Walker"}


def consent_form_data(world: World) -> dict[str, Any]:
    return {
        "consent-purpose": "newsletter",
        "consent-legal_basis": "consent",
        "consent-source": "paper",
        "consent-text_version": "clause-1",
    }


def withdraw_form_data(world: World) -> dict[str, Any]:
    return {"withdraw-purpose": "surveys", "withdraw-through": "phone"}


def member_form_data(world: World) -> dict[str, Any]:
    from secon.tests.factories import make_organisation, make_person

    return {
        "partner": world.partner.pk,
        "person": make_person(world.partner).pk,
        "organisation": make_organisation(world.partner).pk,
        "role": "member",
        "since": "2024-02-23",
    }


# ---- "join us" requests -----------------------------------------------------------------------------


def join_request_of_partner(world: World) -> dict[str, Any]:
    from secon.registry.tests.join_builders import make_join_request

    return {"pk": make_join_request(world.partner).pk}


# ---- registry import, export, merge -------------------------------------------------------------------


def import_batch_of_partner(world: World) -> dict[str, Any]:
    from secon.registry import imports

    data = b"Nazwa;Forma prawna\r\nFundacja Spacer;Fundacja\r\n"
    batch = imports.import_file_for_partner(
        world.partner, data, kind="organisations", actor=world.staff, valid_rows_only=False, write=False
    )
    return {"pk": batch.pk}


def organisations_export(world: World) -> dict[str, Any]:
    return {"kind": "organisations", "file_format": "csv"}


def duplicates_of_organisations(world: World) -> dict[str, Any]:
    return {"kind": "organisations"}


def two_organisations_of_partner(world: World) -> dict[str, Any]:
    from secon.tests.factories import make_organisation

    first = make_organisation(world.partner, name="Fundacja Dwa")
    second = make_organisation(world.partner, name="Fundacja Dwa")
    return {"kind": "organisations", "pk": first.pk, "other_pk": second.pk}


# What each persona reading/writing a record of world.partner gets.
PARTNER_RECORD_READ = expect(other_staff=NOT_FOUND, staff=OK, coordinator=OK, lead=OK, admin=OK)
# Saving redirects; the Lead Partner reviews but may not change another partner's record.
PARTNER_RECORD_WRITE = expect(
    other_staff=NOT_FOUND, staff=REDIRECT, coordinator=REDIRECT, lead=FORBIDDEN, admin=REDIRECT
)
# A confirmation page that already needs the right to change the record.
PARTNER_RECORD_CONFIRM = expect(other_staff=NOT_FOUND, staff=OK, coordinator=OK, lead=FORBIDDEN, admin=OK)
# Coordinator-only pages about a record of world.partner (coordinator_view: staff are refused first).
COORDINATOR_RECORD_READ = expect(other_staff=FORBIDDEN, staff=FORBIDDEN, coordinator=OK, lead=OK, admin=OK)
COORDINATOR_RECORD_WRITE = expect(
    other_staff=FORBIDDEN, staff=FORBIDDEN, coordinator=REDIRECT, lead=FORBIDDEN, admin=REDIRECT
)

# A step only the coordinator of the practice's partner (or the admin) takes; the page says so to others.
PRACTICE_COORDINATOR_STEP = expect(
    other_staff=NOT_FOUND, staff=FORBIDDEN, coordinator=OK, lead=FORBIDDEN, admin=OK
)

URL_CASES: dict[str, Case] = {
    # projects
    "dashboard": Case(get=everyone(OK)),
    "workplan": Case(get=everyone(OK)),
    "work_item_create": Case(
        # The admin belongs to no partner, so has no work plan of its own: sent back to the list.
        get=expect(other_staff=OK, staff=OK, coordinator=OK, lead=OK, admin=REDIRECT),
        post=everyone(REDIRECT),
        data=work_item_form_data,
    ),
    "work_item_edit": Case(
        get=PARTNER_RECORD_READ,
        post=PARTNER_RECORD_WRITE,
        kwargs=work_item_of_partner,
        data=work_item_form_data,
    ),
    "work_item_delete": Case(
        get=PARTNER_RECORD_CONFIRM, post=PARTNER_RECORD_WRITE, kwargs=work_item_of_partner
    ),
    # core
    "record_history": Case(get=COORDINATOR_RECORD_READ, kwargs=history_of_partner_work_item),
    "record_history_export": Case(get=COORDINATOR_RECORD_READ, kwargs=history_of_partner_work_item),
    # news (the forms are posted empty: those who may write get the form back with its messages)
    "news_list": Case(get=everyone(OK)),
    "news_create": Case(
        get=expect(other_staff=OK, staff=OK, coordinator=OK, lead=OK, admin=REDIRECT),
        post=expect(other_staff=OK, staff=OK, coordinator=OK, lead=OK, admin=REDIRECT),
    ),
    "news_edit": Case(get=PARTNER_RECORD_READ, kwargs=news_item_of_partner),
    "news_delete": Case(get=PARTNER_RECORD_CONFIRM, post=PARTNER_RECORD_WRITE, kwargs=news_item_of_partner),
    "news_image": Case(get=PARTNER_RECORD_CONFIRM, post=PARTNER_RECORD_CONFIRM, kwargs=news_item_of_partner),
    "news_image_remove": Case(
        get=PARTNER_RECORD_CONFIRM, post=PARTNER_RECORD_WRITE, kwargs=news_item_of_partner
    ),
    "news_attachment_add": Case(
        get=PARTNER_RECORD_CONFIRM, post=PARTNER_RECORD_CONFIRM, kwargs=news_item_of_partner
    ),
    "news_image_file": Case(get=PARTNER_RECORD_READ, kwargs=news_item_with_image_of_partner),
    "news_attachment_file": Case(get=PARTNER_RECORD_READ, kwargs=news_attachment_of_partner),
    "news_attachment_remove": Case(
        get=PARTNER_RECORD_CONFIRM, post=PARTNER_RECORD_WRITE, kwargs=news_attachment_of_partner
    ),
    # events (the forms are posted empty: those who may write get the form back with its messages)
    "event_list": Case(get=everyone(OK)),
    "event_create": Case(
        get=expect(other_staff=OK, staff=OK, coordinator=OK, lead=OK, admin=REDIRECT),
        post=expect(other_staff=OK, staff=OK, coordinator=OK, lead=OK, admin=REDIRECT),
    ),
    "event_detail": Case(get=PARTNER_RECORD_READ, kwargs=event_of_partner),
    "event_edit": Case(get=PARTNER_RECORD_CONFIRM, post=PARTNER_RECORD_CONFIRM, kwargs=event_of_partner),
    "event_status": Case(
        get=PARTNER_RECORD_CONFIRM,
        post=PARTNER_RECORD_WRITE,
        kwargs=lambda world: {**event_of_partner(world), "status": "invitations_sent"},
    ),
    "event_agenda_pdf": Case(
        get=PARTNER_RECORD_READ, kwargs=lambda world: {**event_of_partner(world), "language": "en"}
    ),
    "event_agenda_item_add": Case(
        get=PARTNER_RECORD_CONFIRM, post=PARTNER_RECORD_CONFIRM, kwargs=event_of_partner
    ),
    "event_agenda_item_edit": Case(
        get=PARTNER_RECORD_CONFIRM, post=PARTNER_RECORD_CONFIRM, kwargs=agenda_item_of_partner
    ),
    "event_agenda_item_remove": Case(
        get=PARTNER_RECORD_CONFIRM, post=PARTNER_RECORD_WRITE, kwargs=agenda_item_of_partner
    ),
    # Moving acts only on POST; a GET goes back to the agenda (after the same gate).
    "event_agenda_item_move": Case(
        get=PARTNER_RECORD_WRITE,
        post=PARTNER_RECORD_WRITE,
        kwargs=lambda world: {**agenda_item_of_partner(world), "direction": "up"},
    ),
    "event_presenter_add": Case(
        get=PARTNER_RECORD_CONFIRM, post=PARTNER_RECORD_CONFIRM, kwargs=agenda_item_of_partner
    ),
    "event_presenter_remove": Case(
        get=PARTNER_RECORD_CONFIRM, post=PARTNER_RECORD_WRITE, kwargs=presenter_of_partner
    ),
    "event_attachment_add": Case(
        get=PARTNER_RECORD_CONFIRM, post=PARTNER_RECORD_CONFIRM, kwargs=agenda_item_of_partner
    ),
    "event_attachment_file": Case(get=PARTNER_RECORD_READ, kwargs=slides_of_partner),
    "event_attachment_remove": Case(
        get=PARTNER_RECORD_CONFIRM, post=PARTNER_RECORD_WRITE, kwargs=slides_of_partner
    ),
    # invitations (secon/events/invitation_views.py); inviting needs an event still to come
    "event_invite": Case(
        get=PARTNER_RECORD_CONFIRM, post=PARTNER_RECORD_WRITE, kwargs=upcoming_event_of_partner
    ),
    "event_invitations": Case(get=PARTNER_RECORD_READ, kwargs=event_of_partner),
    "event_invitation_progress": Case(get=PARTNER_RECORD_READ, kwargs=event_of_partner),
    # minutes and action items (secon/events/minutes_views.py)
    "event_agenda_docx": Case(
        get=PARTNER_RECORD_READ, kwargs=lambda world: {**event_of_partner(world), "language": "pl"}
    ),
    "event_minutes": Case(get=PARTNER_RECORD_READ, kwargs=held_event_of_partner),
    "event_minutes_version": Case(get=PARTNER_RECORD_READ, kwargs=draft_minutes_of_partner),
    # Starting acts only on POST; a GET goes back to the minutes (after the same gate).
    "event_minutes_start": Case(
        get=PARTNER_RECORD_WRITE, post=PARTNER_RECORD_WRITE, kwargs=held_event_of_partner
    ),
    "event_minutes_edit": Case(
        get=PARTNER_RECORD_CONFIRM,
        post=PARTNER_RECORD_CONFIRM,
        kwargs=lambda world: {**draft_minutes_of_partner(world), "language": "en"},
    ),
    # Approving is the coordinator's: staff are refused before the record is looked at.
    "event_minutes_approve": Case(
        get=expect(other_staff=FORBIDDEN, staff=FORBIDDEN, coordinator=OK, lead=FORBIDDEN, admin=OK),
        post=COORDINATOR_RECORD_WRITE,
        kwargs=draft_minutes_of_partner,
    ),
    "event_minutes_correct": Case(
        get=PARTNER_RECORD_CONFIRM, post=PARTNER_RECORD_CONFIRM, kwargs=approved_minutes_of_partner
    ),
    "event_minutes_pdf": Case(
        get=PARTNER_RECORD_READ, kwargs=lambda world: {**draft_minutes_of_partner(world), "language": "pl"}
    ),
    "event_minutes_docx": Case(
        get=PARTNER_RECORD_READ, kwargs=lambda world: {**draft_minutes_of_partner(world), "language": "en"}
    ),
    "event_action_item_add": Case(
        get=PARTNER_RECORD_CONFIRM,
        post=PARTNER_RECORD_WRITE,
        kwargs=held_event_of_partner,
        data=lambda world: {"text": "Przygotować ankietę"},
    ),
    # Changing the status acts only on POST; a GET goes back to the minutes.
    "event_action_item_status": Case(
        get=PARTNER_RECORD_WRITE, post=PARTNER_RECORD_WRITE, kwargs=action_item_of_partner
    ),
    # Drafting acts only on POST (here refused with a message: the minutes are not approved).
    "event_news_draft": Case(
        get=PARTNER_RECORD_WRITE, post=PARTNER_RECORD_WRITE, kwargs=held_event_of_partner
    ),
    # The coordinator's own partner's templates; the admin belongs to no partner and is sent back.
    "event_news_template": Case(
        get=expect(other_staff=FORBIDDEN, staff=FORBIDDEN, coordinator=OK, lead=OK, admin=REDIRECT),
        post=expect(other_staff=FORBIDDEN, staff=FORBIDDEN, coordinator=OK, lead=OK, admin=REDIRECT),
        kwargs=lambda world: {"language": "pl"},
    ),
    # good practices (the forms are posted empty: those who may write get the form back)
    "practice_list": Case(get=everyone(OK)),
    "practice_create": Case(
        get=expect(other_staff=OK, staff=OK, coordinator=OK, lead=OK, admin=REDIRECT),
        post=expect(other_staff=OK, staff=OK, coordinator=OK, lead=OK, admin=REDIRECT),
    ),
    "practice_detail": Case(get=PARTNER_RECORD_READ, kwargs=practice_of_partner),
    "practice_edit": Case(
        get=PARTNER_RECORD_CONFIRM, post=PARTNER_RECORD_CONFIRM, kwargs=practice_of_partner
    ),
    "practice_versions": Case(get=PARTNER_RECORD_READ, kwargs=practice_of_partner),
    "practice_version_current": Case(
        get=PARTNER_RECORD_WRITE,
        post=PARTNER_RECORD_WRITE,
        kwargs=lambda world: {**practice_of_partner(world), "language": "pl"},
    ),
    # Submitting is the partner coordinator's step: its staff and the Lead Partner are refused.
    "practice_step": Case(
        get=PRACTICE_COORDINATOR_STEP,
        post=PRACTICE_COORDINATOR_STEP,
        kwargs=lambda world: {**practice_of_partner(world), "step": "submit"},
    ),
    "practice_scores": Case(
        get=PRACTICE_COORDINATOR_STEP,
        post=PRACTICE_COORDINATOR_STEP,
        kwargs=lambda world: {**practice_of_partner(world), "assessor": "partner"},
    ),
    "practice_image_add": Case(
        get=PARTNER_RECORD_CONFIRM, post=PARTNER_RECORD_CONFIRM, kwargs=practice_of_partner
    ),
    "practice_image_file": Case(get=PARTNER_RECORD_READ, kwargs=practice_image_of_partner),
    "practice_image_remove": Case(
        get=PARTNER_RECORD_WRITE, post=PARTNER_RECORD_WRITE, kwargs=practice_image_of_partner
    ),
    "practice_attachment_add": Case(
        get=PARTNER_RECORD_CONFIRM, post=PARTNER_RECORD_CONFIRM, kwargs=practice_of_partner
    ),
    "practice_attachment_file": Case(get=PARTNER_RECORD_READ, kwargs=practice_attachment_of_partner),
    "practice_attachment_remove": Case(
        get=PARTNER_RECORD_WRITE, post=PARTNER_RECORD_WRITE, kwargs=practice_attachment_of_partner
    ),
    # Polish and English are written side by side: their single-language page sends there.
    "news_translation_edit": Case(
        get=PARTNER_RECORD_WRITE, post=PARTNER_RECORD_CONFIRM, kwargs=news_version_of_partner
    ),
    "news_text_edit": Case(
        get=PARTNER_RECORD_CONFIRM, post=PARTNER_RECORD_CONFIRM, kwargs=news_item_of_partner
    ),
    "news_publish_ready": Case(
        get=PARTNER_RECORD_CONFIRM, post=PARTNER_RECORD_CONFIRM, kwargs=news_item_of_partner
    ),
    # Anyone in the back office may preview Markdown (it reads and writes no record); only by POST.
    "news_preview": Case(get=everyone(405), post=everyone(OK)),
    # The status buttons only act on POST; a GET just goes back to the item page.
    "news_mark_ready": Case(
        get=everyone(REDIRECT), post=PARTNER_RECORD_WRITE, kwargs=news_version_of_partner
    ),
    "news_mark_draft": Case(
        get=everyone(REDIRECT), post=PARTNER_RECORD_WRITE, kwargs=news_version_of_partner
    ),
    "news_mark_current": Case(
        get=everyone(REDIRECT), post=PARTNER_RECORD_WRITE, kwargs=news_version_of_partner
    ),
    "news_publish": Case(
        get=PARTNER_RECORD_CONFIRM, post=PARTNER_RECORD_CONFIRM, kwargs=news_version_of_partner
    ),
    "news_unpublish": Case(
        get=PARTNER_RECORD_CONFIRM, post=PARTNER_RECORD_WRITE, kwargs=news_version_of_partner
    ),
    "news_translation_delete": Case(
        get=PARTNER_RECORD_CONFIRM, post=PARTNER_RECORD_WRITE, kwargs=news_version_of_partner
    ),
    # registry: organisations, people, consents, the stakeholder group
    "organisation_list": Case(get=everyone(OK)),
    "organisation_create": Case(get=everyone(OK), post=everyone(REDIRECT), data=organisation_form_data),
    "organisation_detail": Case(get=PARTNER_RECORD_READ, kwargs=organisation_of_partner),
    "organisation_edit": Case(
        get=PARTNER_RECORD_CONFIRM,
        post=PARTNER_RECORD_WRITE,
        kwargs=organisation_of_partner,
        data=organisation_form_data,
    ),
    "organisation_delete": Case(
        get=PARTNER_RECORD_CONFIRM, post=PARTNER_RECORD_WRITE, kwargs=organisation_of_partner
    ),
    "organisation_status_add": Case(
        get=PARTNER_RECORD_CONFIRM,
        post=PARTNER_RECORD_WRITE,
        kwargs=organisation_of_partner,
        data=status_form_data,
    ),
    "organisation_status_end": Case(
        get=PARTNER_RECORD_CONFIRM, post=PARTNER_RECORD_WRITE, kwargs=status_of_partner, data=end_form_data
    ),
    "person_list": Case(get=everyone(OK)),
    "person_create": Case(get=everyone(OK), post=everyone(REDIRECT), data=person_form_data),
    "person_detail": Case(get=PARTNER_RECORD_READ, kwargs=person_of_partner),
    "person_edit": Case(
        get=PARTNER_RECORD_CONFIRM, post=PARTNER_RECORD_WRITE, kwargs=person_of_partner, data=person_form_data
    ),
    "person_affiliation_add": Case(
        get=PARTNER_RECORD_CONFIRM,
        post=PARTNER_RECORD_WRITE,
        kwargs=person_of_partner,
        data=affiliation_form_data,
    ),
    "person_affiliation_end": Case(
        get=PARTNER_RECORD_CONFIRM,
        post=PARTNER_RECORD_WRITE,
        kwargs=affiliation_of_partner,
        data=end_form_data,
    ),
    "person_consent_record": Case(
        get=PARTNER_RECORD_CONFIRM,
        post=PARTNER_RECORD_WRITE,
        kwargs=person_of_partner,
        data=consent_form_data,
    ),
    "person_consent_withdraw": Case(
        get=PARTNER_RECORD_CONFIRM,
        post=PARTNER_RECORD_WRITE,
        kwargs=person_with_consent_of_partner,
        data=withdraw_form_data,
    ),
    "rsg": Case(get=everyone(OK)),
    "rsg_member_add": Case(
        # Everyone adds to their own partner's group; the people posted belong to world.partner, so
        # another partner's staff get the form back, and the Lead Partner may not add to it.
        get=everyone(OK),
        post=expect(other_staff=OK, staff=REDIRECT, coordinator=REDIRECT, lead=FORBIDDEN, admin=REDIRECT),
        data=member_form_data,
    ),
    "rsg_member_end": Case(
        get=PARTNER_RECORD_CONFIRM,
        post=PARTNER_RECORD_WRITE,
        kwargs=membership_of_partner,
        data=end_form_data,
    ),
    # registry: GDPR (exporting and erasing are the person's own partner's acts, not the Lead Partner's)
    "person_export": Case(
        get=PARTNER_RECORD_CONFIRM,
        post=PARTNER_RECORD_CONFIRM,  # the file itself
        kwargs=person_of_partner,
        data=export_form_data,
    ),
    "person_anonymise": Case(
        # Posted empty: the form comes back asking for the name; nothing is erased.
        get=expect(other_staff=FORBIDDEN, staff=FORBIDDEN, coordinator=OK, lead=FORBIDDEN, admin=OK),
        post=expect(other_staff=FORBIDDEN, staff=FORBIDDEN, coordinator=OK, lead=FORBIDDEN, admin=OK),
        kwargs=person_of_partner,
    ),
    "person_anonymised": Case(
        get=expect(other_staff=FORBIDDEN, staff=FORBIDDEN, coordinator=OK, lead=FORBIDDEN, admin=OK),
        kwargs=anonymised_person_of_partner,
    ),
    # registry: "join us" review queue (accepting and declining are the request's own partner's acts)
    "join_request_list": Case(get=everyone(OK)),
    "join_request_detail": Case(get=PARTNER_RECORD_READ, kwargs=join_request_of_partner),
    "join_request_accept": Case(
        get=PARTNER_RECORD_CONFIRM, post=PARTNER_RECORD_WRITE, kwargs=join_request_of_partner
    ),
    "join_request_decline": Case(
        get=PARTNER_RECORD_CONFIRM, post=PARTNER_RECORD_WRITE, kwargs=join_request_of_partner
    ),
    # registry: import, export of filtered lists, duplicates and merge (coordinators only)
    "import_start": Case(get=everyone(OK), post=everyone(OK)),
    "import_mapping": Case(
        get=PARTNER_RECORD_CONFIRM, post=PARTNER_RECORD_CONFIRM, kwargs=import_batch_of_partner
    ),
    "import_report": Case(get=PARTNER_RECORD_READ, kwargs=import_batch_of_partner),
    "import_bad_rows": Case(get=PARTNER_RECORD_READ, kwargs=import_batch_of_partner),
    # A GET only leads back to the report; the POST queues the write.
    "import_confirm": Case(
        get=expect(
            other_staff=NOT_FOUND, staff=REDIRECT, coordinator=REDIRECT, lead=REDIRECT, admin=REDIRECT
        ),
        post=PARTNER_RECORD_WRITE,
        kwargs=import_batch_of_partner,
    ),
    "import_progress": Case(get=PARTNER_RECORD_READ, kwargs=import_batch_of_partner),
    # Re-queuing or cancelling is the coordinator's; a GET only leads back to the progress page.
    "import_requeue": Case(
        get=COORDINATOR_RECORD_WRITE, post=COORDINATOR_RECORD_WRITE, kwargs=import_batch_of_partner
    ),
    "import_cancel": Case(
        get=COORDINATOR_RECORD_WRITE, post=COORDINATOR_RECORD_WRITE, kwargs=import_batch_of_partner
    ),
    "export_list": Case(get=everyone(OK), kwargs=organisations_export),
    "merge_candidates": Case(get=COORDINATOR_RECORD_READ, kwargs=duplicates_of_organisations),
    "merge_compare": Case(
        get=expect(other_staff=FORBIDDEN, staff=FORBIDDEN, coordinator=OK, lead=FORBIDDEN, admin=OK),
        post=expect(
            other_staff=FORBIDDEN, staff=FORBIDDEN, coordinator=REDIRECT, lead=FORBIDDEN, admin=REDIRECT
        ),
        kwargs=two_organisations_of_partner,
    ),
}


# ---- the walk --------------------------------------------------------------------------------------


def _walk(patterns: list[Any], namespaces: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], URLPattern]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from _walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            yield namespaces, entry


def back_office_patterns() -> dict[str, URLPattern]:
    """Every URL pattern under the "manage" namespace, keyed by its name inside that namespace."""
    found: dict[str, URLPattern] = {}
    for namespaces, pattern in _walk(get_resolver().url_patterns, ()):
        if namespaces[:1] != ("manage",):
            continue
        assert pattern.name, f"Back-office URL {pattern.pattern} has no name, so it cannot be walked."
        found[":".join((*namespaces[1:], pattern.name))] = pattern
    return found


def test_every_back_office_url_has_an_access_case() -> None:
    found = set(back_office_patterns())
    missing = sorted(found - set(URL_CASES))
    stale = sorted(set(URL_CASES) - found)
    assert not missing, (
        f"Back-office URLs without an entry in URL_CASES ({__name__}): {missing}. "
        "Add what every persona must get."
    )
    assert not stale, f"URL_CASES names URLs that no longer exist: {stale}"


def test_every_back_office_view_is_behind_the_gate() -> None:
    ungated = sorted(
        name
        for name, pattern in back_office_patterns().items()
        if not getattr(pattern.callback, "back_office", False)
    )
    assert not ungated, f"Wrap these views in back_office_view or coordinator_view: {ungated}"


def _walk_cases() -> Iterator[Any]:
    for name, case in URL_CASES.items():
        for persona in PERSONAS:
            yield pytest.param(name, "get", persona, id=f"{name}-GET-{persona}")
        post_personas = PERSONAS if case.post is not None else ("anonymous", "stakeholder")
        for persona in post_personas:
            yield pytest.param(name, "post", persona, id=f"{name}-POST-{persona}")


def _expected(case: Case, method: str, persona: str) -> int:
    if persona == "anonymous":
        return REDIRECT
    if persona == "stakeholder":
        return FORBIDDEN
    table = case.get if method == "get" else case.post
    assert table is not None
    return table[persona]


@pytest.mark.parametrize(("name", "method", "persona"), list(_walk_cases()))
def test_back_office_url_answers_each_persona_as_expected(
    client: Client, world: World, name: str, method: str, persona: str
) -> None:
    case = URL_CASES[name]
    url = reverse(f"manage:{name}", kwargs=case.kwargs(world))
    user = world.personas()[persona]
    if user is not None:
        client.force_login(user)
    expected = _expected(case, method, persona)
    if method == "get":
        response = client.get(url)
    else:
        data = case.data(world)
        before = database_snapshot()
        response = client.post(url, data)
        if expected in REFUSED or persona == "anonymous":
            assert database_snapshot() == before, f"A refused POST {url} as {persona} changed the database"
    assert response.status_code == expected, f"{method.upper()} {url} as {persona}"
    if persona == "anonymous":
        assert response["Location"].startswith(reverse("account_login") + "?next=")


REFUSED = (FORBIDDEN, NOT_FOUND)
# Tables a refused request may still write: the signed-in visitor's session.
UNGUARDED_TABLES = {"django_session"}


def database_snapshot() -> dict[str, str]:
    """A checksum of every row of every table, so that any change a request makes shows."""
    from django.apps import apps

    snapshot = {}
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if table in UNGUARDED_TABLES:
            continue
        rows = model._base_manager.order_by("pk").values_list()
        snapshot[table] = hashlib.sha256(repr(list(rows)).encode()).hexdigest()
    return snapshot


def test_the_snapshot_sees_a_change_in_any_row(world: World) -> None:
    before = database_snapshot()
    world.partner.name = "Mazowsze (changed)"
    world.partner.save()
    after = database_snapshot()
    assert [table for table in before if before[table] != after[table]] == ["projects_partner"]
