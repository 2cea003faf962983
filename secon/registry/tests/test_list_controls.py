"""Registry lists: headings that sort, page numbers, a page size, downloads apart from actions, consents."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.conf import settings
from django.core.paginator import Paginator
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World
from secon.core.listing import page_window
from secon.registry.models import Person
from secon.registry.records import services
from secon.tests.factories import make_organisation, make_person

pytestmark = pytest.mark.django_db

PEOPLE = "manage:person_list"
ORGANISATIONS = "manage:organisation_list"


@pytest.fixture(autouse=True)
def _english_interface(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def get(client: Client, world: World, name: str, **query: Any) -> Any:
    client.force_login(world.staff)
    return client.get(reverse(name), query)


def heading(body: str, label: str) -> str:
    """The <th> whose link reads `label`."""
    found = re.search(rf"<th[^>]*>(?:(?!</th>).)*>{re.escape(label)}<(?:(?!</th>).)*</th>", body, re.S)
    assert found, f"no heading {label!r}"
    return found.group(0)


def test_the_name_heading_says_the_list_is_sorted_by_it_and_links_to_the_reverse_order(
    client: Client, world: World
) -> None:
    make_person(world.partner, full_name="Anna Nowak")
    body = get(client, world, PEOPLE, q="nowak").content.decode()
    name = heading(body, "Name")
    assert 'aria-sort="ascending"' in name
    assert "sort=-name" in name and "q=nowak" in name  # the filters stay in the link
    changed = heading(body, "Changed")
    assert "aria-sort" not in changed and "sort=-updated" in changed
    body = get(client, world, PEOPLE, sort="-name").content.decode()
    assert 'aria-sort="descending"' in heading(body, "Name")
    assert "sort=name" in heading(body, "Name")


def test_sorting_by_the_changed_heading_lists_the_last_changed_first(client: Client, world: World) -> None:
    older = make_person(world.partner, full_name="Adam Abacki")
    make_person(world.partner, full_name="Zenon Żak")
    Person.objects.filter(pk=older.pk).update(updated_at=timezone.now() + dt.timedelta(hours=1))
    people = get(client, world, PEOPLE, sort="-updated").context["page"].object_list
    assert [p.full_name for p in people] == ["Adam Abacki", "Zenon Żak"]
    people = get(client, world, PEOPLE, sort="updated").context["page"].object_list
    assert [p.full_name for p in people] == ["Zenon Żak", "Adam Abacki"]


@pytest.mark.parametrize("name", [PEOPLE, ORGANISATIONS])
def test_a_bad_sort_or_page_size_is_a_field_message_not_an_error(
    client: Client, world: World, name: str
) -> None:
    response = get(client, world, name, sort="name; drop table", per_page="7")
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"sort", "per_page"}
    assert response.context["page"].paginator.per_page == 25


def test_the_page_size_is_chosen_from_the_offered_ones(client: Client, world: World) -> None:
    for _n in range(60):
        make_person(world.partner)
    assert len(get(client, world, PEOPLE, per_page="50").context["page"].object_list) == 50
    assert len(get(client, world, PEOPLE).context["page"].object_list) == 25


def test_page_links_number_the_pages_keep_the_filters_and_say_where_the_reader_is(
    client: Client, world: World
) -> None:
    for _n in range(60):
        make_person(world.partner, full_name="Jan Kowalski")
    body = get(client, world, PEOPLE, q="kowalski", page="2").content.decode()
    nav = body[body.index('<nav class="pagination page-links"') :]
    nav = nav[: nav.index("</nav>")]
    assert "Rows 26–50 of 60 · page 2 of 3" in nav
    assert 'href="?q=kowalski"' in nav  # first page: no page parameter
    assert 'href="?q=kowalski&amp;page=3"' in nav
    assert re.search(r'<a href="\?q=kowalski&amp;page=2" aria-current="page">', nav)
    assert "First page" in nav and "Last page" in nav and 'rel="prev"' in nav and 'rel="next"' in nav


def test_the_window_of_page_numbers_leaves_out_the_far_pages() -> None:
    paginator = Paginator(range(300), 25)
    assert page_window(paginator.page(6)) == [1, None, 4, 5, 6, 7, 8, None, 12]
    assert page_window(paginator.page(1)) == [1, 2, 3, None, 12]


@pytest.mark.parametrize(("name", "kind"), [(PEOPLE, "people"), (ORGANISATIONS, "organisations")])
def test_downloads_are_a_labelled_group_apart_from_the_actions(
    client: Client, world: World, name: str, kind: str
) -> None:
    body = get(client, world, name).content.decode()
    actions = body[body.index('class="actions list-actions"') :]
    actions = actions[: actions.index("</div>")]
    assert reverse("manage:import_start") in actions and "export" not in actions
    downloads = body[body.index('class="export-links" role="group"') :]
    downloads = downloads[: downloads.index("</div>")]
    assert f'aria-labelledby="{kind}-export-label"' in downloads
    assert f'id="{kind}-export-label"' in downloads and "Download this list" in downloads
    assert reverse("manage:export_list", args=[kind, "csv"]) in downloads
    assert reverse("manage:import_start") not in downloads


def test_consents_in_force_are_marked_by_short_codes_explained_once(client: Client, world: World) -> None:
    person = make_person(world.partner, full_name="Ewa Kos")
    for purpose in ("rsg_communication", "surveys"):
        services.record_consent(
            person, actor=None, purpose=purpose, legal_basis="public_task", source="staff"
        )
    body = get(client, world, PEOPLE).content.decode()
    assert 'id="consent-legend"' in body and "The details are on each person" in body
    row = body[body.index("Ewa Kos") :]
    row = row[: row.index("</tr>")]
    assert '<span aria-hidden="true">RSG</span>' in row and '<span aria-hidden="true">Surveys</span>' in row
    assert "Regional Stakeholder Group work (invitations, minutes)" in row  # the text a reader hears
    assert '<span aria-hidden="true">News</span>' not in row


def test_the_organisation_list_sorts_by_type_from_its_heading(client: Client, world: World) -> None:
    make_organisation(world.partner, name="Beta", type_code="foundation")
    make_organisation(world.partner, name="Alfa", type_code="association")
    body = get(client, world, ORGANISATIONS).content.decode()
    assert "sort=type" in heading(body, "Type")
    by_type = get(client, world, ORGANISATIONS, sort="type").context["page"].object_list
    reverse_type = get(client, world, ORGANISATIONS, sort="-type").context["page"].object_list
    assert [o.name for o in by_type] == [o.name for o in reverse_type][::-1]
    assert 'aria-sort="ascending"' in heading(
        get(client, world, ORGANISATIONS, sort="type").content.decode(), "Type"
    )


def test_the_htmx_partial_carries_the_headings_and_page_links(client: Client, world: World) -> None:
    for _n in range(30):
        make_person(world.partner)
    client.force_login(world.staff)
    body = client.get(reverse(PEOPLE), {"sort": "email"}, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in body and "page-links" in body and "sort=-name" not in body
    assert "sort=email&amp;page=2" in body


@pytest.mark.parametrize("sort", ["name", "-updated", "email"])
def test_the_people_list_makes_as_many_queries_for_100_rows_as_for_3(
    client: Client, world: World, count_queries: Any, sort: str
) -> None:
    organisation = make_organisation(world.partner)

    def add(count: int) -> None:
        for _n in range(count):
            person = make_person(world.partner, roles=["chair"], title_form="feminine")
            services.set_affiliation(person, actor=None, organisation=organisation, position="Prezeska")
            services.record_consent(
                person, actor=None, purpose="surveys", legal_basis="public_task", source="staff"
            )

    client.force_login(world.staff)
    add(3)
    client.get(reverse(PEOPLE))
    query = {"sort": sort, "per_page": "100"}
    few = count_queries(lambda: client.get(reverse(PEOPLE), query))
    add(97)
    many = count_queries(lambda: client.get(reverse(PEOPLE), query))
    assert few == many <= 11  # 10 for the page, 1 for the menu's count of waiting requests


def test_the_organisation_list_makes_as_many_queries_for_100_rows_as_for_3(
    client: Client, world: World, count_queries: Any
) -> None:
    client.force_login(world.staff)
    for _n in range(3):
        make_organisation(world.partner)
    client.get(reverse(ORGANISATIONS))
    query = {"sort": "type", "per_page": "100"}
    few = count_queries(lambda: client.get(reverse(ORGANISATIONS), query))
    for _n in range(97):
        make_organisation(world.partner)
    assert count_queries(lambda: client.get(reverse(ORGANISATIONS), query)) == few
