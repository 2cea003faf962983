"""Public pages: home, partners, accessibility statement, privacy notice, root files and the root redirect."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from secon.core.cache import public_page
from secon.core.country_names import country_name
from secon.core.i18n import current_language
from secon.core.siteurl import absolute_url
from secon.news.selectors import latest_news
from secon.projects.calendar import semester_on
from secon.projects.current import project_for
from secon.projects.models import Partner, PartnerRole, Project, WorkItem

HOME_NEWS_COUNT = 3
LEGAL_LANGUAGES = ("pl", "en")


@dataclass(frozen=True)
class PartnerView:
    """A partner as the public pages name it, each name with the language it is written in."""

    partner: Partner
    name: str
    name_lang: str
    own_name: str
    own_lang: str
    country: str

    @classmethod
    def of(cls, partner: Partner, language: str) -> PartnerView:
        # Visitors read the name in their own language when the partner shares it, else in English,
        # the project's common language; the partner's own-language name follows when it differs.
        if partner.language == language or partner.name_en in ("", partner.name):
            name, name_lang = partner.name, partner.language
        else:
            name, name_lang = partner.name_en, "en"
        own_name = partner.name if partner.name != name else ""
        return cls(partner, name, name_lang, own_name, partner.language, country_name(partner.country))


def _partners(project: Project | None) -> list[PartnerView]:
    if project is None:
        return []
    language = current_language()
    return [PartnerView.of(p, language) for p in Partner.objects.filter(project=project).in_order()]


def _upcoming_events() -> list[Any]:
    """Hook for the events app: the next public meetings and events for the home page.

    There are no events yet; once the events app exists it returns its public upcoming
    events here and `public/_home_upcoming_events.html` lists them. Until then nothing is shown.
    """
    return []


@require_safe
def root(request: HttpRequest) -> HttpResponse:
    """`/` sends visitors to the home page in their language: cookie, then Accept-Language, then Polish."""
    language = translation.get_language_from_request(request)
    with translation.override(language):
        response = HttpResponseRedirect(reverse("public:home"))
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


@require_safe
@cache_control(public=True, max_age=86400)
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says: send them to the SVG icon the pages link to.

    Not a permanent redirect: the static file's name carries its content hash and changes with it.
    """
    return HttpResponseRedirect(static("favicon.svg"))


@require_safe
@cache_control(public=True, max_age=86400)
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap_url = absolute_url(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /manage/",
        "Disallow: /accounts/",
        "Disallow: /admin/",
        "Disallow: /i18n/",
        "",
        f"Sitemap: {sitemap_url}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@public_page
def home(request: HttpRequest) -> HttpResponse:
    project = project_for(request)
    today = timezone.localdate()
    semester = key_tasks = None
    if project is not None:
        semester = semester_on(project, today, list(project.phases.all()))
    if semester is not None:
        key_tasks = list(
            WorkItem.objects.public()
            .filter(partner__project=project, semester=semester.number)
            .select_related("partner")
            .order_by("due_date", "title")
        )
    partners = _partners(project)
    context = {
        "nav": "home",
        "title": project.title if project else _("Home"),
        # Passed explicitly so the template does not ask the context processor for it a second time.
        "project": project,
        "today": today,
        "semester": semester,
        "key_tasks": key_tasks,
        "partners": partners,
        "lead": next((p for p in partners if project and p.partner.pk == project.lead_partner_id), None),
        "news": latest_news(current_language(), limit=HOME_NEWS_COUNT),
        "upcoming_events": _upcoming_events(),
    }
    return render(request, "public/home.html", context)


@public_page
def partner_list(request: HttpRequest) -> HttpResponse:
    project = project_for(request)
    return render(
        request,
        "public/partner_list.html",
        {"nav": "partners", "title": _("Partners"), "project": project, "partners": _partners(project)},
    )


@public_page
def partner_detail(request: HttpRequest, slug: str) -> HttpResponse:
    project = project_for(request)
    if project is None:
        raise Http404
    partner = (
        Partner.objects.filter(project=project, slug=slug).prefetch_related("policy_instruments").first()
    )
    if partner is None:
        raise Http404
    semester = semester_on(project, timezone.localdate(), list(project.phases.all()))
    key_tasks = (
        list(WorkItem.objects.public().for_partner(partner).filter(semester=semester.number))
        if semester
        else []
    )
    language = current_language()
    names = PartnerView.of(partner, language)
    return render(
        request,
        "public/partner_detail.html",
        {
            "nav": "partners",
            "title": names.name,
            "project": project,
            "partner": partner,
            "names": names,
            "description": partner.description,
            "is_lead": partner.role == PartnerRole.LEAD or partner.pk == project.lead_partner_id,
            "instruments": list(partner.policy_instruments.all()),
            "semester": semester,
            "key_tasks": key_tasks,
        },
    )


def _legal_template(name: str) -> str:
    language = current_language()
    return f"public/{name}_{language if language in LEGAL_LANGUAGES else 'en'}.html"


@public_page
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement in the structure the Polish digital accessibility act prescribes."""
    context = {
        "title": _("Accessibility statement"),
        "nav": "accessibility",
        "legal_template": _legal_template("accessibility"),
        # The body publishing the site; the controller named in the privacy notice unless set apart.
        "body_name": settings.ACCESSIBILITY_BODY,
        "site_url": absolute_url(reverse("public:home")),
        "published_on": settings.ACCESSIBILITY_PUBLISHED_ON,
        "updated_on": settings.ACCESSIBILITY_UPDATED_ON,
        "contact_name": settings.ACCESSIBILITY_CONTACT_NAME,
        "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
        "contact_phone": settings.ACCESSIBILITY_CONTACT_PHONE,
    }
    return render(request, "public/accessibility.html", context)


@public_page
def privacy(request: HttpRequest) -> HttpResponse:
    """The GDPR art. 13 information clause of the platform."""
    context = {
        "title": _("Privacy notice"),
        "nav": "privacy",
        "legal_template": _legal_template("privacy"),
        "controller": settings.PRIVACY_CONTROLLER,
        "dpo_email": settings.PRIVACY_DPO_EMAIL,
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "language_cookie": settings.LANGUAGE_COOKIE_NAME,
    }
    return render(request, "public/privacy.html", context)
