"""The stakeholder registry: organisations, people, consents, RSG membership, join-us requests."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "secon.registry"
    verbose_name = _("Stakeholder registry")

    def ready(self) -> None:
        # Registers the access gate for the record-history page even before any registry URL is resolved.
        from secon.registry import access, audit_actions  # noqa: F401
        from secon.registry.privacy import sections

        # The registry's own personal data goes through the same list as every other app's.
        sections.register()

        from secon.core.menu import register_partner_badge
        from secon.registry.models import JoinRequest

        # Staff see in the menu how many confirmed "join us" requests wait for their review.
        register_partner_badge("join_requests", lambda: JoinRequest.objects.awaiting_review())
