"""The demo's upcoming meeting: invitations sent (nobody e-mailed), some answers, and the stakeholder's
demo login landing on her own page with that meeting."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from secon.events import invitations
from secon.events.models import Event, Invitation
from secon.tests.test_translations import untranslated  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_upcoming_meeting_with_invitations_and_answers_and_a_second_load_changes_nothing(
    demo,
):
    event = Event.objects.filter(partner__slug="mazovia").upcoming().get()
    progress = invitations.progress(event)
    assert progress.sent == progress.invited > 5
    assert progress.answers == {"yes": 3, "maybe": 1, "no": 1}
    assert mail.outbox == []
    before = Invitation.objects.count()

    call_command("seed_demo", stdout=io.StringIO())

    assert Invitation.objects.count() == before
    assert Event.objects.filter(partner__slug="mazovia").upcoming().count() == 1


def test_the_stakeholder_demo_login_lands_on_her_own_page_with_the_meeting(demo):
    from secon.projects.demo import DEMO_PASSWORD

    client = Client()
    response = client.post(
        reverse("account_login"), {"login": "interesariusz@mazowsze.example", "password": DEMO_PASSWORD}
    )
    page = client.get(response["Location"])

    assert page.status_code == 200
    event = Event.objects.filter(partner__slug="mazovia").upcoming().get()
    assert event.display_title in page.content.decode()


def test_the_personal_pages_have_no_untranslated_polish_strings(demo, untranslated):  # noqa: F811
    from django.utils import translation

    from secon.events.models import Delivery

    event = Event.objects.filter(partner__slug="mazovia").upcoming().get()
    invitation = Invitation.objects.filter(event=event, delivery=Delivery.SENT).exclude(answer="").first()
    assert invitation is not None
    with translation.override("pl"):
        paths = [
            reverse("public:event_rsvp", args=[invitations.rsvp_token(invitation)]),
            reverse("public:my_events", args=[invitations.my_page_token(invitation.person)]),
            reverse("public:event_rsvp", args=["zmieniony-link"]),
        ]
    client = Client()
    assert [client.get(path).status_code for path in paths] == [200, 200, 400]
    client.post(paths[0], {"answer": "maybe", "send_substitute": "on"})  # the form's messages too
    assert not untranslated, f"Untranslated in Polish: {sorted(untranslated)}"
