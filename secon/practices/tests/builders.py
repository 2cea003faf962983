"""Builders for the good-practice tests: a practice of a partner, complete in Polish and English."""

from __future__ import annotations

import datetime as dt
from typing import Any

from secon.accounts.models import User
from secon.practices import services
from secon.practices.models import GoodPractice, State
from secon.practices.services import VersionTexts
from secon.projects.models import Partner
from secon.tests.factories import make_organisation

POLISH = {
    "title": "Wielosektorowa spółdzielnia socjalna",
    "summary": "Spółdzielnia socjalna zatrudnia osoby zagrożone wykluczeniem.",
    "description": "Opis praktyki.",
    "resources": "Dotacja i praca członków.",
    "evidence": "Dwanaście miejsc pracy.",
    "difficulties": "Brak lokalu na początku.",
    "transfer_potential": "Model do przeniesienia do innych gmin.",
    "further_information": "https://example.org/spoldzielnia",
}
ENGLISH = {
    "title": "Multi-sector social cooperative",
    "summary": "A social cooperative employing people at risk of exclusion.",
    "description": "Description of the practice.",
    "resources": "A grant and the members' work.",
    "evidence": "Twelve jobs.",
    "difficulties": "No premises at first.",
    "transfer_potential": "A model other municipalities can take up.",
    "further_information": "https://example.org/cooperative",
}

# The path from a draft to each state, as (step, who takes it) pairs.
PATH: list[tuple[str, str]] = [
    ("submit", "coordinator"),
    ("accept", "lead"),
    ("submit_to_programme", "lead"),
    ("approve", "lead"),
    ("validate", "lead"),
    ("select", "lead"),
]
REACHED_BY = {
    State.SUBMITTED: 1,
    State.ACCEPTED: 2,
    State.SUBMITTED_TO_PROGRAMME: 3,
    State.APPROVED: 4,
    State.VALIDATED: 5,
    State.SELECTED: 6,
}


def make_practice(
    partner: Partner,
    *,
    actor: User | None = None,
    english: bool = True,
    polish: dict[str, str] | None = None,
    **values: Any,
) -> GoodPractice:
    """A draft of the partner, ready to submit: both versions complete, institution and start given."""
    versions = {"pl": VersionTexts(dict(polish or POLISH))}
    if english:
        versions["en"] = VersionTexts(dict(ENGLISH))
    fields: dict[str, Any] = {"start_date": dt.date(2019, 3, 1), **values}
    if "main_institution" not in fields:
        fields["main_institution"] = make_organisation(partner, name="Spółdzielnia Socjalna Razem")
    return services.create_practice(
        partner,
        actor=actor or User.objects.filter(partner=partner).first() or User.objects.first(),  # type: ignore[arg-type]
        language="pl",
        values=fields,  # type: ignore[arg-type]
        versions=versions,
    )


def move_to(practice: GoodPractice, state: State, *, coordinator: User, lead: User) -> GoodPractice:
    """Take a draft along the review path to `state`, each step by the user who may take it."""
    actors = {"coordinator": coordinator, "lead": lead}
    for step, who in PATH[: REACHED_BY[state]]:
        practice = services.STEP_SERVICES[step](practice, actor=actors[who])
    return practice
