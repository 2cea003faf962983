"""Import services: the dry run, bad rows, duplicates, all-or-nothing writes and idempotent re-imports."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import World
from secon.core.models import AuditEvent
from secon.registry import imports
from secon.registry.generator import write_organisation_import_csv
from secon.registry.imports import writing
from secon.registry.models import (
    Affiliation,
    ConsentRecord,
    ImportBatch,
    ImportStatus,
    Organisation,
    Person,
)
from secon.tests.factories import make_organisation, make_partner, make_person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

NIP_A, NIP_B = "5252248481", "1132853869"
HEADER = "Nazwa;Forma prawna;NIP;KRS;Miejscowość;Kod pocztowy\r\n"


def csv_file(text: str, name: str = "lista.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, ("\ufeff" + text).encode())


def uploaded(world: World, upload: SimpleUploadedFile, kind: str = "organisations") -> ImportBatch:
    """Upload, then run the reading task here (as the worker would)."""
    batch = imports.upload_import(world.partner, actor=world.staff, kind=kind, upload=upload, enqueue=False)
    return imports.read_import(batch.pk, attempt=batch.attempt, actor=world.staff)


def checked(world: World, text: str, kind: str = "organisations") -> ImportBatch:
    batch = uploaded(world, csv_file(text), kind)
    batch = imports.check_import(batch, actor=world.staff, mapping=batch.mapping, enqueue=False)
    return imports.run_check(batch.pk, attempt=batch.attempt, actor=world.staff)


def confirm(world: World, batch: ImportBatch, *, valid_rows_only: bool = False) -> ImportBatch:
    imports.confirm_import(batch, actor=world.staff, valid_rows_only=valid_rows_only, enqueue=False)
    return imports.write_import(batch.pk, actor=world.staff)


def test_columns_are_suggested_from_polish_and_english_headers() -> None:
    header = ["Nazwa", "Forma prawna", "NIP", "Kod pocztowy", "Miejscowość", "E-mail", "Website"]
    assert imports.suggest_mapping("organisations", header, "PL") == {
        "name": "Nazwa", "type": "Forma prawna", "nip": "NIP", "postal_code": "Kod pocztowy",
        "city": "Miejscowość", "email": "E-mail", "website": "Website",
    }  # fmt: skip
    people = imports.suggest_mapping(
        "people", ["Imię i nazwisko", "Organizacja", "Stanowisko", "Podstawa prawna"]
    )
    assert people == {
        "full_name": "Imię i nazwisko", "organisation": "Organizacja", "position": "Stanowisko",
        "legal_basis": "Podstawa prawna",
    }  # fmt: skip


def test_dry_run_reports_every_bad_row_with_line_column_and_reason_and_writes_nothing(world: World) -> None:
    batch = checked(
        world,
        HEADER
        + f"Spółdzielnia Razem;Spółdzielnia socjalna;{NIP_A};;Drobin;09-210\r\n"
        + "Fundacja Zła;Fundacja;5252248482;;Płock;09-400\r\n"
        + ";Fundacja;;;Radom;26-600\r\n"
        + "Stowarzyszenie;Nieznana forma;;12345678901;Radom;26600\r\n",
    )
    report = batch.report
    assert (report["rows"], report["create"], report["bad_rows"]) == (4, 1, 3)
    bad = {(row["line"], row["column"]) for row in report["bad"]}
    assert bad == {(3, "NIP"), (4, "Nazwa"), (5, "Forma prawna"), (5, "KRS"), (5, "Kod pocztowy")}
    assert "check digit" in next(r["reason"] for r in report["bad"] if r["line"] == 3)
    assert batch.status == ImportStatus.CHECKED
    assert not Organisation.objects.exists()


def test_a_file_with_bad_rows_is_not_imported_unless_the_user_chooses_the_valid_rows(world: World) -> None:
    batch = checked(world, HEADER + f"A;Fundacja;{NIP_A};;;\r\nB;Fundacja;123;;;\r\n")
    with pytest.raises(ValidationError, match="bad rows"):
        imports.confirm_import(batch, actor=world.staff, valid_rows_only=False)
    assert not Organisation.objects.exists()
    batch = confirm(world, batch, valid_rows_only=True)
    assert batch.status == ImportStatus.DONE
    assert list(Organisation.objects.values_list("name", "identifiers__value")) == [("A", NIP_A)]
    assert batch.result["skipped_bad_rows"] == 1


def test_reimporting_the_same_file_changes_nothing(world: World) -> None:
    text = HEADER + f"A;Fundacja;{NIP_A};;Drobin;\r\nKoło bez numerów;Koło gospodyń wiejskich;;;Mirów;\r\n"
    confirm(world, checked(world, text))
    second = checked(world, text)
    assert (second.report["create"], second.report["update"], second.report["unchanged"]) == (0, 0, 2)
    confirm(world, second)
    assert Organisation.objects.count() == 2


def test_an_identifier_in_the_registry_updates_it_and_a_same_name_without_identifiers_is_merged(
    world: World,
) -> None:
    known = make_organisation(world.partner, name="Fundacja Znana", nip=NIP_A, city="Radom")
    nameonly = make_organisation(world.partner, name="Spółdzielnia Socjalna Razem", city="Drobin", phone="1")
    batch = checked(
        world,
        "Nazwa;NIP;Miejscowość;Telefon;E-mail\r\n"
        + f"Fundacja Znana (nowa nazwa);{NIP_A};Radom;22 111 22 33;\r\n"
        + "SPÓŁDZIELNIA SOCJALNA RAZEM;;Drobin;999;razem@example.org\r\n",
    )
    assert (batch.report["update"], batch.report["merge"], batch.report["create"]) == (2, 1, 0)
    confirm(world, batch)
    known.refresh_from_db()
    nameonly.refresh_from_db()
    assert known.name == "Fundacja Znana (nowa nazwa)" and known.phone == "22 111 22 33"
    # A merge by name only fills what is empty: the phone on record stays.
    assert (nameonly.phone, nameonly.email) == ("1", "razem@example.org")
    assert AuditEvent.objects.filter(code="registry.organisation.updated", object_id=str(known.pk)).exists()


def test_rows_naming_the_same_organisation_twice_become_one_record(world: World) -> None:
    batch = checked(world, HEADER + f"A;Fundacja;{NIP_A};;;\r\nA bis;Fundacja;{NIP_A};;Radom;\r\n")
    assert batch.report["create"] == 1
    assert batch.report["duplicates"] == [{"line": 3, "first_line": 2, "name": "A bis"}]
    confirm(world, batch)
    assert list(Organisation.objects.values_list("name", "city")) == [("A bis", "Radom")]


def test_identifiers_pointing_at_two_organisations_make_a_bad_row(world: World) -> None:
    make_organisation(world.partner, nip=NIP_A)
    make_organisation(world.partner, krs="0000012345")
    batch = checked(world, HEADER + f"X;Fundacja;{NIP_A};12345;;\r\n")
    assert batch.report["bad"][0]["reason"] == "The identifiers point at different organisations."


def test_another_partners_records_are_never_matched(world: World) -> None:
    elsewhere = make_partner(world.project, slug="warmia", country="PL")
    make_organisation(elsewhere, name="Obca", nip=NIP_A)
    batch = checked(world, HEADER + f"Nasza;Fundacja;{NIP_A};;;\r\n")
    assert batch.report["create"] == 1
    confirm(world, batch)
    assert Organisation.objects.filter(identifiers__value=NIP_A).count() == 2
    assert Organisation.objects.get(identifiers__value=NIP_A, partner=elsewhere).name == "Obca"


def spanish(world: World, text: str) -> ImportBatch:
    batch = imports.upload_import(
        world.other_partner,
        actor=world.other_staff,
        kind="organisations",
        upload=csv_file(text),
        enqueue=False,
    )
    batch = imports.read_import(batch.pk, attempt=batch.attempt, actor=world.other_staff)
    batch = imports.check_import(batch, actor=world.other_staff, mapping=batch.mapping, enqueue=False)
    return imports.run_check(batch.pk, attempt=batch.attempt, actor=world.other_staff)


def test_a_spanish_partners_file_has_a_nif_column_and_spanish_legal_forms(world: World) -> None:
    batch = spanish(
        world, "Nombre;Forma jurídica;NIF;Código postal\r\nCoop;Cooperativa;B-1234567-4;06800\r\n"
    )
    # Spanish headers are recognised as Polish and English ones are.
    assert batch.mapping == {
        "name": "Nombre",
        "type": "Forma jurídica",
        "nif": "NIF",
        "postal_code": "Código postal",
    }
    assert batch.report["create"] == 1
    imports.confirm_import(batch, actor=world.other_staff, valid_rows_only=False, enqueue=False)
    imports.write_import(batch.pk, actor=world.other_staff)
    organisation = Organisation.objects.get(partner=world.other_partner)
    assert organisation.type.code == "es-cooperativa"
    assert organisation.identifier_values() == {"nif": "B12345674"}


def test_a_polish_nip_in_a_spanish_file_is_a_bad_row_saying_whose_number_it_is(world: World) -> None:
    batch = spanish(world, f"Name;NIF;Legal form\r\nCoop;{NIP_A};Cooperativa\r\nOtra;;Fundacja\r\n")
    bad = {(row["line"], row["column"]): row["reason"] for row in batch.report["bad"]}
    assert "NIP (Poland)" in bad[(2, "NIF")] and "partner in Spain" in bad[(2, "NIF")]
    # A Polish legal form is not one of Spain's.
    assert bad[(3, "Legal form")] == "Unknown legal form or type “Fundacja”."
    assert batch.report["create"] == 0


def test_confirming_twice_imports_once(world: World) -> None:
    batch = checked(world, HEADER + f"A;Fundacja;{NIP_A};;;\r\n")
    confirm(world, batch)
    again = confirm(world, batch)
    assert again.status == ImportStatus.DONE
    assert Organisation.objects.count() == 1
    assert AuditEvent.objects.filter(code="registry.import.completed").count() == 1


def test_a_failure_while_writing_leaves_nothing_written(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    batch = checked(world, HEADER + f"A;Fundacja;{NIP_A};;;\r\nB;Fundacja;{NIP_B};;;\r\n")
    imports.confirm_import(batch, actor=world.staff, valid_rows_only=False, enqueue=False)

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(writing, "audit_rows", boom)
    with pytest.raises(RuntimeError):
        imports.write_import(batch.pk, actor=world.staff)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED and "disk full" in batch.error
    assert not Organisation.objects.exists()


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(world: World, settings: object) -> None:
    settings.REGISTRY_IMPORT_MAX_BYTES = 1000  # type: ignore[attr-defined]
    upload = csv_file(HEADER + "A;Fundacja;;;;\r\n" * 200)
    with pytest.raises(ValidationError, match="larger than"):
        imports.upload_import(world.partner, actor=world.staff, kind="organisations", upload=upload)
    assert not ImportBatch.objects.exists()


def test_a_50_megabyte_file_is_refused_at_the_default_limit(world: World) -> None:
    row = b"Organizacja;Fundacja;;;Radom;26-600\r\n"
    data = b"Nazwa;Forma prawna;NIP;KRS;Miasto;Kod\r\n" + row * (50 * 1024 * 1024 // len(row) + 1)
    with pytest.raises(ValidationError, match="larger than 50 MB"):
        imports.upload_import(
            world.partner, actor=world.staff, kind="organisations", upload=SimpleUploadedFile("big.csv", data)
        )


def test_wrong_encoding_is_refused_on_upload_and_malformed_files_by_the_reading_task(world: World) -> None:
    with pytest.raises(ValidationError, match="UTF-16"):
        imports.upload_import(
            world.partner,
            actor=world.staff,
            kind="organisations",
            upload=SimpleUploadedFile("f.csv", "Nazwa\tNIP\n".encode("utf-16")),
        )
    for data, reason in ((b'Nazwa;NIP\n"A;1\n', "Row 2"), (b"PK\x03\x04broken", "Excel workbook")):
        batch = uploaded(world, SimpleUploadedFile("f.csv", data))
        assert batch.status == ImportStatus.FAILED
        assert reason in batch.error


def test_people_import_links_organisations_and_records_consents_only_with_a_legal_basis(world: World) -> None:
    organisation = make_organisation(world.partner, name="Fundacja Znana", nip=NIP_A)
    batch = checked(
        world,
        "Imię i nazwisko;E-mail;Organizacja;Stanowisko;Role;Zgody;Podstawa prawna\r\n"
        + f"Anna Nowak;anna@example.org;{NIP_A};prezeska;prelegent;newsletter;zgoda\r\n"
        + "Jan Kowalski;jan@example.org;Fundacja Znana;;;newsletter;\r\n"
        + "Ewa Duplikat;ANNA@example.org;;;;;\r\n",
        kind="people",
    )
    assert batch.report["bad"] == [
        {
            "line": 4,
            "column": "E-mail",
            "reason": "The e-mail anna@example.org is also on line 2; each person needs their own.",
        }
    ]
    assert batch.report["notes"][0]["line"] == 3
    confirm(world, batch, valid_rows_only=True)
    anna = Person.objects.get(email="anna@example.org")
    assert Affiliation.objects.get(person=anna).organisation == organisation
    consent = ConsentRecord.objects.get(person=anna)
    assert (consent.purpose, consent.legal_basis, consent.source) == ("newsletter", "consent", "import")
    assert anna.role_codes == ["speaker"]
    assert not ConsentRecord.objects.filter(person__email="jan@example.org").exists()


def test_a_people_row_with_an_email_already_in_the_registry_updates_that_person(world: World) -> None:
    person = make_person(world.partner, full_name="Anna Nowak", email="anna@example.org")
    batch = checked(
        world, "Imię i nazwisko;E-mail;Telefon\r\nAnna Nowak-Kowalska;Anna@Example.org;600\r\n", "people"
    )
    assert (batch.report["update"], batch.report["create"]) == (1, 0)
    confirm(world, batch)
    person.refresh_from_db()
    assert (person.full_name, person.phone) == ("Anna Nowak-Kowalska", "600")


def test_a_generated_file_with_faults_imports_its_valid_rows(world: World) -> None:
    make_organisation(world.partner)
    stream = io.StringIO()
    stats = write_organisation_import_csv(stream, rows=400, bad_share=0.02, duplicate_share=0.05, seed=4)
    batch = imports.import_file_for_partner(
        world.partner,
        stream.getvalue().encode("utf-8-sig"),
        kind="organisations",
        actor=None,
        valid_rows_only=True,
    )
    assert batch.status == ImportStatus.DONE, batch.error
    assert batch.report["bad_rows"] == stats.bad
    assert batch.report["duplicates_in_file"] == stats.duplicates
    assert (
        Organisation.objects.for_partner(world.partner.pk).count() == 1 + 400 - stats.bad - stats.duplicates
    )


def test_reimporting_people_adds_no_second_consent_role_or_affiliation(world: World) -> None:
    make_organisation(world.partner, name="Fundacja Znana", nip=NIP_A)
    text = (
        "Imię i nazwisko;E-mail;Organizacja;Role;Zgody;Podstawa prawna\r\n"
        + f"Anna Nowak;anna@example.org;{NIP_A};prelegent;newsletter;zgoda\r\n"
    )
    confirm(world, checked(world, text, kind="people"))
    again = checked(world, text, kind="people")
    assert (again.report["update"], again.report["unchanged"], again.report["create"]) == (0, 1, 0)
    confirm(world, again)
    assert (ConsentRecord.objects.count(), Affiliation.objects.count(), Person.objects.count()) == (1, 1, 1)


def test_an_xlsx_file_is_imported_like_a_csv(world: World) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Name", "Legal form", "NIP", "Town"])
    sheet.append(["Foundation One", "Foundation", int(NIP_A), "Radom"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    batch = uploaded(world, SimpleUploadedFile("list.xlsx", buffer.getvalue()))
    batch = imports.check_import(batch, actor=world.staff, mapping=batch.mapping, enqueue=False)
    batch = imports.run_check(batch.pk, attempt=batch.attempt, actor=world.staff)
    assert batch.report["create"] == 1, batch.report
    confirm(world, batch)
    assert Organisation.objects.get().identifier_values() == {"nip": NIP_A}


def test_the_import_command_reports_bad_rows_and_writes_only_when_told(
    world: World, tmp_path: object
) -> None:
    from pathlib import Path

    from django.core.management import CommandError, call_command

    path = Path(str(tmp_path)) / "lista.csv"
    path.write_text(HEADER + f"A;Fundacja;{NIP_A};;;\r\nB;Fundacja;123;;;\r\n", encoding="utf-8-sig")
    out = io.StringIO()
    with pytest.raises(CommandError, match="bad rows"):
        call_command("import_registry", str(path), partner="mazovia", stdout=out)
    assert "row 3, NIP" in out.getvalue()
    assert not Organisation.objects.exists()
    call_command("import_registry", str(path), partner="mazovia", valid_rows_only=True, stdout=out)
    assert Organisation.objects.count() == 1


def test_a_website_longer_than_the_registry_keeps_is_a_bad_cell_not_cut_short(world: World) -> None:
    long_address = "https://example.org/" + "a" * 200
    batch = checked(
        world, "Nazwa;Forma prawna;Strona www\r\n" + f"Fundacja Długa;Fundacja;{long_address}\r\n"
    )
    assert batch.report["bad"] == [
        {"line": 2, "column": "Strona www", "reason": "Too long: at most 200 characters."}
    ]
    with pytest.raises(ValidationError):
        confirm(world, batch)
    assert not Organisation.objects.filter(name="Fundacja Długa").exists()


def test_a_clause_version_longer_than_the_registry_keeps_is_a_bad_cell_not_cut_short(world: World) -> None:
    version = "klauzula-informacyjna-2026-11-wersja-poprawiona"  # 47 characters; the registry keeps 40
    batch = checked(
        world,
        "Imię i nazwisko;E-mail;Zgody;Podstawa prawna;Wersja klauzuli\r\n"
        + f"Anna Nowak;anna@example.org;newsletter;zgoda;{version}\r\n",
        kind="people",
    )
    assert batch.report["bad"] == [
        {"line": 2, "column": "Wersja klauzuli", "reason": "Too long: at most 40 characters."}
    ]
    assert not ConsentRecord.objects.exists()
