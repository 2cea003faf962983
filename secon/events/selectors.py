"""Reading events for visitors and documents: public lists, the agenda with presenters named only where
they may be (consent to publication in force, or acting in a public function)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from secon.events.models import AgendaItem, AgendaPresenter, Event, EventQuerySet
from secon.projects.models import Partner
from secon.registry.models import ConsentRecord, Purpose


def public_events(partner: Partner | None = None) -> EventQuerySet:
    events = Event.objects.public().select_related("partner", "type", "venue_unit")
    return events.for_partner(partner.pk) if partner is not None else events


def may_be_named(person_ids: set[int]) -> set[int]:
    """Of these people, those with a consent to publication in force (one query)."""
    if not person_ids:
        return set()
    return set(
        ConsentRecord.objects.in_force()
        .filter(purpose=Purpose.PUBLICATION, person_id__in=person_ids)
        .values_list("person_id", flat=True)
    )


@dataclass(frozen=True)
class ShownPresenter:
    """A presenter as a reader of a public page or document sees them."""

    named: bool
    name: str
    function: str
    organisation: str
    place: str

    @property
    def text(self) -> str:
        where = (
            f"{self.organisation} ({self.place})" if self.organisation and self.place else self.organisation
        )
        if self.named:
            return ", ".join(part for part in (self.name, self.function, where) if part)
        if where:
            return _("a representative of %(organisation)s") % {"organisation": where}
        return _("a presenter")


@dataclass(frozen=True)
class ShownItem:
    item: AgendaItem
    presenters: list[ShownPresenter]


def shown_presenter(presenter: AgendaPresenter, named_ids: set[int]) -> ShownPresenter:
    person = presenter.person
    named = (
        person is not None
        and person.anonymised_at is None
        and (presenter.public_function or person.pk in named_ids)
    )
    return ShownPresenter(
        named=named,
        name=person.full_name if named and person else "",
        function=presenter.function if named else "",
        organisation=presenter.organisation_name,
        place=presenter.place,
    )


def shown_agenda(event: Event) -> list[ShownItem]:
    """The agenda in order, each presenter named or described as a representative (two queries + one)."""
    presenters = AgendaPresenter.objects.select_related("person")
    items = list(
        event.agenda_items.prefetch_related(Prefetch("presenters", queryset=presenters), "attachments")
    )
    ids = {p.person_id for item in items for p in item.presenters.all() if p.person_id}
    named_ids = may_be_named(ids)
    return [ShownItem(item, [shown_presenter(p, named_ids) for p in item.presenters.all()]) for item in items]


def chair_named(event: Event) -> bool:
    """The chair acts in a public function: named, unless their data was erased."""
    return event.chair is not None and event.chair.anonymised_at is None
