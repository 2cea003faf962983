"""GDPR services: the export holds everything, the PDF reads, erasure keeps counts and leaves no trace."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from weasyprint.formatting_structure import boxes

from conftest import World
from secon.core import personal_data, scrubbing
from secon.core.audit import record_event, register_actions
from secon.core.models import AuditEvent
from secon.registry.models import (
    Affiliation,
    ConsentRecord,
    JoinRequest,
    Person,
    PersonRoleAssignment,
    RsgMembership,
)
from secon.registry.privacy import erasure, export, retention
from secon.registry.privacy import pdf as pdf_layout
from secon.registry.records import services
from secon.registry.tests.gdpr_builders import EMAIL, NAME, NOTES, PHONE, make_join_request, make_rich_person
from secon.tests.factories import make_organisation, make_person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


# ---- export ----------------------------------------------------------------------------------------


def test_the_export_holds_every_kind_of_data_kept_on_a_person(world: World) -> None:
    rich = make_rich_person(world.partner, actor=world.staff)
    data = export.export_person_data(rich.person, actor=world.staff)

    assert data["schema"] == export.EXPORT_SCHEMA and data["schema_version"] == export.EXPORT_SCHEMA_VERSION
    assert (
        data["person"] | {"full_name": NAME, "email": EMAIL, "phone": PHONE, "notes": NOTES} == data["person"]
    )
    assert data["partner"]["name"] == world.partner.name
    assert data["controller"]["dpo_email"]
    assert {role["code"] for role in data["roles"]} == {"rsg_member", "speaker"}
    assert data["affiliations"][0]["position"] == "Prezeska zarządu"
    # The whole history of consents: the replaced and the withdrawn records too.
    newsletter = [c for c in data["consents"] if c["purpose"] == "newsletter"]
    assert [c["text_version"] for c in newsletter] == ["v1", "v2"]
    assert [c["withdrawal_source"] for c in newsletter] == ["replaced", "opt_out_link"]
    assert [c["in_force"] for c in data["consents"] if c["purpose"] == "rsg_communication"] == [True]
    assert data["memberships"][0]["since"] == "2023-04-21"
    assert data["join_requests"][0]["message"].startswith("Proszę o kontakt")
    codes = {event["code"] for event in data["audit_events"]}
    assert {
        "registry.person.created",
        "registry.person.updated",
        "registry.person.affiliation_set",
        "registry.consent.recorded",
        "registry.consent.withdrawn",
        "registry.membership.added",
    } <= codes
    # Plain JSON values all the way down, labels in the person's language.
    assert json.loads(export.export_as_json(data)) == data
    assert data["language"] == "pl"


def test_the_export_leaves_out_other_peoples_requests_and_other_partners(world: World) -> None:
    rich = make_rich_person(world.partner, actor=world.staff)
    make_join_request(world.partner, email="someone.else@example.org")
    make_join_request(world.other_partner, email=EMAIL)  # same address, another region's registry
    data = export.export_person_data(rich.person, actor=world.staff)
    assert [request["id"] for request in data["join_requests"]] == [rich.join_request.pk]


def test_the_export_masks_secrets_found_in_the_audit_log(world: World) -> None:
    person = make_person(world.partner)
    event = record_event("registry.person.updated", actor=world.staff, obj=person)
    AuditEvent.objects.filter(pk=event.pk).update(changes={"token": "s3cr3t", "email": ["a", "b"]})
    data = export.export_person_data(person, actor=world.staff)
    row = next(e for e in data["audit_events"] if e["code"] == "registry.person.updated")
    assert row["changes"] == {"token": "***", "email": ["a", "b"]}
    assert "s3cr3t" not in json.dumps(data)


def test_the_export_names_staff_by_role_not_by_name(world: World) -> None:
    person = make_person(world.partner)
    services.update_person(person, actor=world.coordinator, phone="123456")
    data = export.export_person_data(person, actor=world.staff)
    assert world.coordinator.full_name not in json.dumps(data, ensure_ascii=False)


def test_each_export_is_audited_without_the_data_itself(world: World) -> None:
    rich = make_rich_person(world.partner, actor=world.staff)
    export.export_person_data(rich.person, actor=world.staff, file_format="pdf")
    event = AuditEvent.objects.get(code="registry.person.exported")
    assert event.actor == world.staff
    assert event.changes == {"format": "pdf", "schema_version": export.EXPORT_SCHEMA_VERSION}


def test_collecting_the_data_takes_as_many_queries_for_a_long_history_as_for_a_short_one(
    world: World, count_queries: Any
) -> None:
    short = make_rich_person(world.partner, actor=world.staff, name="Anna Krótka", email="a@example.org")
    long = make_rich_person(world.partner, actor=world.staff, name="Ewa Długa", email="e@example.org")
    for n in range(5):
        organisation = make_organisation(world.partner)
        services.set_affiliation(long.person, actor=world.staff, organisation=organisation)
        services.add_membership(
            long.person, actor=world.staff, organisation=organisation, since=dt.date(2024, 1, n + 1)
        )
        make_join_request(world.partner, email="e@example.org", full_name=f"Ewa {n}")
    # One collection first: caches filled once per process (content types) are not the history's cost.
    export.collect_person_data(short.person)
    assert count_queries(lambda: export.collect_person_data(long.person)) == count_queries(
        lambda: export.collect_person_data(short.person)
    )


def test_other_apps_add_their_records_to_the_export_and_the_erasure(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(personal_data, "_SECTIONS", dict(personal_data._SECTIONS))
    erased: list[int] = []
    personal_data.register_person_data(
        "attendance",
        title="Attendance",
        export=lambda person: [{"meeting": "4th RSG meeting", "attended": "yes"}],
        anonymise=lambda person, now: erased.append(person.pk),
    )
    person = make_person(world.partner)
    data = export.export_person_data(person, actor=world.staff)
    # Beside the sections the installed apps register (events: chairing and presenting).
    assert data["other"]["attendance"] == [{"meeting": "4th RSG meeting", "attended": "yes"}]
    assert "4th RSG meeting" in _pdf_text(data)
    erasure.anonymise_person(person, actor=world.coordinator, reason="request")
    assert erased == [person.pk]


# ---- the readable PDF ------------------------------------------------------------------------------


def _pdf_text(data: dict[str, Any]) -> str:
    """The text laid out on the PDF's pages (pypdf and pdftotext are not available here)."""
    document = pdf_layout.person_export_document(data)

    def texts(box: Any) -> Any:
        if isinstance(box, boxes.TextBox):
            yield box.text
        for child in getattr(box, "children", None) or []:
            yield from texts(child)

    return " ".join(text for page in document.pages for text in texts(page._page_box))


