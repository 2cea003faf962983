"""Retention: the rules that delete or anonymise personal data when its period ends."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Count, Max, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.core.audit import record_event
from secon.core.models import AuditEvent
from secon.core.scrubbing import scrub_audit_log
from secon.projects.models import Partner
from secon.registry.imports.files import delete_import_files, files_past_retention, retention_cutoff
from secon.registry.models import ImportBatch, JoinRequest, JoinRequestStatus, Person, RsgMembership
from secon.registry.privacy.erasure import ErasureReason, anonymise_person


@dataclass
class RetentionRule:
    """One retention rule and the records it applies to at the run's moment."""

    code: str
    description: str
    cutoff: dt.datetime | None
    ids: list[int] = field(default_factory=list)
    partner_ids: dict[int, int] = field(default_factory=dict)  # partner id -> how many records
    acts: bool = True  # False: reported for a person to review, never changed by the purge

    @property
    def count(self) -> int:
        return len(self.ids)


@dataclass
class PurgeReport:
    now: dt.datetime
    dry_run: bool
    rules: list[RetentionRule]

    @property
    def total(self) -> int:
        return sum(rule.count for rule in self.rules if rule.acts)

    def lines(self) -> list[str]:
        head = _("Dry run: nothing was changed.") if self.dry_run else _("Applied.")
        lines = [f"{head} ({self.now:%Y-%m-%d %H:%M %Z})"]
        for rule in self.rules:
            verb = (
                _("to review")
                if not rule.acts
                else (_("would be processed") if self.dry_run else _("processed"))
            )
            cutoff = f" < {rule.cutoff:%Y-%m-%d}" if rule.cutoff else ""
            lines.append(f"- {rule.description}{cutoff}: {rule.count} {verb}")
            if rule.ids:
                lines.append("  ids: " + ", ".join(str(pk) for pk in rule.ids[:50]))
        return lines


def _by_partner(rows: Iterable[tuple[int, int]]) -> tuple[list[int], dict[int, int]]:
    ids: list[int] = []
    partners: dict[int, int] = {}
    for pk, partner_id in rows:
        ids.append(pk)
        partners[partner_id] = partners.get(partner_id, 0) + 1
    return ids, partners


def retention_rules(now: dt.datetime) -> list[RetentionRule]:
    """Which records each retention rule applies to at `now` (nothing is changed)."""
    day = timezone.localdate(now)

    # 1. Never confirmed: the e-mail owner may not even have sent it; no basis to keep it at all.
    unconfirmed_cutoff = now - dt.timedelta(days=settings.JOIN_UNCONFIRMED_RETENTION_DAYS)
    unconfirmed = JoinRequest.objects.filter(
        status=JoinRequestStatus.UNCONFIRMED, created_at__lt=unconfirmed_cutoff
    )
    # 2. Declined: kept for a while to answer questions about the decision, then deleted.
    declined_cutoff = now - dt.timedelta(days=settings.JOIN_DECLINED_RETENTION_DAYS)
    declined = JoinRequest.objects.annotate(decided=Coalesce("reviewed_at", "updated_at")).filter(
        status=JoinRequestStatus.DECLINED, decided__lt=declined_cutoff
    )
    # 3. Every basis withdrawn long ago and no part in the group now or later: nothing left to keep.
    withdrawal_cutoff = now - dt.timedelta(days=settings.PERSON_RETENTION_DAYS_AFTER_WITHDRAWAL)
    current_members = RsgMembership.objects.filter(Q(until__isnull=True) | Q(until__gte=day)).values(
        "person_id"
    )
    people = Person.objects.active().annotate(
        consent_count=Count("consents"),
        in_force=Count("consents", filter=Q(consents__withdrawn_at__isnull=True)),
        last_withdrawal=Max("consents__withdrawn_at"),
    )
    withdrawn = people.filter(consent_count__gt=0, in_force=0, last_withdrawal__lt=withdrawal_cutoff).exclude(
        pk__in=current_members
    )
    # 4. No basis recorded at all: the law needs one, but a person must judge (import, paper forms).
    without_basis = people.filter(consent_count=0)
    # 5. Uploaded import files of finished imports: the registry holds what was imported.
    import_files = files_past_retention(now)

    rules = [
        RetentionRule(
            "join_unconfirmed",
            _("Unconfirmed “join us” requests, deleted"),
            unconfirmed_cutoff,
        ),
        RetentionRule("join_declined", _("Declined “join us” requests, deleted"), declined_cutoff),
        RetentionRule(
            "person_withdrawn",
            _("People whose every legal basis was withdrawn, without an active membership, anonymised"),
            withdrawal_cutoff,
        ),
        RetentionRule(
            "person_without_basis",
            _("People with no legal basis recorded (review them; the purge leaves them)"),
            None,
            acts=False,
        ),
        RetentionRule(
            "import_files", _("Uploaded files of finished imports, deleted"), retention_cutoff(now)
        ),
    ]
    querysets: list[models.QuerySet[Any]] = [unconfirmed, declined, withdrawn, without_basis, import_files]
    for rule, queryset in zip(rules, querysets, strict=True):
        rule.ids, rule.partner_ids = _by_partner(queryset.order_by("pk").values_list("pk", "partner_id"))
    return rules


