"""The base model every domain model shares, and the audit log every service writes to."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def for_object(self, obj: models.Model) -> AuditEventQuerySet:
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
        )


class AuditEvent(models.Model):
    """One thing that happened: who did what to which record, and what changed.

    Codes are dotted, `app.model.verb_past` (e.g. `news.item.published`). Rows are never updated, except
    by an erasure, which replaces personal values and sets `scrubbed`.
    """

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    code = models.CharField(_("action"), max_length=100, db_index=True)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(_("record"), max_length=300, blank=True)
    partner = models.ForeignKey(
        "projects.Partner", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    # Set when an erasure replaced personal values in this event (core/scrubbing.py): the only rewrite.
    scrubbed = models.BooleanField(_("personal data erased"), default=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"], name="audit_object_idx")]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.code} {self.object_repr}"


class RateCounter(models.Model):
    """How many times one subject did one limited thing in one time window (see core/ratelimit.py).

    A table of its own, so no cache eviction can reset a limit. The subject is a hash (no address or
    e-mail is stored); rows of past windows are deleted as new ones are written.
    """

    scope = models.CharField(max_length=40)
    subject = models.CharField(max_length=64)
    window = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "subject", "window"], name="rate_counter_unique_window")
        ]
        verbose_name = _("rate-limit counter")
        verbose_name_plural = _("rate-limit counters")

    def __str__(self) -> str:
        return f"{self.scope} {self.subject[:8]} {self.window}: {self.count}"


class SubmissionToken(models.Model):
    """The one-time token of a creation form, claimed by its first submission (see core/idempotency.py).

    A table, not the cache, so every web process sees the claim; the unique token makes a concurrent
    twin wait for the first submission and then find its result. Rows older than a day are deleted.
    """

    token = models.CharField(max_length=64)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    result_url = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["token"], name="submission_token_unique")]
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self) -> str:
        return f"{self.token[:8]}… → {self.result_url or '(pending)'}"