def test_the_pdf_export_is_a_real_pdf_with_the_persons_data(world: World) -> None:
    rich = make_rich_person(world.partner, actor=world.staff)
    data = export.export_person_data(rich.person, actor=world.staff, file_format="pdf")
    pdf = pdf_layout.render_person_export_pdf(data)
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    text = _pdf_text(data)
    for expected in (NAME, EMAIL, "Prezeska zarządu", "opt_out_link"):
        assert expected in text
    # Long codes wrap inside their table cell, so their pieces are separate boxes.
    assert "registry.membership.added" in text.replace(" ", "")


def test_the_pdf_is_in_the_persons_language(world: World) -> None:
    person = make_person(world.partner, full_name="Jane Doe", language="en")
    data = export.export_person_data(person, actor=world.staff)
    document = pdf_layout.person_export_document(data)
    assert document.metadata.lang == "en"
    assert "Personal data held about Jane Doe" in _pdf_text(data)
    assert "Consents and legal bases" in _pdf_text(data)

    polish = pdf_layout.person_export_document(
        export.collect_person_data(make_person(world.partner, language="pl"))
    )
    assert polish.metadata.lang == "pl"


def test_polish_letters_render_in_dejavu_with_no_glyph_missing(world: World) -> None:
    rich = make_rich_person(world.partner, actor=world.staff)
    services.update_person(
        rich.person, actor=world.staff, notes="Łódź, Gdańsk, Kraków — żółć, źdźbło, ĄĆĘŁŃÓŚŹŻ"
    )
    document = pdf_layout.person_export_document(export.collect_person_data(rich.person))
    document.write_pdf()  # the fonts are chosen and subset while the PDF is written
    assert document.fonts
    for font in document.fonts.values():
        assert font.family.startswith("DejaVu"), font.family
        assert not font.missing, f"{font.family} lacks glyphs for {[chr(c) for c in font.missing]}"
    assert "ĄĆĘŁŃÓŚŹŻ" in _pdf_text(export.collect_person_data(rich.person))


# ---- erasure ---------------------------------------------------------------------------------------


def _dump() -> str:
    output = io.StringIO()
    call_command("dumpdata", stdout=output)
    return output.getvalue()


