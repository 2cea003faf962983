from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "secon.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from secon.accounts import signals  # noqa: F401 - connects the receivers


class AdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with our site (no login form of its own); listed in INSTALLED_APPS."""

    default = False  # not a candidate for "secon.accounts" itself
    default_site = "secon.accounts.admin_site.AdminSite"
