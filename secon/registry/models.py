"""The registry: organisations and their statuses, people and their affiliations, consents, RSG membership.

Configurable reference lists (organisation types, themes, person roles) are rows, not code: another
country's entity types are data. Every organisation and person belongs to one partner (the region whose
registry holds it); partners never see each other's records.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any, Self

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from secon.core.collation import STORED_KEY_LENGTH, stored_sort_key
from secon.core.i18n import localized
from secon.core.models import TimeStampedModel
from secon.lib.text import search_key, search_stems

# --- Reference lists ---------------------------------------------------------------------------------


class OrganisationType(models.Model):
    """A legal form or kind of organisation (e.g. social cooperative, OWES), configurable per installation."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)
    is_social_economy = models.BooleanField(
        _("social-economy entity"),
        default=False,
        help_text=_("An entity of the social economy under national law."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("organisation type")
        verbose_name_plural = _("organisation types")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return localized(self, "name")


class Theme(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return localized(self, "name")


class HelixCategory(models.TextChoices):
    """The quadruple helix of regional innovation policy."""

    PUBLIC = "public", _("Public authority")
    BUSINESS = "business", _("Business")
    ACADEMIA = "academia", _("Research and education")
    CIVIL_SOCIETY = "civil_society", _("Civil society")


class StatusKind(models.TextChoices):
    SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprise status")
    CIS_REGISTRATION = "cis_registration", _("Registered social integration centre (CIS)")
    KIS_REGISTRATION = "kis_registration", _("Registered social integration club (KIS)")
    PUBLIC_BENEFIT = "public_benefit", _("Public-benefit organisation (OPP)")


# --- Organisations ------------------------------------------------------------------------------------


class SearchableQuerySet(models.QuerySet[Any]):
    """Search over a model's `search_text`: every word's stem must start a word of the record."""

    def search(self, text: str) -> Self:
        queryset = self
        for word_stem in search_stems(text):
            queryset = queryset.filter(search_text__contains=" " + word_stem)
        return queryset


def membership_state(state: str, field: str) -> Q:
    """Current ("active"), former ("former") or never ("never") in the RSG, for the record at `field`.

    A subquery on the membership table (no join, so no duplicate rows).
    """
    today = timezone.localdate()
    ever = models.Exists(RsgMembership.objects.filter(**{field: models.OuterRef("pk")}))
    active = models.Exists(RsgMembership.objects.on(today).filter(**{field: models.OuterRef("pk")}))
    if state == "active":
        return Q(active)
    if state == "former":
        return Q(ever) & ~Q(active)
    return ~Q(ever)


class OrganisationQuerySet(SearchableQuerySet):
    def for_partner(self, partner_id: int | None) -> OrganisationQuerySet:
        return self.filter(partner_id=partner_id)

    def social_economy(self) -> OrganisationQuerySet:
        return self.filter(type__is_social_economy=True)

    def in_units(self, units: models.QuerySet[Any]) -> OrganisationQuerySet:
        """Organisations placed in one of `units` (read by the territory index, the units a short list)."""
        return self.filter(territory_id__in=units.values("pk"))

    def in_rsg(self, state: str) -> OrganisationQuerySet:
        return self.filter(membership_state(state, "organisation"))

    def with_contact_for(self, purpose: str) -> OrganisationQuerySet:
        """Someone affiliated has a legal basis in force for `purpose`."""
        contacts = ConsentRecord.objects.in_force().filter(
            purpose=purpose, person__affiliations__organisation=models.OuterRef("pk")
        )
        return self.filter(models.Exists(contacts))


class Organisation(TimeStampedModel):
    partner = models.ForeignKey(
        "projects.Partner", verbose_name=_("partner"), on_delete=models.PROTECT, related_name="organisations"
    )
    name = models.CharField(_("name"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    type = models.ForeignKey(
        OrganisationType, verbose_name=_("legal form or type"), on_delete=models.PROTECT, related_name="+"
    )
    helix = models.CharField(_("quadruple-helix category"), max_length=20, choices=HelixCategory.choices)
    krs = models.CharField(_("KRS"), max_length=10, blank=True, db_index=True)
    nip = models.CharField(_("NIP"), max_length=10, blank=True, db_index=True)
    regon = models.CharField(_("REGON"), max_length=14, blank=True, db_index=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(
        _("postal code"),
        max_length=10,
        blank=True,
        validators=[RegexValidator(r"^\d{2}-\d{3}$", _("A Polish postal code looks like 00-001."))],
    )
    city = models.CharField(_("town"), max_length=120, blank=True)
    territory = models.ForeignKey(
        "territory.TerritorialUnit",
        verbose_name=_("powiat or gmina"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    nuts_region = models.ForeignKey(
        "territory.NutsRegion",
        verbose_name=_("NUTS region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("For organisations outside Poland, or when no powiat is known."),
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="organisations")
    notes = models.TextField(_("notes"), blank=True)
    # Folded, stemmed name words for search that ignores diacritics and inflection (kept by services).
    search_text = models.TextField(editable=False, default="")
    # The name's alphabetical sort key (core/collation.py), kept with `search_text`: lists sort by it
    # from an index, in code-point order, which is the alphabetical order of the partner's language.
    name_order = models.CharField(max_length=STORED_KEY_LENGTH, editable=False, default="")

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        # Sized for lists of 50,000+ (docs/performance.md): the search key rides in the sort-key index so
        # that a search reads the index, not the table; type and territory filters read theirs in order.
        indexes = [
            # The primary key after the sort key, as every list sorts, so that ties need no sort either.
            models.Index(
                fields=["partner", "name_order", "id", "search_text"], name="org_partner_order_search_idx"
            ),
            models.Index(fields=["partner", "type", "name_order", "id"], name="org_partner_type_order_idx"),
            models.Index(fields=["partner", "territory"], name="org_partner_territory_idx"),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def display_name(self) -> str:
        return localized(self, "name")

    def refresh_search_text(self, language: str | None = None) -> None:
        """Search and sort keys from the name; `language` is the partner's, when a bulk write knows it."""
        self.search_text = search_key(self.name, self.name_en, self.short_name, self.city)
        self.name_order = stored_sort_key(self.name, language or self.partner.language)


class OrganisationStatus(models.Model):
    """A dated status of an organisation (e.g. the social-enterprise status granted by the voivode)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="statuses")
    kind = models.CharField(_("status"), max_length=30, choices=StatusKind.choices)
    granted_on = models.DateField(_("granted on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    reference = models.CharField(_("decision or register number"), max_length=100, blank=True)
    purpose = models.CharField(
        _("purpose"),
        max_length=300,
        blank=True,
        help_text=_("E.g. the social and professional reintegration of …"),
    )

    class Meta:
        ordering = ["-granted_on"]
        verbose_name = _("organisation status")
        verbose_name_plural = _("organisation statuses")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("granted_on")),
                name="status_valid_after_granted",
                violation_error_message=_("A status cannot end before it was granted."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.granted_on:%d.%m.%Y})"

    def is_active_on(self, day: dt.date) -> bool:
        return self.granted_on <= day and (self.valid_until is None or day <= self.valid_until)


# --- People ------------------------------------------------------------------------------------------


class PersonRole(models.TextChoices):
    RSG_MEMBER = "rsg_member", _("RSG member")
    SPEAKER = "speaker", _("Speaker")
    CHAIR = "chair", _("Chair")
    PRACTICE_CONTACT = "practice_contact", _("Good-practice contact")


class PersonQuerySet(SearchableQuerySet):
    def for_partner(self, partner_id: int | None) -> PersonQuerySet:
        return self.filter(partner_id=partner_id)

    def active(self) -> PersonQuerySet:
        return self.filter(anonymised_at__isnull=True)

    def with_role(self, role: str) -> PersonQuerySet:
        return self.filter(role_assignments__role=role)

    def holding_role(self, role: str) -> PersonQuerySet:
        """Like `with_role`, as a subquery: no join, so no duplicate rows to combine with other filters."""
        return self.filter(
            models.Exists(PersonRoleAssignment.objects.filter(person=models.OuterRef("pk"), role=role))
        )

    def affiliated_with_type(self, organisation_type: OrganisationType) -> PersonQuerySet:
        return self.filter(
            models.Exists(
                Affiliation.objects.filter(person=models.OuterRef("pk"), organisation__type=organisation_type)
            )
        )

    def in_rsg(self, state: str) -> PersonQuerySet:
        return self.filter(membership_state(state, "person"))

    def with_consent(self, *, state: str = "", purpose: str = "") -> PersonQuerySet:
        """By the state of their consents ("in_force", "withdrawn", "none"), for one purpose or any."""
        records = ConsentRecord.objects.filter(person=models.OuterRef("pk"))
        if purpose:
            records = records.filter(purpose=purpose)
        if not state:
            return self.filter(models.Exists(records)) if purpose else self
        in_force = models.Exists(records.in_force())
        if state == "in_force":
            return self.filter(in_force)
        if state == "withdrawn":
            return self.filter(models.Exists(records.filter(withdrawn_at__isnull=False)) & ~in_force)
        return self.filter(~in_force)

    def matching(self, text: str) -> PersonQuerySet:
        """An address is matched as typed; names through the folded, stemmed search key."""
        text = text.strip()
        if not text:
            return self
        return self.filter(email__icontains=text) if "@" in text else self.search(text)


class Person(TimeStampedModel):
    partner = models.ForeignKey(
        "projects.Partner", verbose_name=_("partner"), on_delete=models.PROTECT, related_name="people"
    )
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True, db_index=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="pl"
    )
    organisations = models.ManyToManyField(
        Organisation,
        through="Affiliation",
        verbose_name=_("organisations"),
        related_name="people",
        blank=True,
    )
    notes = models.TextField(_("notes"), blank=True)
    search_text = models.TextField(editable=False, default="")
    name_order = models.CharField(
        max_length=STORED_KEY_LENGTH, editable=False, default=""
    )  # as Organisation's
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [
            models.Index(
                fields=["partner", "name_order", "id", "search_text"], name="person_partner_order_idx"
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "email"],
                condition=~Q(email=""),
                name="person_email_unique_per_partner",
                violation_error_message=_("Someone with this e-mail address is already in the registry."),
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def refresh_search_text(self, language: str | None = None) -> None:
        """Search and sort keys from the name; `language` is the partner's, when a bulk write knows it."""
        self.search_text = search_key(self.full_name, self.email.split("@")[0] if self.email else "")
        self.name_order = stored_sort_key(self.full_name, language or self.partner.language)

    @property
    def role_codes(self) -> list[str]:
        return [assignment.role for assignment in self.role_assignments.all()]

    def get_roles_display(self) -> list[str]:
        labels = dict(PersonRole.choices)
        return [str(labels.get(role, role)) for role in self.role_codes]


class PersonRoleAssignment(models.Model):
    """One role a person plays in the project (a person may have several)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=30, choices=PersonRole.choices)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [models.UniqueConstraint(fields=["person", "role"], name="one_assignment_per_role")]

    def __str__(self) -> str:
        return self.get_role_display()


class Affiliation(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="affiliations")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="affiliations")
    position = models.CharField(_("position"), max_length=200, blank=True)
    since = models.DateField(_("since"), null=True, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        constraints = [
            models.UniqueConstraint(fields=["person", "organisation"], name="one_affiliation_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.organisation}"


# --- Consent and legal basis -----------------------------------------------------------------------------


class Purpose(models.TextChoices):
    """What personal data is used for; each use needs its own legal basis."""

    RSG_COMMUNICATION = "rsg_communication", _("Regional Stakeholder Group work (invitations, minutes)")
    NEWSLETTER = "newsletter", _("News and invitations to events")
    SURVEYS = "surveys", _("Invitations to surveys and studies")
    PUBLICATION = "publication", _("Publishing name and role in public reports and news")


class LegalBasis(models.TextChoices):
    CONSENT = "consent", _("Consent (art. 6(1)(a) GDPR)")
    PUBLIC_TASK = "public_task", _("Public task (art. 6(1)(e) GDPR)")
    LEGITIMATE_INTEREST = "legitimate_interest", _("Legitimate interest (art. 6(1)(f) GDPR)")
    CONTRACT = "contract", _("Contract (art. 6(1)(b) GDPR)")


class ConsentSource(models.TextChoices):
    FORM = "form", _("Online form")
    JOIN_US = "join_us", _("“Join us” request")
    IMPORT = "import", _("Import")
    PAPER = "paper", _("Paper form")
    EMAIL = "email", _("E-mail")
    STAFF = "staff", _("Entered by staff")


class ConsentQuerySet(models.QuerySet["ConsentRecord"]):
    def in_force(self, at: dt.datetime | None = None) -> ConsentQuerySet:
        return self.filter(given_at__lte=at or timezone.now(), withdrawn_at__isnull=True)


class ConsentRecord(models.Model):
    """A legal basis for one purpose: when, how and on which text it was given, and its withdrawal."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices)
    legal_basis = models.CharField(_("legal basis"), max_length=30, choices=LegalBasis.choices)
    given_at = models.DateTimeField(_("given"), default=timezone.now)
    source = models.CharField(_("source"), max_length=20, choices=ConsentSource.choices)
    text_version = models.CharField(
        _("version of the text shown"), max_length=40, blank=True, help_text=_("E.g. clause-2026-11.")
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawal_source = models.CharField(_("withdrawn through"), max_length=40, blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent or legal basis")
        verbose_name_plural = _("consents and legal bases")
        indexes = [models.Index(fields=["person", "purpose"], name="consent_person_purpose_idx")]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()}: {self.get_legal_basis_display()}"

    @property
    def in_force(self) -> bool:
        return self.withdrawn_at is None and self.given_at <= timezone.now()


# --- Regional Stakeholder Group ------------------------------------------------------------------------


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Member")
    CHAIR = "chair", _("Chair")
    OBSERVER = "observer", _("Observer")


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

    def is_active_on(self, day: dt.date) -> bool:
        return self.since <= day and (self.until is None or day <= self.until)


# --- "Join us" requests --------------------------------------------------------------------------------


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
    full_name = models.CharField(_("full name"), max_length=200)
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


# --- Import batches ------------------------------------------------------------------------------------


class ImportFileStorage(FileSystemStorage):
    """Uploaded import files hold personal data, so they live outside the publicly served media folder."""

    @property
    def base_location(self) -> str:
        return str(settings.REGISTRY_IMPORT_DIR)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)


def import_file_storage() -> ImportFileStorage:
    return ImportFileStorage()


class ImportKind(models.TextChoices):
    ORGANISATIONS = "organisations", _("Organisations")
    PEOPLE = "people", _("People")


class ImportStatus(models.TextChoices):
    READING = "reading", _("Being read")
    UPLOADED = "uploaded", _("Uploaded, columns to map")
    CHECKING = "checking", _("Being checked")
    CHECKED = "checked", _("Checked (dry run)")
    QUEUED = "queued", _("Waiting to be written")
    RUNNING = "running", _("Being written")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed, nothing written")
    CANCELLED = "cancelled", _("Cancelled, nothing written")


# Statuses in which a task works on the batch (and beats its heartbeat); a batch left in one of them
# by a dead task is "stuck" (see imports.services.is_stuck).
IMPORT_WORKING = (ImportStatus.READING, ImportStatus.CHECKING, ImportStatus.QUEUED, ImportStatus.RUNNING)
IMPORT_FINISHED = (ImportStatus.DONE, ImportStatus.FAILED, ImportStatus.CANCELLED)


class ImportBatch(TimeStampedModel):
    """One uploaded file on its way into a partner's registry: mapping, dry-run report, progress, result."""

    partner = models.ForeignKey(
        "projects.Partner", verbose_name=_("partner"), on_delete=models.PROTECT, related_name="import_batches"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("what is imported"), max_length=20, choices=ImportKind.choices)
    file = models.FileField(
        _("file"), upload_to="imports/%Y/%m/", storage=import_file_storage, max_length=300, blank=True
    )
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    # What the task that read the file found: the column names, the first rows, how many data rows.
    header = models.JSONField(_("column names"), default=list, blank=True)
    sample = models.JSONField(_("first rows"), default=list, blank=True)
    row_count = models.PositiveIntegerField(_("data rows"), default=0)
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    report = models.JSONField(_("dry-run report"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    valid_rows_only = models.BooleanField(_("only the valid rows"), default=False)
    progress_done = models.PositiveIntegerField(_("rows written"), default=0)
    progress_total = models.PositiveIntegerField(_("rows to write"), default=0)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # Each queued task carries the attempt it was queued for; re-queuing a stuck batch starts a new
    # attempt, so a task of an older one that wakes up changes nothing.
    attempt = models.PositiveIntegerField(_("attempt"), default=0)
    heartbeat_at = models.DateTimeField(_("last sign of life of its task"), null=True, blank=True)
    file_deleted_at = models.DateTimeField(_("file deleted"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        indexes = [models.Index(fields=["partner", "-created_at"], name="import_partner_created_idx")]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_kind_display()})"

    @property
    def progress_percent(self) -> int:
        if not self.progress_total:
            return 100 if self.status == ImportStatus.DONE else 0
        return min(100, round(100 * self.progress_done / self.progress_total))

    @property
    def is_finished(self) -> bool:
        return self.status in IMPORT_FINISHED

    @property
    def is_working(self) -> bool:
        return self.status in IMPORT_WORKING
