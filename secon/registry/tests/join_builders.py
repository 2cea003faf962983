"""Builders for the “join us” tests: form data, requests in each state, links read out of e-mails."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlparse

from django.core import mail

from secon.projects.models import Partner
from secon.registry.join import services as join
from secon.registry.models import JoinRequest, JoinRequestStatus, Theme
from secon.registry.models.people import split_full_name
from secon.registry.reference_data import load_reference_data

_LINK = re.compile(r"https?://[^\s\"<>]+")


def ensure_reference_data() -> None:
    # Transactional (browser) tests flush the database, migration data included; the lists come back here.
    load_reference_data()


def form_data(partner: Partner, **overrides: Any) -> dict[str, Any]:
    ensure_reference_data()
    data: dict[str, Any] = {
        "given_names": "Anna",
        "surname": "Kowalska",
        "email": "anna.kowalska@example.org",
        "organisation": "",
        "partner": partner.pk,
        "interests": [Theme.objects.get(code="social-inclusion").pk],
        "message": "Chcę pomóc.",
        "consent": "on",
        "homepage": "",
    }
    data.update(overrides)
    return data


def make_join_request(
    partner: Partner, *, status: str = JoinRequestStatus.CONFIRMED, **fields: Any
) -> JoinRequest:
    values: dict[str, Any] = {
        "given_names": "Jan",
        "surname": "Nowak",
        "email": f"jan{JoinRequest.objects.count() + 1}@example.org",
        "language": "pl",
    }
    if "full_name" in fields:  # "Anna Kowalska" for short, split at the last word
        values["given_names"], values["surname"] = split_full_name(fields.pop("full_name"))
    values.update(fields)
    submission = join.submit_join_request(partner, **values)
    join_request = submission.join_request
    if status != JoinRequestStatus.UNCONFIRMED:
        join.confirm_join_request(join_request)
    join_request.refresh_from_db()
    return join_request


def links_in(message: mail.EmailMessage) -> list[str]:
    return _LINK.findall(str(message.body))


def path_of(url: str) -> str:
    return urlparse(url).path


def link_to(message: mail.EmailMessage, fragment: str) -> str:
    """The path of the first link in the e-mail's text that contains `fragment` (e.g. "/opt-out/")."""
    found = [path_of(url) for url in links_in(message) if fragment in url]
    assert found, f"No link with {fragment!r} in: {message.body}"
    return found[0]
