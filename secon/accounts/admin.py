"""The Django admin for our e-mail based users: the platform administrator manages accounts here."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from secon.accounts.models import Role, User


class UserCreationAdminForm(AdminUserCreationForm["User"]):
    class Meta:
        model = User
        fields = ("email", "full_name", "role", "partner", "language")


class UserChangeAdminForm(UserChangeForm["User"]):
    class Meta:
        model = User
        fields = "__all__"


def _grant_admin_flags(user: User) -> None:
    # A platform administrator must reach this admin site; the role alone would not let Django in.
    if user.role == Role.ADMIN:
        user.is_staff = True
        user.is_superuser = True


@admin.register(User)
class UserAdmin(DjangoUserAdmin["User"]):
    form = UserChangeAdminForm
    add_form = UserCreationAdminForm
    list_display = ("email", "full_name", "role", "partner", "is_active", "is_staff", "last_login")
    list_filter = ("role", "partner", "is_active", "is_staff")
    list_select_related = ("partner",)
    search_fields = ("email", "full_name")
    ordering = ("email",)
    readonly_fields = ("last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name", "language")}),
        (_("Role in the project"), {"fields": ("role", "partner")}),
        (
            _("Django admin access"),
            {
                "fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions"),
                "description": _("Platform administrators always get admin access when saved."),
            },
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "email",
                    "full_name",
                    "role",
                    "partner",
                    "language",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )

    def save_model(self, request: HttpRequest, obj: User, form: forms.ModelForm[User], change: bool) -> None:
        _grant_admin_flags(obj)
        super().save_model(request, obj, form, change)