def _forms(value: str) -> list[str]:
    """The ways a value may be spelled in a dump: as written, JSON-escaped, lower case."""
    return [value.lower(), json.dumps(value)[1:-1].lower()]


def test_anonymisation_leaves_no_personal_value_anywhere_in_the_database(world: World) -> None:
    rich = make_rich_person(world.partner, actor=world.staff)
    export.export_person_data(rich.person, actor=world.staff)
    before = _dump().lower()
    for value in (NAME, EMAIL, PHONE, NOTES, "Prezeska zarządu"):
        assert any(form in before for form in _forms(value)), value  # the dump does show them when held

    erasure.anonymise_person(rich.person, actor=world.coordinator, reason="request")

    after = _dump().lower()
    for value in (NAME, EMAIL, PHONE, NOTES, "Prezeska zarządu", "Proszę o kontakt"):
        assert not any(form in after for form in _forms(value)), f"{value} is still in the database"


def test_anonymisation_keeps_the_counts_the_reports_are_made_of(world: World) -> None:
    rich = make_rich_person(world.partner, actor=world.staff)
    other = make_rich_person(world.partner, actor=world.staff, name="Jan Drugi", email="jan@example.org")
    days = [dt.date(2023, 6, 16), dt.date(2024, 2, 23), dt.date.today()]
    before = [services.composition_on(world.partner, day) for day in days]
    counts = (
        Affiliation.objects.count(),
        PersonRoleAssignment.objects.count(),
        ConsentRecord.objects.count(),
    )

    erasure.anonymise_person(rich.person, actor=world.coordinator, reason="request")

    assert [services.composition_on(world.partner, day) for day in days] == before
    assert before[1]["members"] == 2
    assert counts == (
        Affiliation.objects.count(),
        PersonRoleAssignment.objects.count(),
        ConsentRecord.objects.count(),
    )
    assert Person.objects.count() == 2 and Person.objects.active().get() == other.person
    assert JoinRequest.objects.count() == 2


def test_anonymisation_empties_the_person_and_withdraws_what_was_in_force(world: World) -> None:
    rich = make_rich_person(world.partner, actor=world.staff)
    person = erasure.anonymise_person(rich.person, actor=world.coordinator, reason="request")
    person.refresh_from_db()
    assert person.full_name == erasure.anonymous_name(person)
    assert f"#{person.pk}" in person.full_name
    assert (person.email, person.phone, person.notes, person.search_text) == ("", "", "", "")
    assert person.anonymised_at is not None
    assert not ConsentRecord.objects.filter(person=person).in_force().exists()
    assert not services.may_contact(person, "rsg_communication")
    assert Affiliation.objects.get(person=person).position == ""
    # An open membership ends on the day of erasure; it still counts for every day it was held.
    membership = RsgMembership.objects.get(pk=rich.membership.pk)
    assert membership.until == dt.date.today()
    request = JoinRequest.objects.get(pk=rich.join_request.pk)
    assert (request.email, request.message, request.organisation_name) == ("", "", "")
    assert request.status == "accepted" and request.person == person


def test_a_membership_that_had_not_started_is_removed_on_erasure(world: World) -> None:
    person = make_person(world.partner)
    organisation = make_organisation(world.partner)
    services.add_membership(person, actor=world.staff, organisation=organisation, since=dt.date(2099, 1, 1))
    erasure.anonymise_person(person, actor=world.coordinator, reason="request")
    assert not RsgMembership.objects.exists()


def test_the_audit_log_keeps_its_codes_and_dates_but_not_the_persons_values(world: World) -> None:
    rich = make_rich_person(world.partner, actor=world.staff)
    # An event about another record that mentions the person by name and e-mail (an app still to come).
    register_actions({"events.meeting.minutes_approved": "Minutes approved"})
    record_event(
        "events.meeting.minutes_approved",
        actor=world.staff,
        obj=rich.organisation,
        changes={"present": [f"{NAME} <{EMAIL}>", "Jan Inny"]},
    )
    before = list(AuditEvent.objects.order_by("pk").values_list("pk", "code", "at", "actor_id"))

    erasure.anonymise_person(rich.person, actor=world.coordinator, reason="request")

    after = list(AuditEvent.objects.order_by("pk").values_list("pk", "code", "at", "actor_id"))
    assert after[: len(before)] == before
    assert after[-1][1] == "registry.person.anonymised"
    minutes = AuditEvent.objects.get(code="events.meeting.minutes_approved")
    assert minutes.changes == {"present": [f"{scrubbing.ERASED} <{scrubbing.ERASED}>", "Jan Inny"]}
    created = AuditEvent.objects.get(code="registry.person.created")
    assert created.object_repr == erasure.anonymous_name(rich.person)
    assert created.changes["email"] == scrubbing.ERASED and created.changes["language"] == "pl"
    position = AuditEvent.objects.get(code="registry.person.affiliation_set")
    assert position.changes["position"] == scrubbing.ERASED
    assert position.changes["organisation"] == "Spółdzielnia Socjalna w Drobinie"


