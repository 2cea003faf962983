"""The stakeholder registry: organisations, people, consents, RSG membership, join-us requests."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "secon.registry"
    verbose_name = _("Stakeholder registry")

    def ready(self) -> None:
        # Registers the access gate for the record-history page even before any registry URL is resolved.
        from secon.registry import access  # noqa: F401
