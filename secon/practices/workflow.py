"""The review path of a good practice: each step, the states it leaves from, where it goes, who may take it.

Draft → submitted to the Lead Partner → accepted / returned with comments / rejected → submitted to the
programme → approved by the project's web administrator → validated by the programme's secretariat
(now a "good practice identified") → selected / not selected for the Policy Learning Platform.

The partner (its coordinator) submits its own practices, to the Lead Partner and later to the
programme; the Lead Partner's coordinator reviews. The steps taken outside the platform (the web
administrator's approval, the secretariat's validation, the Policy Learning Platform's choice) are
recorded by the Lead Partner's coordinator, who is the project's contact for the programme; the
platform administrator may take any step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from secon.accounts.models import Role
from secon.practices.audit_actions import TRANSITION_CODES
from secon.practices.models import State

if TYPE_CHECKING:
    from secon.accounts.models import User
    from secon.practices.models import GoodPractice


def owner_coordinator(user: User, practice: GoodPractice) -> bool:
    """The coordinator of the practice's own partner (or the platform administrator)."""
    if user.role == Role.ADMIN:
        return True
    return user.role in {Role.COORDINATOR, Role.LEAD_COORDINATOR} and user.partner_id == practice.partner_id


def lead_partner(user: User, practice: GoodPractice) -> bool:
    """The Lead Partner's coordinator (or the platform administrator)."""
    return user.role in {Role.ADMIN, Role.LEAD_COORDINATOR}


def owner_or_lead_partner(user: User, practice: GoodPractice) -> bool:
    return owner_coordinator(user, practice) or lead_partner(user, practice)


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[State]
    target: State
    allowed: Callable[[User, GoodPractice], bool]
    label: Promise  # the button
    who: Promise  # who may take it, for the refusal message
    comment_required: bool = False

    @property
    def code(self) -> str:
        return TRANSITION_CODES[self.name]


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition(
            "submit",
            frozenset({State.DRAFT, State.RETURNED}),
            State.SUBMITTED,
            owner_coordinator,
            _("Submit to the Lead Partner"),
            _("the coordinator of the practice's partner"),
        ),
        Transition(
            "accept",
            frozenset({State.SUBMITTED}),
            State.ACCEPTED,
            lead_partner,
            _("Accept"),
            _("the Lead Partner's coordinator"),
        ),
        Transition(
            "return",
            frozenset({State.SUBMITTED}),
            State.RETURNED,
            lead_partner,
            _("Return with comments"),
            _("the Lead Partner's coordinator"),
            comment_required=True,
        ),
        Transition(
            "reject",
            frozenset({State.SUBMITTED}),
            State.REJECTED,
            lead_partner,
            _("Reject"),
            _("the Lead Partner's coordinator"),
            comment_required=True,
        ),
        Transition(
            "submit_to_programme",
            frozenset({State.ACCEPTED}),
            State.SUBMITTED_TO_PROGRAMME,
            owner_or_lead_partner,
            _("Record submission to the programme"),
            _("the coordinator of the practice's partner or the Lead Partner's coordinator"),
        ),
        Transition(
            "approve",
            frozenset({State.SUBMITTED_TO_PROGRAMME}),
            State.APPROVED,
            lead_partner,
            _("Record the web administrator's approval"),
            _("the Lead Partner's coordinator"),
        ),
        Transition(
            "validate",
            frozenset({State.APPROVED}),
            State.VALIDATED,
            lead_partner,
            _("Record the secretariat's validation"),
            _("the Lead Partner's coordinator"),
        ),
        Transition(
            "select",
            frozenset({State.VALIDATED}),
            State.SELECTED,
            lead_partner,
            _("Selected for the Policy Learning Platform"),
            _("the Lead Partner's coordinator"),
        ),
        Transition(
            "not_select",
            frozenset({State.VALIDATED}),
            State.NOT_SELECTED,
            lead_partner,
            _("Not selected for the Policy Learning Platform"),
            _("the Lead Partner's coordinator"),
        ),
    )
}


def available_transitions(user: User, practice: GoodPractice) -> list[Transition]:
    """The steps this user may take from the practice's current state (the buttons on its page)."""
    return [t for t in TRANSITIONS.values() if practice.state in t.sources and t.allowed(user, practice)]
