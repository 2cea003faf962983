"""Membership of a partner's Regional Stakeholder Group."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from secon.core.models import TimeStampedModel

from .organisations import Organisation
from .people import GenderedTitles, Person, TitleForm, title_in_form


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Member")
    CHAIR = "chair", _("Chair")
    OBSERVER = "observer", _("Observer")


# As people.PERSON_ROLE_TITLES: each role as the title of a woman or a man ("Przewodnicząca").
MEMBERSHIP_ROLE_TITLES: GenderedTitles = {
    MembershipRole.MEMBER: {
        TitleForm.FEMININE: pgettext_lazy("feminine", "Member"),
        TitleForm.MASCULINE: pgettext_lazy("masculine", "Member"),
        "": pgettext_lazy("form not stated", "Member"),
    },
    MembershipRole.CHAIR: {
        TitleForm.FEMININE: pgettext_lazy("feminine", "Chair"),
        TitleForm.MASCULINE: pgettext_lazy("masculine", "Chair"),
        "": pgettext_lazy("form not stated", "Chair"),
    },
    MembershipRole.OBSERVER: {
        TitleForm.FEMININE: pgettext_lazy("feminine", "Observer"),
        TitleForm.MASCULINE: pgettext_lazy("masculine", "Observer"),
        "": pgettext_lazy("form not stated", "Observer"),
    },
}


class MembershipQuerySet(models.QuerySet["RsgMembership"]):
    def on(self, day: dt.date) -> MembershipQuerySet:
        return self.filter(since__lte=day).filter(Q(until__isnull=True) | Q(until__gte=day))

    def active(self) -> MembershipQuerySet:
        return self.on(timezone.localdate())


class RsgMembership(TimeStampedModel):
    """A person representing an organisation in a partner's Regional Stakeholder Group, for a period."""

    partner = models.ForeignKey(
        "projects.Partner",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="rsg_memberships",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("represents"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    since = models.DateField(_("since"))
    until = models.DateField(_("until"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["-since"]
        verbose_name = _("RSG membership")
        verbose_name_plural = _("RSG memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=models.F("since")),
                name="membership_ends_after_start",
                violation_error_message=_("A membership cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.organisation})"

    @property
    def role_title(self) -> str:
        """The role as the member's title, in the form they use (select or prefetch the person)."""
        return title_in_form(MembershipRole, MEMBERSHIP_ROLE_TITLES, self.role, self.person.title_form)

    def is_active_on(self, day: dt.date) -> bool:
        return self.since <= day and (self.until is None or day <= self.until)
