"""People, the roles they play in the project and their affiliations with organisations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from secon.core.collation import STORED_KEY_LENGTH, stored_sort_key
from secon.core.models import TimeStampedModel
from secon.lib.text import search_key

from .organisations import Organisation, SearchableQuerySet, membership_state
from .reference import OrganisationType


class PersonRole(models.TextChoices):
    RSG_MEMBER = "rsg_member", _("RSG member")
    SPEAKER = "speaker", _("Speaker")
    CHAIR = "chair", _("Chair")
    PRACTICE_CONTACT = "practice_contact", _("Good-practice contact")


class TitleForm(models.TextChoices):
    """The grammatical form a person's titles take where the platform writes them ("Przewodnicząca")."""

    FEMININE = "feminine", _("Feminine")
    MASCULINE = "masculine", _("Masculine")


# A title the platform writes about one person, in each form: the choice's own label names the role (a
# filter, a select); the message context ("feminine", "masculine", "form not stated") lets a language
# with grammatical gender give each form its word ("Przewodnicząca", "Przewodniczący", both when the
# person has not said), where English needs none.
GenderedTitles = dict[str, dict[str, Promise]]

PERSON_ROLE_TITLES: GenderedTitles = {
    PersonRole.RSG_MEMBER: {
        TitleForm.FEMININE: pgettext_lazy("feminine", "RSG member"),
        TitleForm.MASCULINE: pgettext_lazy("masculine", "RSG member"),
        "": pgettext_lazy("form not stated", "RSG member"),
    },
    PersonRole.SPEAKER: {
        TitleForm.FEMININE: pgettext_lazy("feminine", "Speaker"),
        TitleForm.MASCULINE: pgettext_lazy("masculine", "Speaker"),
        "": pgettext_lazy("form not stated", "Speaker"),
    },
    PersonRole.CHAIR: {
        TitleForm.FEMININE: pgettext_lazy("feminine", "Chair"),
        TitleForm.MASCULINE: pgettext_lazy("masculine", "Chair"),
        "": pgettext_lazy("form not stated", "Chair"),
    },
}


def title_in_form(choices: type[models.TextChoices], titles: GenderedTitles, code: str, form: str) -> str:
    """The label of `code` as a title of a person whose titles take `form` ("" when not stated)."""
    gendered = titles.get(code, {}).get(form)
    if gendered is not None:
        return str(gendered)
    return str(dict(choices.choices).get(code, code))


# Between surname and given names in the sort key: a tab sorts below every other character of a name, so
# "Nowak, Zofia" comes before "Nowakowska, Anna" and every Nowak is together.
_SURNAME_END = "\t"


def split_full_name(text: str) -> tuple[str, str]:
    """Given names and surname from one "Given Surname" text: the last word is the surname.

    For a single column of names (an older import file, records written before names were split);
    "Anna Maria Nowak-Jeziorańska" gives ("Anna Maria", "Nowak-Jeziorańska").
    """
    words = text.split()
    if not words:
        return "", ""
    return " ".join(words[:-1]), words[-1]


def join_names(given_names: str, surname: str) -> str:
    """The name as people write it, given names first ("Anna Maria Nowak")."""
    return " ".join(part for part in (given_names.strip(), surname.strip()) if part)


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
        from .consents import ConsentRecord  # consents refer to people, so not at import time

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
    given_names = models.CharField(_("given name(s)"), max_length=200, blank=True)
    surname = models.CharField(_("surname"), max_length=200)
    # "Given Surname", kept by `refresh_search_text`: what every list, e-mail and audit entry shows, read
    # without knowing how names are split (and the name other apps' queries select).
    full_name = models.CharField(_("full name"), max_length=401, editable=False, default="")
    title_form = models.CharField(
        _("form of titles"),
        max_length=10,
        choices=TitleForm.choices,
        blank=True,
        help_text=_(
            "How titles the platform writes address this person, e.g. in Polish "
            "“Przewodnicząca” or “Przewodniczący”. Leave empty if not stated."
        ),
    )
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
        ordering = ["name_order", "pk"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        # One index for each order the people list offers (records/filters.py, PERSON_SORTS): the list of
        # a partner's 50,000 people is read in order from an index, never sorted.
        indexes = [
            models.Index(
                fields=["partner", "name_order", "id", "search_text"], name="person_partner_order_idx"
            ),
            models.Index(fields=["partner", "updated_at", "id"], name="person_partner_updated_idx"),
            models.Index(fields=["partner", "created_at", "id"], name="person_partner_created_idx"),
            models.Index(fields=["partner", "email", "id"], name="person_partner_email_idx"),
            # Every list page counts its rows: the people not erased of a partner, and those whose search
            # key matches, counted in this index alone (29 → 6 ms, searched 28 → 16 ms at 100,000 people).
            models.Index(
                fields=["partner", "anonymised_at", "search_text"], name="person_partner_active_idx"
            ),
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
        """The shown name, search and sort keys from the names; `language` is the partner's, when a bulk
        write knows it. Lists sort by surname, then given names, as Polish readers expect."""
        self.given_names = " ".join(self.given_names.split())
        self.surname = " ".join(self.surname.split())
        self.full_name = join_names(self.given_names, self.surname)
        self.search_text = search_key(self.full_name, self.email.split("@")[0] if self.email else "")
        self.name_order = stored_sort_key(
            f"{self.surname}{_SURNAME_END}{self.given_names}", language or self.partner.language
        )

    @property
    def role_codes(self) -> list[str]:
        return [assignment.role for assignment in self.role_assignments.all()]

    def get_roles_display(self) -> list[str]:
        """The person's roles as titles in the form they use ("Przewodnicząca")."""
        return [
            title_in_form(PersonRole, PERSON_ROLE_TITLES, role, self.title_form) for role in self.role_codes
        ]


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

    @property
    def title(self) -> str:
        """The role as the person's title (reads the person: a list prefetches assignments per person)."""
        return title_in_form(PersonRole, PERSON_ROLE_TITLES, self.role, self.person.title_form)


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
