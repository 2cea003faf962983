"""Organisations, their statuses and the search shared by the registry's lists."""

from __future__ import annotations

import datetime as dt
from typing import Any, Self

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from secon.core.collation import STORED_KEY_LENGTH, stored_sort_key
from secon.core.i18n import localized
from secon.core.models import TimeStampedModel
from secon.lib.text import search_key, search_stems

from .reference import HelixCategory, OrganisationType, StatusType, Theme


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
    from .memberships import RsgMembership  # memberships refer to organisations, so not at import time

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

    def with_status_in_force(self, kind: StatusType) -> OrganisationQuerySet:
        """Organisations holding a status of this type today (a subquery: no duplicate rows)."""
        today = timezone.localdate()
        statuses = OrganisationStatus.objects.filter(
            organisation=models.OuterRef("pk"), kind=kind, granted_on__lte=today
        ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        return self.filter(models.Exists(statuses))

    def in_rsg(self, state: str) -> OrganisationQuerySet:
        return self.filter(membership_state(state, "organisation"))

    def with_contact_for(self, purpose: str) -> OrganisationQuerySet:
        """Someone affiliated has a legal basis in force for `purpose`."""
        from .consents import ConsentRecord  # consents refer to people, who refer to organisations

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
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    # Its form is the country's (countries/postal.py), checked by the services and the import.
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
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
            # Filters by unit, and the list grouped by unit; newest first.
            models.Index(
                fields=["partner", "territory", "name_order", "id"], name="org_partner_unit_order_idx"
            ),
            models.Index(fields=["partner", "created_at", "id"], name="org_partner_created_idx"),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def display_name(self) -> str:
        return localized(self, "name")

    @property
    def country_code(self) -> str:
        """The organisation's country is its partner's: records are read in that country's terms."""
        return str(self.partner.country)

    def identifier_values(self) -> dict[str, str]:
        """Scheme code → stored (compact) number; reads prefetched `identifiers` when there are."""
        return {identifier.scheme.code: identifier.value for identifier in self.identifiers.all()}

    def refresh_search_text(self, language: str | None = None) -> None:
        """Search and sort keys from the name; `language` is the partner's, when a bulk write knows it."""
        self.search_text = search_key(self.name, self.name_en, self.short_name, self.city)
        self.name_order = stored_sort_key(self.name, language or self.partner.language)


class OrganisationIdentifier(models.Model):
    """A number of one of the country's identifier schemes (a NIF, a KRS), stored compact."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="identifiers")
    scheme = models.ForeignKey(
        "countries.IdentifierScheme", verbose_name=_("identifier"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.CharField(_("number"), max_length=60)

    class Meta:
        ordering = ["scheme__order"]
        verbose_name = _("organisation identifier")
        verbose_name_plural = _("organisation identifiers")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "scheme"], name="org_ident_one_per_scheme")
        ]
        # Finding the organisation a number belongs to (duplicates, imports) reads this index.
        indexes = [models.Index(fields=["scheme", "value"], name="org_ident_scheme_value_idx")]

    def __str__(self) -> str:
        return f"{self.scheme.label} {self.formatted}"

    @property
    def formatted(self) -> str:
        return self.scheme.format(self.value)


class OrganisationStatus(models.Model):
    """A dated status of an organisation (e.g. the social-enterprise status granted by the voivode)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="statuses")
    # The type's code in the `kind` column, as when statuses were a fixed list: the rows are the list now.
    kind = models.ForeignKey(
        StatusType,
        verbose_name=_("status"),
        to_field="code",
        db_column="kind",
        on_delete=models.PROTECT,
        related_name="+",
    )
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
        return f"{self.kind.display_name} ({self.granted_on:%d.%m.%Y})"

    def is_active_on(self, day: dt.date) -> bool:
        return self.granted_on <= day and (self.valid_until is None or day <= self.valid_until)
