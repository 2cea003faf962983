"""News URLs: the back office (namespace "manage") and the public site (namespace "public")."""

from django.urls import path

from secon.core import converters  # noqa: F401 - registers <id:…>
from secon.news import editor_views, public_views, views

manage_patterns = [
    path("news/", views.news_list, name="news_list"),
    path("news/new/", editor_views.news_create, name="news_create"),
    path("news/preview/", editor_views.news_preview, name="news_preview"),
    path("news/<id:pk>/", views.news_edit, name="news_edit"),
    # Before the per-language pages, whose <str:language> would otherwise take "edit" and "publish".
    path("news/<id:pk>/edit/", editor_views.news_text_edit, name="news_text_edit"),
    path("news/<id:pk>/publish/", editor_views.news_publish_ready, name="news_publish_ready"),
    path("news/<id:pk>/delete/", views.news_delete, name="news_delete"),
    path("news/<id:pk>/image/", views.news_image, name="news_image"),
    path("news/<id:pk>/image/remove/", views.news_image_remove, name="news_image_remove"),
    path("news/<id:pk>/image/file/", views.news_image_file, name="news_image_file"),
    path("news/<id:pk>/attachments/new/", views.attachment_add, name="news_attachment_add"),
    path(
        "news/<id:pk>/attachments/<id:attachment_pk>/",
        views.attachment_file,
        name="news_attachment_file",
    ),
    path(
        "news/<id:pk>/attachments/<id:attachment_pk>/remove/",
        views.attachment_remove,
        name="news_attachment_remove",
    ),
    path("news/<id:pk>/<str:language>/", views.translation_edit, name="news_translation_edit"),
    path(
        "news/<id:pk>/<str:language>/ready/",
        views.translation_status,
        {"action": "ready"},
        name="news_mark_ready",
    ),
    path(
        "news/<id:pk>/<str:language>/draft/",
        views.translation_status,
        {"action": "draft"},
        name="news_mark_draft",
    ),
    path(
        "news/<id:pk>/<str:language>/up-to-date/",
        views.translation_status,
        {"action": "current"},
        name="news_mark_current",
    ),
    path("news/<id:pk>/<str:language>/publish/", views.translation_publish, name="news_publish"),
    path("news/<id:pk>/<str:language>/unpublish/", views.translation_unpublish, name="news_unpublish"),
    path("news/<id:pk>/<str:language>/delete/", views.translation_delete, name="news_translation_delete"),
]

public_patterns = [
    path("news/", public_views.news_list, name="news_list"),
    path("news/feed.rss", public_views.news_feed_rss, name="news_feed_rss"),
    path("news/feed.atom", public_views.news_feed_atom, name="news_feed_atom"),
    path("news/<id:pk>-<slug:slug>/", public_views.news_detail, name="news_detail"),
    path("news/<id:pk>/", public_views.news_detail, name="news_detail_short"),
    path("archive/", public_views.news_archive, name="news_archive"),
]
