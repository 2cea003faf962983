import pytest
from django.urls import reverse

from secon.core.models import AuditEvent
from secon.projects.models import Partner

pytestmark = pytest.mark.django_db


def test_platform_admin_edits_a_partner_in_the_admin_and_it_is_audited(client, world):
    client.force_login(world.admin)
    url = reverse("admin:projects_partner_change", args=[world.partner.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "project": world.project.pk,
            "slug": "mazovia",
            "name": "Województwo Mazowieckie",
            "name_en": "Mazowieckie Voivodeship",
            "short_name_pl": "Mazowsze",
            "short_name_en": "Mazovia",
            "country": "PL",
            "nuts2": "PL91",
            "region_name": "",
            "role": "PP",
            "language": "pl",
            "order": 5,
            "website": "",
            "description_pl": "",
            "description_en": "",
            "policy_instruments-TOTAL_FORMS": 0,
            "policy_instruments-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.context["adminform"].errors if response.context else ""
    assert Partner.objects.get(pk=world.partner.pk).name == "Województwo Mazowieckie"
    event = AuditEvent.objects.for_object(world.partner).get()
    assert event.code == "projects.partner.updated" and event.actor == world.admin
    assert event.changes["name"] == "Województwo Mazowieckie" and event.changes["via"] == "admin"


def test_a_bad_nuts_code_is_refused_in_the_admin(client, world):
    client.force_login(world.admin)
    response = client.post(
        reverse("admin:projects_partner_change", args=[world.partner.pk]),
        {
            "project": world.project.pk,
            "slug": "mazovia",
            "name": "X",
            "name_en": "X",
            "short_name_pl": "X",
            "country": "Poland",
            "nuts2": "91",
            "role": "PP",
            "language": "pl",
            "order": 5,
            "policy_instruments-TOTAL_FORMS": 0,
            "policy_instruments-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].errors
    assert "country" in errors and "nuts2" in errors
    assert not AuditEvent.objects.exists()


def test_partner_staff_cannot_reach_the_admin(client, world):
    client.force_login(world.coordinator)
    response = client.get(reverse("admin:projects_partner_changelist"))
    assert response.status_code == 302
