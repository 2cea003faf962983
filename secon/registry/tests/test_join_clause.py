"""The information clause beside the "join us" form states the retention the purge really applies."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/pl/join/", "/en/join/"])
def test_clause_states_the_configured_retention_of_unconfirmed_requests(client, world, settings, path):
    settings.JOIN_UNCONFIRMED_RETENTION_DAYS = 45
    settings.JOIN_CONFIRM_DAYS = 5
    body = client.get(path).content.decode()
    assert "45" in body and ("po 45 dniach" in body or "after 45 days" in body)
    assert ("przez 5 dni" in body) or ("for 5 days" in body)
