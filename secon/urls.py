"""URL map: the public site under /pl/ and /en/, the back office under /manage/, accounts, health check."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from secon.core import bench_views, identity, media
from secon.core import views as core_views
from secon.core.urls import manage_patterns as core_manage
from secon.events.urls import manage_patterns as events_manage
from secon.events.urls import public_patterns as events_public
from secon.news.urls import manage_patterns as news_manage
from secon.news.urls import public_patterns as news_public
from secon.practices.urls import manage_patterns as practices_manage
from secon.projects.urls import manage_patterns as projects_manage
from secon.public.urls import public_patterns as site_public
from secon.public.urls import root_patterns
from secon.registry.urls import manage_patterns as registry_manage
from secon.registry.urls import public_patterns as registry_public

manage_patterns = [
    *projects_manage,
    *news_manage,
    *events_manage,
    *practices_manage,
    *registry_manage,
    *core_manage,
]
public_patterns = [*site_public, *news_public, *events_public, *registry_public]

urlpatterns = [
    *root_patterns,
    path("healthz", core_views.healthz, name="healthz"),
    path("eu-emblem.svg", identity.eu_emblem_svg, name="eu_emblem_svg"),
    path("eu-emblem.png", identity.eu_emblem_png, name="eu_emblem_png"),
    path("icon.png", identity.icon_png, name="icon_png"),
    path("manage/", include((manage_patterns, "manage"))),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
urlpatterns += i18n_patterns(path("", include((public_patterns, "public"))), prefix_default_language=True)

if settings.BENCH_ENDPOINTS:
    # Only for `make bench`: the baseline measured side by side with the public pages. First, so that it
    # measures the middleware, not a walk past every other pattern.
    urlpatterns.insert(0, path("bench/bare", bench_views.bare, name="bench_bare"))

if settings.SERVE_MEDIA:
    urlpatterns += [
        # Our own view: user files get a safe Content-Type, nosniff and a sandbox, never served as HTML.
        re_path(r"^media/(?P<path>.*)$", media.serve_media),
    ]

handler404 = "secon.core.errors.page_not_found"
handler500 = "secon.core.errors.server_error"
handler403 = "secon.core.errors.permission_denied"