def test_the_erasure_event_does_not_name_what_it_erased(world: World) -> None:
    rich = make_rich_person(world.partner, actor=world.staff)
    erasure.anonymise_person(rich.person, actor=world.coordinator, reason="request")
    event = AuditEvent.objects.get(code="registry.person.anonymised")
    assert event.actor == world.coordinator
    assert event.changes["reason"] == "request"
    assert event.changes["erased"] == ["given_names", "surname", "email", "phone", "notes"]
    text = json.dumps(event.changes, ensure_ascii=False) + event.object_repr
    for value in (NAME, EMAIL, PHONE):
        assert value not in text


def test_another_partners_audit_log_is_left_alone(world: World) -> None:
    rich = make_rich_person(world.partner, actor=world.staff)
    namesake = make_person(world.other_partner, full_name=NAME, email=EMAIL)
    erasure.anonymise_person(rich.person, actor=world.coordinator, reason="request")
    event = AuditEvent.objects.for_object(namesake).get(code="registry.person.created")
    assert event.changes["full_name"] == NAME and event.object_repr == NAME


def test_erasing_twice_or_for_no_known_reason_is_refused_and_changes_nothing(world: World) -> None:
    person = make_person(world.partner, full_name="Anna Nowak")
    with pytest.raises(ValidationError):
        erasure.anonymise_person(person, actor=world.coordinator, reason="because")
    person.refresh_from_db()
    assert person.full_name == "Anna Nowak" and person.anonymised_at is None
    erasure.anonymise_person(person, actor=world.coordinator, reason="request")
    with pytest.raises(ValidationError):
        erasure.anonymise_person(person, actor=world.coordinator, reason="request")
    assert AuditEvent.objects.filter(code="registry.person.anonymised").count() == 1


# ---- retention -------------------------------------------------------------------------------------


NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)


def _age(obj: Any, **fields: Any) -> None:
    type(obj).objects.filter(pk=obj.pk).update(**fields)


def _retention_world(world: World) -> dict[str, Any]:
    """One record for each retention rule, and one just inside each period."""
    long_ago, lately = NOW - dt.timedelta(days=400), NOW - dt.timedelta(days=10)
    unconfirmed_old = make_join_request(world.partner, full_name="Old Unconfirmed", email="old@example.org")
    _age(unconfirmed_old, created_at=NOW - dt.timedelta(days=31))
    unconfirmed_new = make_join_request(world.partner, email="new@example.org")
    _age(unconfirmed_new, created_at=NOW - dt.timedelta(days=29))
    declined_old = make_join_request(world.other_partner, status="declined", email="no@example.org")
    _age(declined_old, reviewed_at=NOW - dt.timedelta(days=181))
    declined_new = make_join_request(
        world.partner, status="declined", reviewed_at=NOW - dt.timedelta(days=179)
    )

    def withdrawn_person(name: str, when: dt.datetime) -> Person:
        person = make_person(world.partner, full_name=name)
        services.record_consent(
            person, actor=None, purpose="newsletter", legal_basis="consent", source="form"
        )
        ConsentRecord.objects.filter(person=person).update(
            withdrawn_at=when, withdrawal_source="opt_out_link"
        )
        return person

    gone = withdrawn_person("Long Gone", long_ago)
    recent = withdrawn_person("Recently Withdrawn", lately)
    member = withdrawn_person("Still A Member", long_ago)
    services.add_membership(
        member, actor=None, organisation=make_organisation(world.partner), since=dt.date(2023, 4, 21)
    )
    in_force = make_person(world.partner, full_name="In Force")
    services.record_consent(
        in_force, actor=None, purpose="rsg_communication", legal_basis="public_task", source="staff"
    )
    no_basis = make_person(world.partner, full_name="No Basis")
    return {
        "deleted": {unconfirmed_old.pk, declined_old.pk},
        "kept_requests": {unconfirmed_new.pk, declined_new.pk},
        "gone": gone,
        "kept_people": {recent.pk, member.pk, in_force.pk, no_basis.pk},
        "no_basis": no_basis,
    }


