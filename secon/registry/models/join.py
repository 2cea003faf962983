"""“Join us” requests sent from the public site."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from secon.core.models import TimeStampedModel

from .people import Person
from .reference import Theme


class JoinRequestStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("Waiting for e-mail confirmation")
    CONFIRMED = "confirmed", _("Confirmed, waiting for review")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class JoinRequestQuerySet(models.QuerySet["JoinRequest"]):
    def awaiting_review(self) -> JoinRequestQuerySet:
        return self.filter(status=JoinRequestStatus.CONFIRMED)


class JoinRequest(TimeStampedModel):
    """A visitor's request to take part, confirmed by e-mail (double opt-in) before staff see it."""

    partner = models.ForeignKey(
        "projects.Partner", verbose_name=_("region"), on_delete=models.PROTECT, related_name="join_requests"
    )
    given_names = models.CharField(_("given name(s)"), max_length=200, blank=True)
    surname = models.CharField(_("surname"), max_length=200, blank=True)
    full_name = models.CharField(_("full name"), max_length=401)  # "Given Surname", as on a Person
    email = models.EmailField(_("e-mail"))
    organisation_name = models.CharField(_("organisation"), max_length=300, blank=True)
    interests = models.ManyToManyField(Theme, verbose_name=_("interests"), blank=True, related_name="+")
    message = models.TextField(_("message"), blank=True, max_length=2000)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="pl")
    clause_version = models.CharField(_("version of the information clause shown"), max_length=40)
    consent_given_at = models.DateTimeField(_("consent given"))
    status = models.CharField(
        _("status"), max_length=20, choices=JoinRequestStatus.choices, default=JoinRequestStatus.UNCONFIRMED
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.TextField(_("note on the decision"), blank=True)
    person = models.ForeignKey(
        Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = JoinRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("“join us” request")
        verbose_name_plural = _("“join us” requests")
        indexes = [models.Index(fields=["partner", "status"], name="joinrequest_partner_status_idx")]

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}>"
