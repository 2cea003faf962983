"""The territory app: TERYT units, NUTS regions and OWES service areas."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoryConfig(AppConfig):
    name = "secon.territory"
    verbose_name = _("Territory")

    def ready(self) -> None:
        # Registers the access gate for service areas, so the record-history page can reach them.
        from secon.territory import access, audit_actions  # noqa: F401
