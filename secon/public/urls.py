"""Public site URLs: `root_patterns` at the site root, `public_patterns` under /pl/ and /en/ ("public")."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from secon.core.cache import public_page
from secon.public import views
from secon.public.sitemaps import sitemaps

root_patterns = [
    path("", views.root, name="root"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("sitemap.xml", public_page(params=("p",))(sitemap), {"sitemaps": sitemaps}, name="sitemap"),
]

public_patterns = [
    path("", views.home, name="home"),
    path("partners/", views.partner_list, name="partner_list"),
    path("partners/<slug:slug>/", views.partner_detail, name="partner_detail"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
]
