"""The news app: news items in several languages, publishing, archive, feeds."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "secon.news"
    verbose_name = _("News")

    def ready(self) -> None:
        from secon.core.sitemaps import register_sitemap

        # Registers the access gate for the record-history page even before any news URL is resolved.
        from secon.news import access, audit_actions  # noqa: F401
        from secon.news.selectors import published_during
        from secon.news.sitemaps import NewsSitemap
        from secon.projects.activity import register_semester_activity

        register_sitemap("news", NewsSitemap)
        register_semester_activity("news", published_during)
