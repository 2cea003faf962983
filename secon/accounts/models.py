"""Users of the platform: e-mail login, one role, and the partner they belong to."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Platform administrator")
    LEAD_COORDINATOR = "lead_coordinator", _("Lead Partner coordinator")
    COORDINATOR = "coordinator", _("Partner coordinator")
    STAFF = "staff", _("Partner staff")
    STAKEHOLDER = "stakeholder", _("Stakeholder")


BACK_OFFICE_ROLES = frozenset({Role.ADMIN, Role.LEAD_COORDINATOR, Role.COORDINATOR, Role.STAFF})
ALL_PARTNERS_ROLES = frozenset({Role.ADMIN, Role.LEAD_COORDINATOR})


class UserManager(DjangoUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:  # type: ignore[override]
        # The platform administrator manages users and partners in the Django admin; nobody else by default.
        is_platform_admin = extra.get("role") == Role.ADMIN
        extra.setdefault("is_staff", is_platform_admin)
        extra.setdefault("is_superuser", is_platform_admin)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:  # type: ignore[override]
        extra.update(is_staff=True, is_superuser=True, role=Role.ADMIN)
        return self._create(email, password, **extra)


class User(AbstractUser):
    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.STAKEHOLDER)
    partner = models.ForeignKey(
        "projects.Partner",
        verbose_name=_("partner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    language = models.CharField(
        _("preferred language"), max_length=8, choices=[("pl", "Polski"), ("en", "English")], default="pl"
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["full_name"]

    objects = UserManager()  # type: ignore[misc]

    class Meta:
        ordering = ["full_name", "email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=["admin", "lead_coordinator"]) | models.Q(partner__isnull=False),
                name="partner_roles_need_a_partner",
                violation_error_message=_(
                    "Partner coordinators, staff and stakeholders belong to a partner."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def in_back_office(self) -> bool:
        return self.is_active and self.role in BACK_OFFICE_ROLES

    @property
    def sees_all_partners(self) -> bool:
        return self.role in ALL_PARTNERS_ROLES

    @property
    def is_coordinator(self) -> bool:
        return self.role in {Role.ADMIN, Role.LEAD_COORDINATOR, Role.COORDINATOR}
