"""The country profiles app: countries and the identifier schemes of their organisations."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CountriesConfig(AppConfig):
    name = "secon.countries"
    verbose_name = _("Country profiles")

    def ready(self) -> None:
        from secon.countries import audit_actions, models  # noqa: F401
