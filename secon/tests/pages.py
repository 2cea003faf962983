"""The pages a person visits, for the site-wide tests (translations, accessibility), from the demo."""

from __future__ import annotations

from django.urls import reverse

from secon.projects.models import Partner, WorkItem


def public_paths(language: str) -> list[str]:
    """Every kind of public page, in one language (the news pages are added when they exist)."""
    from django.utils import translation

    with translation.override(language):
        partner = Partner.objects.get(slug="mazovia")
        paths = [
            reverse("public:home"),
            reverse("public:partner_list"),
            reverse("public:partner_detail", kwargs={"slug": partner.slug}),
            reverse("public:accessibility"),
            reverse("public:privacy"),
            reverse("public:news_list"),
            reverse("public:news_archive"),
            reverse("public:join"),
            reverse("public:event_list"),
            reverse("public:event_archive"),
            reverse("public:partner_events", kwargs={"partner": partner.slug}),
        ]
        from secon.events.models import Event

        event = Event.objects.public().filter(partner=partner).order_by("pk").first()
        if event is not None:
            paths.append(reverse("public:event_detail", kwargs={"pk": event.pk}))
        from secon.news.selectors import public_news

        for archived in (False, True):
            version = public_news(language, archived=archived).first()
            if version is not None:
                paths.append(version.get_absolute_url())
    return paths


def back_office_paths() -> list[str]:
    """The main back-office pages of the Mazovian coordinator."""
    item = WorkItem.objects.filter(partner__slug="mazovia").first()
    assert item is not None
    paths = [
        reverse("manage:dashboard"),
        reverse("manage:workplan"),
        reverse("manage:work_item_create"),
        reverse("manage:work_item_edit", args=[item.pk]),
        reverse("manage:work_item_delete", args=[item.pk]),
        reverse("manage:record_history", args=["projects.workitem", item.pk]),
        reverse("manage:news_list"),
        reverse("manage:event_list"),
    ]
    from secon.events.models import Event

    event = Event.objects.filter(partner__slug="mazovia").order_by("pk").first()
    if event is not None:
        paths.append(reverse("manage:event_detail", args=[event.pk]))
        paths.append(reverse("manage:event_minutes", args=[event.pk]))
    upcoming = Event.objects.filter(partner__slug="mazovia").upcoming().first()
    if upcoming is not None:  # the demo's next meeting, with invitations and answers
        paths.append(reverse("manage:event_detail", args=[upcoming.pk]))
        paths.append(reverse("manage:event_invite", args=[upcoming.pk]))
        paths.append(reverse("manage:event_invitations", args=[upcoming.pk]))
        paths.append(reverse("manage:event_invitations", args=[upcoming.pk]) + "?show=excluded")
    paths.append(reverse("manage:practice_list"))
    paths.append(reverse("manage:practice_create"))
    from secon.practices.models import GoodPractice

    practice = GoodPractice.objects.filter(partner__slug="mazovia").order_by("pk").first()
    if practice is not None:
        paths.append(reverse("manage:practice_detail", args=[practice.pk]))
        paths.append(reverse("manage:practice_versions", args=[practice.pk]))
        paths.append(reverse("manage:practice_step", args=[practice.pk, "submit_to_programme"]))
    from secon.news.models import NewsItem
    from secon.registry.models import Organisation, Person

    news = NewsItem.objects.filter(partner__slug="mazovia").first()
    if news is not None:
        paths.append(reverse("manage:news_edit", args=[news.pk]))
        paths.append(reverse("manage:news_text_edit", args=[news.pk]))
        paths.append(reverse("manage:news_publish_ready", args=[news.pk]))
    organisation = Organisation.objects.filter(partner__slug="mazovia").order_by("pk").first()
    person = Person.objects.filter(partner__slug="mazovia").order_by("pk").first()
    assert organisation is not None and person is not None
    paths += [
        reverse("manage:organisation_list"),
        reverse("manage:organisation_detail", args=[organisation.pk]),
        reverse("manage:organisation_edit", args=[organisation.pk]),
        reverse("manage:person_list"),
        reverse("manage:person_detail", args=[person.pk]),
        reverse("manage:person_edit", args=[person.pk]),
        reverse("manage:person_export", args=[person.pk]),
        reverse("manage:rsg"),
        reverse("manage:join_request_list"),
        reverse("manage:import_start"),
        reverse("manage:merge_candidates", args=["organisations"]),
    ]
    return paths
