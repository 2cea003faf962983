"""Scores against SECON's criteria by both sides; the contact person shown only with consent; GDPR."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World
from secon.core.personal_data import registered_sections
from secon.practices import services
from secon.practices.models import Criterion, GoodPractice, PracticeScore
from secon.practices.personal_data import erase_contacts, export_contacts
from secon.practices.tests.builders import make_practice
from secon.registry.models import LegalBasis, Purpose
from secon.registry.records import services as registry_services
from secon.tests.factories import make_person

pytestmark = pytest.mark.django_db


def _client(user: Any, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def score_form(score: int, comment: str = "") -> dict[str, str]:
    data: dict[str, str] = {}
    for criterion in Criterion.values:
        data[f"{criterion}_score"] = str(score)
        data[f"{criterion}_comment"] = comment
    return data


def test_partner_and_lead_partner_score_separately_and_the_totals_stand_side_by_side(world: World) -> None:
    practice = make_practice(world.partner, actor=world.staff)
    url = reverse("manage:practice_scores", kwargs={"pk": practice.pk, "assessor": "partner"})
    assert _client(world.coordinator).post(url, score_form(4, "Działa od 2019 r.")).status_code == 302
    services.submit_practice(practice, actor=world.coordinator)
    lead_url = reverse("manage:practice_scores", kwargs={"pk": practice.pk, "assessor": "lead_partner"})
    assert _client(world.lead).post(lead_url, score_form(3)).status_code == 302

    page = _client(world.staff).get(reverse("manage:practice_detail", kwargs={"pk": practice.pk}))
    html = page.content.decode()

    assert PracticeScore.objects.filter(practice=practice).count() == 14
    assert "<td>28</td><td>21</td>" in html.replace("\n", "")
    assert "Działa od 2019 r." in html


def test_a_score_above_five_is_refused_and_nothing_is_saved(world: World) -> None:
    practice = make_practice(world.partner, actor=world.staff)
    url = reverse("manage:practice_scores", kwargs={"pk": practice.pk, "assessor": "partner"})

    response = _client(world.coordinator).post(url, score_form(6))

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not PracticeScore.objects.exists()


def test_the_lead_partner_cannot_score_a_draft_nor_the_partner_after_submission(world: World) -> None:
    practice = make_practice(world.partner, actor=world.staff)
    lead_url = reverse("manage:practice_scores", kwargs={"pk": practice.pk, "assessor": "lead_partner"})
    assert _client(world.lead).post(lead_url, score_form(3)).status_code == 403

    services.submit_practice(practice, actor=world.coordinator)
    url = reverse("manage:practice_scores", kwargs={"pk": practice.pk, "assessor": "partner"})
    assert _client(world.coordinator).post(url, score_form(5)).status_code == 403
    assert not PracticeScore.objects.exists()


def test_a_contact_without_consent_to_publication_is_not_shown_publicly(world: World) -> None:
    person = make_person(world.partner, full_name="Anna Kowalska")
    practice = make_practice(world.partner, actor=world.staff, contact_person=person, show_contact=True)

    page = _client(world.staff).get(reverse("manage:practice_detail", kwargs={"pk": practice.pk}))

    assert GoodPractice.objects.get(pk=practice.pk).public_contact is None
    assert "not shown publicly: the public page names the institution only" in page.content.decode()


def test_a_contact_with_consent_to_publication_is_shown_and_a_withdrawal_hides_them(world: World) -> None:
    person = make_person(world.partner, full_name="Anna Kowalska")
    practice = make_practice(world.partner, actor=world.staff, contact_person=person, show_contact=True)
    consent = registry_services.record_consent(
        person, actor=world.staff, purpose=Purpose.PUBLICATION, legal_basis=LegalBasis.CONSENT, source="staff"
    )
    assert GoodPractice.objects.get(pk=practice.pk).public_contact == person

    consent.withdrawn_at = timezone.now()
    consent.save()

    assert GoodPractice.objects.get(pk=practice.pk).public_contact is None


def test_a_consented_contact_is_still_hidden_when_the_partner_does_not_show_them(world: World) -> None:
    person = make_person(world.partner, full_name="Anna Kowalska")
    registry_services.record_consent(
        person, actor=world.staff, purpose=Purpose.PUBLICATION, legal_basis=LegalBasis.CONSENT, source="staff"
    )
    practice = make_practice(world.partner, actor=world.staff, contact_person=person, show_contact=False)

    assert practice.public_contact is None


def test_the_contact_is_in_the_persons_export_and_erasure_unlinks_it_from_every_saved_version(
    world: World,
) -> None:
    person = make_person(world.partner, full_name="Anna Kowalska")
    practice = make_practice(world.partner, actor=world.staff, contact_person=person, show_contact=True)
    assert "practices" in {section.key for section in registered_sections()}
    assert [row["practice_id"] for row in export_contacts(person)] == [practice.pk]

    erased = erase_contacts(person, timezone.now())

    practice.refresh_from_db()
    assert practice.contact_person is None and not practice.show_contact
    assert erased.counts == {"practice_contacts_unlinked": 1}
    assert "Anna Kowalska" not in str([s.data for s in practice.snapshots.all()])