def _delete_join_requests(ids: list[int]) -> None:
    """Delete requests and erase what their own audit events say of the sender.

    Only the requests' own events are scrubbed: the same name or e-mail elsewhere in the log may belong
    to a person still in the registry (someone who sent a second request and never confirmed it).
    """
    join_type = ContentType.objects.get_for_model(JoinRequest, for_concrete_model=False)
    for partner_id in set(JoinRequest.objects.filter(pk__in=ids).values_list("partner_id", flat=True)):
        scrub_audit_log(
            partner_id=partner_id,
            values=(),
            own_events=AuditEvent.objects.filter(
                content_type=join_type,
                object_id__in=[str(pk) for pk in ids],
                partner_id=partner_id,
            ),
            own_repr=lambda event: _("Deleted “join us” request #%(id)s") % {"id": event.object_id},
        )
    JoinRequest.objects.filter(pk__in=ids).delete()


def purge_personal_data(*, now: dt.datetime | None = None, dry_run: bool = True) -> PurgeReport:
    """Apply the retention rules (or, in a dry run, only report what they would do).

    An applied run records "registry.retention.purged" once for the whole run (seen by administrators)
    and once for every partner it changed, with the counts per rule.
    """
    now = now or timezone.now()
    rules = retention_rules(now)
    report = PurgeReport(now=now, dry_run=dry_run, rules=rules)
    if dry_run:
        return report
    with transaction.atomic():
        by_code = {rule.code: rule for rule in rules}
        _delete_join_requests(by_code["join_unconfirmed"].ids + by_code["join_declined"].ids)
        for person in Person.objects.filter(pk__in=by_code["person_withdrawn"].ids):
            anonymise_person(person, actor=None, reason=ErasureReason.RETENTION, now=now)
        delete_import_files(
            ImportBatch.objects.filter(pk__in=by_code["import_files"].ids),
            actor=None,
            reason="retention",
            now=now,
        )
        # One event for the run, even when nothing was due: it shows the rules are enforced, and when.
        record_event(
            "registry.retention.purged",
            actor=None,
            changes={
                **{rule.code: rule.count for rule in rules if rule.acts},
                # Flat keys: the audit log keeps one level of values.
                "join_unconfirmed_after_days": settings.JOIN_UNCONFIRMED_RETENTION_DAYS,
                "join_declined_after_days": settings.JOIN_DECLINED_RETENTION_DAYS,
                "person_withdrawn_after_days": settings.PERSON_RETENTION_DAYS_AFTER_WITHDRAWAL,
                "import_files_after_days": settings.REGISTRY_IMPORT_FILE_RETENTION_DAYS,
            },
        )
        partner_ids = {pk for rule in rules if rule.acts for pk in rule.partner_ids}
        partners: dict[int, Partner] = Partner.objects.in_bulk(partner_ids)
        for partner_id in sorted(partner_ids):
            record_event(
                "registry.retention.purged",
                actor=None,
                partner=partners[partner_id],
                changes={rule.code: rule.partner_ids.get(partner_id, 0) for rule in rules if rule.acts},
            )
    return report
