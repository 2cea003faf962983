"""The news app: news items in several languages, publishing, archive, feeds."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "secon.news"
    verbose_name = _("News")

    def ready(self) -> None:
        # Registers the access gate for the record-history page even before any news URL is resolved.
        from secon.news import access  # noqa: F401
        from secon.news.sitemaps import NewsSitemap
        from secon.public.sitemaps import sitemaps

        sitemaps["news"] = NewsSitemap