def test_the_retention_dry_run_reports_each_rule_and_changes_nothing(world: World) -> None:
    case = _retention_world(world)
    events, requests = AuditEvent.objects.count(), JoinRequest.objects.count()
    report = retention.purge_personal_data(now=NOW, dry_run=True)
    rules = {rule.code: rule for rule in report.rules}
    assert set(rules["join_unconfirmed"].ids) | set(rules["join_declined"].ids) == case["deleted"]
    assert rules["person_withdrawn"].ids == [case["gone"].pk]
    assert (
        rules["person_without_basis"].ids == [case["no_basis"].pk] and not rules["person_without_basis"].acts
    )
    assert report.total == 3
    assert (AuditEvent.objects.count(), JoinRequest.objects.count()) == (events, requests)
    assert not Person.objects.filter(anonymised_at__isnull=False).exists()
    assert "Dry run" in report.lines()[0]


def test_applying_the_retention_rules_deletes_anonymises_and_audits(world: World) -> None:
    case = _retention_world(world)
    retention.purge_personal_data(now=NOW, dry_run=False)
    assert set(JoinRequest.objects.values_list("pk", flat=True)) == case["kept_requests"]
    assert list(Person.objects.filter(anonymised_at__isnull=False).values_list("pk", flat=True)) == [
        case["gone"].pk
    ]
    assert set(Person.objects.active().values_list("pk", flat=True)) == case["kept_people"]
    anonymised = AuditEvent.objects.get(code="registry.person.anonymised")
    assert anonymised.actor is None and anonymised.changes["reason"] == "retention"
    purged = {e.partner_id: e.changes for e in AuditEvent.objects.filter(code="registry.retention.purged")}
    assert purged[world.partner.pk] == {
        "join_unconfirmed": 1,
        "join_declined": 0,
        "person_withdrawn": 1,
        "import_files": 0,
    }
    assert purged[world.other_partner.pk] == {
        "join_unconfirmed": 0,
        "join_declined": 1,
        "person_withdrawn": 0,
        "import_files": 0,
    }
    assert purged[None]["person_withdrawn"] == 1 and purged[None]["join_declined_after_days"] == 180
    assert "Old Unconfirmed" not in _dump()


def test_the_retention_periods_come_from_the_settings(world: World, settings: Any) -> None:
    case = _retention_world(world)
    settings.JOIN_UNCONFIRMED_RETENTION_DAYS = 20
    settings.PERSON_RETENTION_DAYS_AFTER_WITHDRAWAL = 5
    rules = {rule.code: rule for rule in retention.retention_rules(NOW)}
    assert len(rules["join_unconfirmed"].ids) == 2
    assert len(rules["person_withdrawn"].ids) == 2  # "Recently Withdrawn" too; the member still stays
    assert case["gone"].pk in rules["person_withdrawn"].ids


def test_the_purge_command_is_a_dry_run_unless_told_to_apply(world: World) -> None:
    old = make_join_request(world.partner)
    _age(old, created_at=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    output = io.StringIO()
    call_command("purge_personal_data", stdout=output)
    assert "Dry run" in output.getvalue() and "--apply" in output.getvalue()
    assert JoinRequest.objects.filter(pk=old.pk).exists()
    assert not AuditEvent.objects.filter(code="registry.retention.purged").exists()

    output = io.StringIO()
    call_command("purge_personal_data", "--apply", stdout=output)
    assert "Applied" in output.getvalue()
    assert not JoinRequest.objects.filter(pk=old.pk).exists()
    assert AuditEvent.objects.filter(code="registry.retention.purged", partner=world.partner).exists()


def test_an_applied_run_with_nothing_due_is_still_recorded(world: World) -> None:
    report = retention.purge_personal_data(dry_run=False)
    assert report.total == 0
    event = AuditEvent.objects.get(code="registry.retention.purged")
    assert event.partner is None and event.changes["join_unconfirmed"] == 0


def test_the_registrys_own_data_goes_through_the_same_sections_as_other_apps() -> None:
    own = [section for section in personal_data.registered_sections() if section.top_level]
    keys = [section.key for section in own]
    assert keys == ["roles", "affiliations", "consents", "memberships", "join_requests"]
    # Everything the registry erases besides the person's own fields is erased by a section.
    assert {section.key for section in own if section.anonymise} == {
        "affiliations", "consents", "memberships", "join_requests",
    }  # fmt: skip
