"""News URLs: back office and public. (Skeleton; the news app fills these in.)"""

from django.http import HttpResponse
from django.urls import path

from secon.core.access import back_office_view


@back_office_view
def _todo(request, *args, **kwargs):
    return HttpResponse("")


def _public_todo(request, *args, **kwargs):
    return HttpResponse("")


manage_patterns = [path("news/", _todo, name="news_list")]
public_patterns = [
    path("news/", _public_todo, name="news_list"),
    path("archive/", _public_todo, name="news_archive"),
    path("news/feed.rss", _public_todo, name="news_feed_rss"),
]
