"""The export links follow the filters, also when htmx replaces only the results."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_export_links_carry_the_current_filters_in_the_htmx_partial(client, world):
    client.force_login(world.staff)
    response = client.get(
        reverse("manage:organisation_list"), {"q": "spoldzielnia"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert "<html" not in body
    assert reverse("manage:export_list", args=["organisations", "csv"]) + "?q=spoldzielnia" in body
