"""Partners go by a short name in the page's language ("Mazowsze" / "Mazovia"), never by an empty one."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from django.utils import translation

from secon.projects.models import Partner
from secon.tests.factories import make_partner

pytestmark = pytest.mark.django_db

migration = importlib.import_module("secon.projects.migrations.0003_partner_short_names")


def short_name_in(language: str, partner: Partner) -> str:
    with translation.override(language):
        return partner.short_name


def test_a_partner_goes_by_its_polish_short_name_on_polish_pages_and_its_english_one_on_english_pages():
    partner = make_partner(short_name_pl="Mazowsze", short_name_en="Mazovia")
    assert short_name_in("pl", partner) == "Mazowsze"
    assert short_name_in("en", partner) == "Mazovia"
    with translation.override("en"):
        assert str(partner) == "Mazovia"


def test_a_partner_with_one_short_name_uses_it_in_both_languages():
    partner = make_partner(short_name_pl="", short_name_en="Extremadura")
    assert short_name_in("pl", partner) == short_name_in("en", partner) == "Extremadura"


def test_a_partner_without_a_short_name_goes_by_its_legal_name_in_the_page_language():
    partner = make_partner(
        name="Junta de Extremadura",
        name_en="Regional Government of Extremadura",
        short_name_pl="",
        short_name_en="",
    )
    assert short_name_in("pl", partner) == "Junta de Extremadura"
    assert short_name_in("en", partner) == "Regional Government of Extremadura"
    assert str(partner)


def test_a_partner_with_no_names_at_all_still_shows_something():
    partner = make_partner(name="", name_en="", short_name_pl="", short_name_en="", slug="riga")
    assert short_name_in("pl", partner) == short_name_in("en", partner) == "riga"


class _Apps:
    """The migration's view of the models: today's Partner has the fields it reads and writes."""

    def get_model(self, app_label: str, model_name: str) -> type:
        return django_apps.get_model(app_label, model_name)


def test_the_migration_gives_the_demo_partners_polish_and_english_short_names_and_keeps_edited_ones():
    peloponnese = make_partner(slug="peloponnese", language="el", short_name_en="Peloponnese")
    edited = make_partner(slug="extremadura", language="es", short_name_en="Junta")
    polish = make_partner(slug="lodzkie", language="pl", short_name_en="Łódzkie")
    migration.split_short_names(_Apps(), None)
    for partner in (peloponnese, edited, polish):
        partner.refresh_from_db()
    assert (peloponnese.short_name_pl, peloponnese.short_name_en) == ("Peloponez", "Peloponnese")
    assert (edited.short_name_pl, edited.short_name_en) == ("", "Junta")
    # A Polish partner's one short name was Polish: it moves to the Polish field.
    assert (polish.short_name_pl, polish.short_name_en) == ("Łódzkie", "")


def test_undoing_the_migration_keeps_a_short_name_for_every_partner():
    partner = make_partner(name="Provincie Vlaams-Brabant", short_name_pl="", short_name_en="")
    polish = make_partner(short_name_pl="Mazowsze", short_name_en="")
    migration.join_short_names(_Apps(), None)
    partner.refresh_from_db()
    polish.refresh_from_db()
    assert partner.short_name_en == "Provincie Vlaams-Brabant" and polish.short_name_en == "Mazowsze"


def test_undoing_and_redoing_the_migration_gives_the_demo_partners_the_same_short_names():
    mazovia = make_partner(slug="mazovia", language="pl", short_name_pl="Mazowsze", short_name_en="Mazovia")
    riga = make_partner(slug="riga", language="lv", short_name_pl="Ryga", short_name_en="Riga")
    migration.join_short_names(_Apps(), None)
    migration.split_short_names(_Apps(), None)
    mazovia.refresh_from_db()
    riga.refresh_from_db()
    assert (mazovia.short_name_pl, mazovia.short_name_en) == ("Mazowsze", "Mazovia")
    assert (riga.short_name_pl, riga.short_name_en) == ("Ryga", "Riga")


def test_the_partner_admin_shows_both_short_names(client, world):
    world.partner.short_name_pl, world.partner.short_name_en = "Mazowsze", "Mazovia"
    world.partner.save()
    client.force_login(world.admin)
    page = client.get(reverse("admin:projects_partner_changelist")).content.decode()
    assert "Mazowsze" in page and "Mazovia" in page
    form = client.get(reverse("admin:projects_partner_change", args=[world.partner.pk])).content.decode()
    assert 'name="short_name_pl"' in form and 'name="short_name_en"' in form


def test_a_partner_saved_in_the_admin_without_a_short_name_is_listed_by_its_legal_name(client, world):
    client.force_login(world.admin)
    response = client.post(
        reverse("admin:projects_partner_change", args=[world.partner.pk]),
        {
            "project": world.project.pk,
            "slug": "mazovia",
            "name": "Województwo Mazowieckie",
            "name_en": "Mazowieckie Voivodeship",
            "short_name_pl": "",
            "short_name_en": "",
            "country": "PL",
            "nuts2": "PL91",
            "role": "PP",
            "language": "pl",
            "order": 5,
            "policy_instruments-TOTAL_FORMS": 0,
            "policy_instruments-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("admin:projects_partner_changelist")).content.decode()
    assert "Województwo Mazowieckie" in page
