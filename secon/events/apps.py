"""The events app: every gathering (RSG meetings, seminars, study visits), its agenda and presenters."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "secon.events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from secon.core.sitemaps import register_sitemap

        # Registers the access gate (record history) and the audit labels before any URL is resolved.
        from secon.events import access, audit_actions, personal_data  # noqa: F401
        from secon.events.sitemaps import EventSitemap

        personal_data.register()
        register_sitemap("events", EventSitemap)
